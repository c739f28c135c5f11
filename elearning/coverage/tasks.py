from celery import shared_task

from common import coalesced_tasks

from . import services
from .documents import render_report


@shared_task
def refresh_commune_rollups(commune_id: int) -> int:
    """Queued by changes.commune_changed, one waiting call per commune at a time."""
    coalesced_tasks.clear_pending(refresh_commune_rollups, commune_id)
    return services.refresh_commune_rollups(commune_id=commune_id).corrected


@shared_task
def refresh_key_commune_rollups(province_id: int) -> int:
    """Queued by changes.profile_changed, one waiting call per province at a time."""
    coalesced_tasks.clear_pending(refresh_key_commune_rollups, province_id)
    return services.refresh_key_commune_rollups(province_id=province_id).corrected


@shared_task
def reconcile_rollups() -> int:
    return services.reconcile_rollups().corrected


@shared_task
def make_overview_pdf(pdf_report_id: int) -> None:
    """A report document (PDF or DOCX); the name is kept for tasks already queued."""
    render_report(report_id=pdf_report_id)
