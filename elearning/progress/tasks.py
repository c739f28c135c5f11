from celery import shared_task

from . import signals
from .models import ContentProgress


@shared_task(acks_late=True)
def progress_changed(progress_id: int) -> bool:
    """Tell the listeners (coverage rollups) that a progress row changed. Idempotent: it only
    re-reads the row; a row deleted since (merged into an account) is skipped."""
    progress = ContentProgress.objects.filter(pk=progress_id).first()
    if progress is None:
        return False
    signals.progress_changed.send(sender=ContentProgress, progress=progress)
    return True
