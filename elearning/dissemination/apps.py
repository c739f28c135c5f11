from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisseminationConfig(AppConfig):
    name = "elearning.dissemination"
    label = "dissemination"
    verbose_name = _("Dissemination of legal texts")

    def ready(self):
        from . import receivers  # noqa: F401 (connects the signal receivers)
