from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisseminationConfig(AppConfig):
    name = "elearning.dissemination"
    label = "dissemination"
    verbose_name = _("Dissemination of legal texts")

    def ready(self):
        from elearning.accounts import learner_data
        from elearning.coverage.changes import commune_changed

        from .models import ReadReceipt

        learner_data.register("read_receipts", ReadReceipt, counted_by=commune_changed)
