from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "elearning.progress"
    label = "progress"
    verbose_name = _("Learning progress")

    def ready(self):
        from . import receivers  # noqa: F401 (connects the guest → account receiver)
