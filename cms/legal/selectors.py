from django.db.models import F, QuerySet
from wagtail.models import Locale

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


def document_years(*, index_page) -> list[int]:
    dates = (
        index_page.documents()
        .live()
        .filter(signed_date__isnull=False)
        .dates("signed_date", "year", order="DESC")
    )
    return [day.year for day in dates]


def source_document(page):
    """The Vietnamese original of a (possibly translated) document: read receipts and the
    dissemination indicator count documents, not language versions."""
    original = page.get_translation_or_none(Locale.get_default())
    return original or page
