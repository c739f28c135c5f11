"""Is this a database with real learners in it? The generator writes millions of rows and
rebuilds the rollups: it must never be pointed at a live site by mistake."""

from django.apps import apps

from .rows import PREFIX


def holds_real_learners() -> bool:
    """Learners the generator did not make: an account with a learner profile whose username
    is not "synth-…", or a guest's progress row (the generator makes none)."""
    profiles = apps.get_model("accounts", "LearnerProfile").objects.exclude(
        user__username__startswith=PREFIX
    )
    guests = apps.get_model("progress", "ContentProgress").objects.filter(learner__isnull=True)
    return profiles.exists() or guests.exists()
