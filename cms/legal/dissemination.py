from django.db.models import QuerySet
from wagtail.models import Locale

from .models import LegalDocumentPage


def documents_for_dissemination() -> QuerySet[LegalDocumentPage]:
    """Live documents editors marked for dissemination (Vietnamese originals; their ids are
    the page ids read receipts are recorded against). Named by the setting
    COVERAGE_DISSEMINATION_DOCUMENTS for the coverage indicator."""
    return (
        LegalDocumentPage.objects.live()
        .filter(marked_for_dissemination=True, locale=Locale.get_default())
        .order_by("number")
    )
