from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from cms.core.blocks import BaseStreamBlock


class SitePage(Page):
    """What every page of the site shares: served through cms.core.routing, which reads the
    page's view restrictions from the content cache along with its route."""

    class Meta:
        abstract = True

    @classmethod
    def for_serving(cls):
        """Where cms.core.routing reads the page to serve: a page type adds the relations
        every view of it shows (select_related), saving a query each."""
        return cls.objects.all()

    def get_view_restrictions(self):
        served = getattr(self, "_served_view_restrictions", None)
        return served if served is not None else super().get_view_restrictions()


class HomePage(SitePage):
    """The site's front page: what Chung Tay is, the hotline, and the way in to learning."""

    tagline = models.CharField(
        _("tagline"),
        max_length=255,
        blank=True,
        help_text=_("One sentence under the site name saying what the site is for."),
    )
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("tagline"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]

    template = "pages/home_page.html"
    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")
