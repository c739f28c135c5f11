from django.db.models import F, QuerySet
from wagtail.models import Locale

from .models import LegalDocumentPage
from .search import search_terms


def search_documents(
    *, index_page, query: str = "", document_type: str = "", status: str = "", year=None
) -> QuerySet[LegalDocumentPage]:
    """Live documents of a library, filtered. Every search word must begin a word of the
    document (or be part of its number), without regard to diacritics or case."""
    documents = LegalDocumentPage.objects.live().child_of(index_page)
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
        LegalDocumentPage.objects.live()
        .child_of(index_page)
        .filter(signed_date__isnull=False)
        .dates("signed_date", "year", order="DESC")
    )
    return [day.year for day in dates]


def source_document(page: LegalDocumentPage) -> LegalDocumentPage:
    """The Vietnamese original of a (possibly translated) document: read receipts and the
    dissemination indicator count documents, not language versions."""
    original = page.get_translation_or_none(Locale.get_default())
    return original or page


def documents_for_dissemination() -> QuerySet[LegalDocumentPage]:
    """Live documents editors marked for dissemination (Vietnamese originals; their ids are
    the page ids read receipts are recorded against). Named by the setting
    COVERAGE_DISSEMINATION_DOCUMENTS for the coverage indicator."""
    return (
        LegalDocumentPage.objects.live()
        .filter(marked_for_dissemination=True, locale=Locale.get_default())
        .order_by("number")
    )
