from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="mobile-alt")
class SiteSettings(BaseSiteSetting):
    """Numbers and texts editors change without a release. Hotlines live here, never in code."""

    hotline_number = models.CharField(
        _("hotline number"),
        max_length=20,
        default="111",
        help_text=_("Shown on every page as a tap-to-call link."),
    )
    hotline_label = models.CharField(
        _("hotline label"),
        max_length=120,
        default="Tổng đài quốc gia bảo vệ trẻ em",
        help_text=_("What the hotline is, in a few words."),
    )
    emergency_number = models.CharField(
        _("emergency number"), max_length=20, default="113", help_text=_("Police emergency.")
    )
    footer_text = models.TextField(_("footer text"), blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("hotline_number"),
                FieldPanel("hotline_label"),
                FieldPanel("emergency_number"),
            ],
            heading=_("Hotlines"),
        ),
        FieldPanel("footer_text"),
    ]

    class Meta:
        verbose_name = _("site settings")

    @property
    def hotline_tel(self) -> str:
        return "".join(ch for ch in self.hotline_number if ch.isdigit() or ch == "+")

    @property
    def emergency_tel(self) -> str:
        return "".join(ch for ch in self.emergency_number if ch.isdigit() or ch == "+")
