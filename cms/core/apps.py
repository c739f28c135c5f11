from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cms.core"
    label = "core"

    def ready(self):
        from . import receivers

        receivers.connect()
        self.register_slug_widget()

    @staticmethod
    def register_slug_widget():
        # After Wagtail's own registration (made when its module is imported), so this one wins.
        from django.db import models
        from wagtail.admin.forms.models import register_form_field_override

        from .widgets import AsciiSlugField, AsciiSlugInput

        register_form_field_override(
            models.SlugField, override={"form_class": AsciiSlugField, "widget": AsciiSlugInput}
        )
