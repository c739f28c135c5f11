import copy

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .. import content_cache
from ..sites import site_for_request


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

    @classmethod
    def for_request(cls, request):
        # Every page shows the hotline: the site comes from the content cache, not a query.
        if not hasattr(request, cls.get_cache_attr_name()):
            site_for_request(request)
        return super().for_request(request)

    @classmethod
    def for_site(cls, site):
        # Kept in the content cache, emptied when settings are saved (receivers.py).
        if site is None:
            return super().for_site(site)
        kept = content_cache.get_or_build(
            ("site-settings", site.pk), lambda: super(SiteSettings, cls).for_site(site)
        )
        return copy.copy(kept)  # for_request marks its copy with the request

    @property
    def hotline_tel(self) -> str:
        return "".join(ch for ch in self.hotline_number if ch.isdigit() or ch == "+")

    @property
    def emergency_tel(self) -> str:
        return "".join(ch for ch in self.emergency_number if ch.isdigit() or ch == "+")
