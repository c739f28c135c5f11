from celery import shared_task

from elearning import coalesced_tasks

from . import signals
from .models import ContentProgress


@shared_task(acks_late=True)
def progress_changed_in_commune(commune_id: int) -> None:
    """Tell the listeners (coverage rollups) that learners' progress in a commune changed.
    Requested through elearning.coalesced_tasks, so one call covers every change committed
    before it starts; idempotent, so running twice does no harm."""
    coalesced_tasks.clear_pending(progress_changed_in_commune, commune_id)
    signals.progress_changed.send(sender=ContentProgress, commune_id=commune_id)
