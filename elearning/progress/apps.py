from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "elearning.progress"
    label = "progress"
    verbose_name = _("Learning progress")

    def ready(self):
        from elearning.accounts import learner_data
        from elearning.coverage.changes import commune_changed

        from .models import Attempt, Certificate, ContentProgress

        learner_data.register("attempts", Attempt, not_exported=("idempotency_key",))
        learner_data.register("progress", ContentProgress, counted_by=commune_changed)
        # A certificate carries the person's name: deleted with the account.
        learner_data.register(
            "certificates",
            Certificate,
            on_account_deleted=learner_data.DELETE,
            counted_by=commune_changed,
        )
