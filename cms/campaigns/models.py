import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    Page,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index

from cms.core import content_cache
from cms.core.models import SitePage
from cms.core.search import SEARCH_WORDS, SiteSearchable, streamfield_text
from elearning.geo.models import AdminCatalog, AdminUnit

from . import poster_scans
from .blocks import CampaignStreamBlock
from .choices import SloganStatus
from .region_chooser import region_chooser_viewset
from .selectors import campaign_slogans, campaigns_in
from .services import slogan_card_url

# 30/7: "Ngày toàn dân phòng, chống mua bán người" (Quyết định 793/QĐ-TTg) and the UN World
# Day against Trafficking in Persons.
EVENT_MONTH, EVENT_DAY = 7, 30


def current_year() -> int:
    return timezone.localdate().year


class SloganQuerySet(models.QuerySet):
    def usable(self):
        return self.exclude(status=SloganStatus.RETIRED)

    def live(self):
        return self.filter(live=True)


class Slogan(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    index.Indexed,
    models.Model,
):
    """A campaign slogan, reused across campaigns and years. Slogans show on the home page, so
    they go through the same review workflow as pages: the row holds the published (live)
    version, an editor's change waits in a revision until a moderator approves it."""

    text = models.TextField(_("text"))
    year = models.PositiveSmallIntegerField(_("year"), default=current_year)
    source = models.CharField(
        _("source"),
        max_length=255,
        blank=True,
        help_text=_("The plan or letter that gives this slogan, e.g. Kế hoạch 109/KH-BCĐ."),
    )
    source_document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("source document"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SloganStatus.choices, default=SloganStatus.CONFIRMED
    )

    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="slogan",
        for_concrete_model=False,
    )
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="slogan",
        for_concrete_model=False,
    )

    objects = SloganQuerySet.as_manager()

    panels = [
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("year"), FieldPanel("status")]),
        FieldPanel("source"),
        FieldPanel("source_document"),
    ]
    search_fields = [index.SearchField("text"), index.FilterField("year")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("slogan")
        verbose_name_plural = _("slogans")
        ordering = ["-year", "pk"]

    def __str__(self):
        return self.text

    @property
    def needs_review(self) -> bool:
        return self.status == SloganStatus.NEEDS_REVIEW


class CampaignIndexPage(SitePage):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["core.HomePage"]
    show_in_menus_default = True  # the header menu lists it
    subpage_types = ["campaigns.CampaignPage"]
    max_count_per_parent = 1
    template = "campaigns/campaign_index_page.html"

    class Meta:
        verbose_name = _("campaign index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["campaigns"] = campaigns_in(
            campaign_pages=CampaignPage.objects.all(), index_page=self
        )
        return context


def region_choices():
    return {
        "catalog__key": AdminCatalog.CURRENT,
        "level__in": [AdminUnit.Level.PROVINCE, AdminUnit.Level.COMMUNE],
    }


class CampaignPage(SiteSearchable, SitePage):
    """One year's 30/7 campaign (or a local campaign of a province or commune)."""

    year = models.PositiveSmallIntegerField(_("year"), default=current_year)
    theme = models.CharField(_("theme"), max_length=255, blank=True)
    event_date = models.DateField(
        _("event date"), blank=True, null=True, help_text=_("Leave empty for 30/7 of the year.")
    )
    region = models.ForeignKey(
        AdminUnit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=region_choices,
        verbose_name=_("region"),
        help_text=_("Leave empty for a nationwide campaign."),
    )
    hero_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hero image"),
    )
    hero_alt_text = models.CharField(
        _("hero image alt text"),
        max_length=255,
        blank=True,
        help_text=_(
            "What the picture shows, for people who cannot see it. Defaults to the image's alt text."
        ),
    )
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(CampaignStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("year"), FieldPanel("event_date")]),
                FieldPanel("theme"),
                FieldPanel("region", widget=region_chooser_viewset.widget_class),
            ],
            heading=_("Campaign"),
        ),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_alt_text")], heading=_("Hero image")
        ),
        FieldPanel("intro"),
        InlinePanel("campaign_slogans", label=_("Slogans"), heading=_("Slogans")),
        FieldPanel("body"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("theme"),
        index.SearchField("intro"),
        SEARCH_WORDS,
    ]

    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types = []
    template = "campaigns/campaign_page.html"

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def clean(self):
        super().clean()
        if self.event_date and self.year and self.event_date.year != self.year:
            raise ValidationError(
                {"event_date": _("The event date must fall in the campaign's year.")}
            )

    def save(self, *args, **kwargs):
        if self.event_date is None and self.year:
            self.event_date = datetime.date(self.year, EVENT_MONTH, EVENT_DAY)
        super().save(*args, **kwargs)

    @classmethod
    def for_serving(cls):
        return super().for_serving().select_related("hero_image", "region")

    def search_texts(self) -> list[str]:
        return [self.title, self.theme, self.intro, *streamfield_text(self, "body")]

    def search_snippet(self) -> str:
        return self.intro or self.theme

    @property
    def hero_alt(self) -> str:
        if self.hero_alt_text:
            return self.hero_alt_text
        return self.hero_image.default_alt_text if self.hero_image else ""

    @property
    def is_nationwide(self) -> bool:
        return self.region_id is None

    def serve(self, request, *args, **kwargs):
        if poster_scans.PARAMETER in request.GET:
            return poster_scans.scanned(
                request, campaign=self, poster_scans=CampaignPosterScan.objects
            )
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from cms.core.models import SiteSettings
        from cms.core.sharing import public_url

        context = super().get_context(request, *args, **kwargs)
        site_settings = SiteSettings.for_request(request)

        def slogan_cards():
            hotline = site_settings.hotline_number
            return tuple(
                (slogan, slogan_card_url(slogan=slogan, hotline=hotline, year=self.year))
                for slogan in campaign_slogans(campaign=self)
            )

        if getattr(request, "is_preview", False):  # the draft's slogans, for its editor
            cards = slogan_cards()
        else:  # the same for every visitor until something is published (slogans too)
            key = ("campaign-slogan-cards", self.pk, get_language(), site_settings.pk)
            cards = content_cache.get_or_build_in_process(key, slogan_cards)
        context["slogan_cards"] = cards
        if cards:
            # The first slogan's card is what Facebook and Zalo show when the page is shared.
            context["og_image_url"] = public_url(cards[0][1])
        return context


