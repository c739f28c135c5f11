from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoverageConfig(AppConfig):
    name = "elearning.coverage"
    label = "coverage"
    verbose_name = _("Coverage")

    def ready(self):
        from . import changes, figures_cache

        changes.connect()
        figures_cache.connect()
