from celery import shared_task

from . import services


@shared_task
def refresh_commune_rollups(commune_id: int) -> int:
    return services.refresh_commune_rollups(commune_id=commune_id).corrected


@shared_task
def update_rollups_for_progress(progress_id: int) -> int:
    """A learner's progress row changed and was committed: recount its commune."""
    from django.apps import apps

    progress = apps.get_model("progress", "ContentProgress").objects.filter(pk=progress_id)
    commune_id = progress.values_list("commune_id", flat=True).first()
    if commune_id is None:
        return 0
    return services.refresh_commune_rollups(commune_id=commune_id).corrected


@shared_task
def reconcile_rollups() -> int:
    return services.reconcile_rollups().corrected


@shared_task
def make_overview_pdf(pdf_report_id: int) -> None:
    from .pdf import render_pdf_report

    render_pdf_report(pdf_report_id=pdf_report_id)
