"""Keep rollups current: every committed change of a learner's row recounts its commune in the
background (idempotent, so a repeated signal does no harm; coalesced, so a busy commune is
recounted once per queued refresh rather than once per change)."""

from django.apps import apps
from django.db.models.signals import post_save

from elearning import coalesced_tasks

from .tasks import refresh_commune_rollups


def on_progress_changed(sender, commune_id, **kwargs):
    coalesced_tasks.request_on_commit(refresh_commune_rollups, commune_id)


def on_counted_row_saved(sender, instance, **kwargs):
    if instance.commune_id:
        coalesced_tasks.request_on_commit(refresh_commune_rollups, instance.commune_id)


def connect():
    try:
        from elearning.progress.signals import progress_changed
    except ImportError:  # the progress app has not got its signal yet
        pass
    else:
        progress_changed.connect(on_progress_changed, dispatch_uid="coverage_progress_changed")
    # Read receipts and certificates are not announced by a signal of their own.
    for label in ("dissemination.ReadReceipt", "progress.Certificate"):
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        post_save.connect(on_counted_row_saved, sender=model, dispatch_uid=f"coverage_{label}")