class CampaignSlogan(Orderable):
    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="campaign_slogans")
    slogan = models.ForeignKey(
        Slogan, on_delete=models.CASCADE, related_name="+", verbose_name=_("slogan")
    )

    panels = [FieldPanel("slogan")]

    class Meta(Orderable.Meta):
        verbose_name = _("campaign slogan")
        verbose_name_plural = _("campaign slogans")


class CampaignPageView(models.Model):
    """How many times a campaign page was served on a day: a number per page and day, nothing
    about who read it. The editors' dashboard sums it as the campaign's reach."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("campaign page views")
        verbose_name_plural = _("campaign page views")
        constraints = [
            models.UniqueConstraint(fields=["page", "day"], name="campaign_page_view_per_day")
        ]

    def __str__(self):
        return f"{self.page_id} · {self.day} · {self.views}"


class CampaignPosterScan(models.Model):
    """How many times a campaign poster printed for a commune was scanned on a day: a number
    per page, commune and day, nothing about who scanned it."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    commune = models.ForeignKey(
        AdminUnit,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=pgettext_lazy("campaign poster", "commune"),
    )
    day = models.DateField(_("day"))
    scans = models.PositiveIntegerField(_("scans"), default=0)

    class Meta:
        verbose_name = _("campaign poster scans")
        verbose_name_plural = _("campaign poster scans")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "commune", "day"], name="campaign_poster_scan_per_day"
            )
        ]

    def __str__(self):
        return f"{self.page_id} · {self.commune_id} · {self.day} · {self.scans}"
