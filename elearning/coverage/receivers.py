"""Keep rollups current: every committed change of a learner's row recounts its commune in the
background (idempotent, so a repeated signal does no harm)."""

from django.apps import apps
from django.db.models.signals import post_save


def on_progress_changed(sender, progress, **kwargs):
    from .tasks import update_rollups_for_progress

    update_rollups_for_progress.delay_on_commit(progress.pk)


def on_counted_row_saved(sender, instance, **kwargs):
    from .tasks import refresh_commune_rollups

    if instance.commune_id:
        refresh_commune_rollups.delay_on_commit(instance.commune_id)


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
