from dataclasses import dataclass

from django.db.models import F, QuerySet
from django.utils.translation import get_language

from cms.core import content_cache
from cms.core.locales import default_locale_id

from .search import search_terms

# The page models build their context with these selectors, so they take the library page
# (whose documents() gives its document pages) instead of importing the models.


def search_documents(
    *, index_page, query: str = "", document_type: str = "", status: str = "", year=None
) -> QuerySet:
    """Live documents of a library, filtered. Every search word must begin a word of the
    document (or be part of its number), without regard to diacritics or case."""
    documents = index_page.documents().live()
    for term in search_terms(query):
        documents = documents.filter(search_text__contains=f" {term}")
    if document_type:
        documents = documents.filter(document_type=document_type)
    if status:
        documents = documents.filter(status=status)
    if year:
        documents = documents.filter(signed_date__year=year)
    return documents.order_by(F("signed_date").desc(nulls_last=True), "title")


def document_years(*, index_page) -> tuple[int, ...]:
    """The years documents were signed in, newest first (for the library's filter)."""

    def years():
        dates = (
            index_page.documents()
            .live()
            .filter(signed_date__isnull=False)
            .dates("signed_date", "year", order="DESC")
        )
        return tuple(day.year for day in dates)

    return content_cache.get_or_build(("document-years", index_page.pk), years)


def source_document(page):
    """The Vietnamese original of a (possibly translated) document: read receipts and the
    dissemination indicator count documents, not language versions."""
    default_id = default_locale_id()
    if page.locale_id == default_id:
        return page
    original = (
        type(page)
        .objects.filter(translation_key=page.translation_key, locale_id=default_id)
        .first()
    )
    return original or page


@dataclass(frozen=True)
class RelatedDocument:
    number: str
    title: str
    url: str

    @classmethod
    def of(cls, page) -> "RelatedDocument":
        return cls(number=page.number, title=page.title, url=page.get_url())


@dataclass(frozen=True)
class Relations:
    replaced_by: RelatedDocument | None
    replaces: tuple[RelatedDocument, ...]
    amends: tuple[RelatedDocument, ...]


def document_relations(page) -> Relations:
    """The live documents that replace, are replaced by or are amended by this one, in the
    reader's language where translated: kept in the content cache (emptied on publication)."""
    if page.pk is None:  # a new page's preview
        return _document_relations(page)
    key = ("legal-relations", page.pk, get_language())
    return content_cache.get_or_build(key, lambda: _document_relations(page))


def _document_relations(page) -> Relations:
    replacement = page.replaced_by.localized if page.replaced_by_id else None
    return Relations(
        replaced_by=RelatedDocument.of(replacement) if replacement and replacement.live else None,
        replaces=tuple(
            RelatedDocument.of(old)
            for old in page.replaces.live().filter(locale_id=page.locale_id).order_by("path")
        )
        if page.pk
        else (),
        amends=tuple(
            RelatedDocument.of(amended.localized) for amended in page.amends.all() if amended.live
        ),
    )
