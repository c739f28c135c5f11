"""Coverage against plan targets (after DHIS2: an indicator is numerator ÷ denominator).

Figures are read from Rollup rows, never aggregated from raw progress rows on page load. Rollups
are kept per current commune and per province; denominators and commune profiles are entered by
administrators (or imported) for current-catalogue units."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from elearning.accounts.choices import Audience

from .choices import IndicatorCode, ModelType


class Indicator(models.Model):
    """One of the fixed measures (the code says how it is computed); name and description are
    editable. Created by a migration."""

    code = models.CharField(_("code"), max_length=32, choices=IndicatorCode.choices, unique=True)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["sort_order", "code"]

    def __str__(self):
        return self.name

    @property
    def is_person_based(self) -> bool:
        return IndicatorCode(self.code).is_person_based


class Plan(ClusterableModel):
    """A plan such as Ninh Bình's 38/KH-BCĐ (2020) and its targets. Its scope is a province or
    a commune of either catalogue, or the whole country (empty)."""

    title = models.CharField(_("title"), max_length=255)
    number = models.CharField(_("number"), max_length=64, blank=True, help_text=_("e.g. 38/KH-BCĐ"))
    issuer = models.CharField(_("issuing body"), max_length=255, blank=True)
    scope_unit = models.ForeignKey(
        "geo.AdminUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("scope"),
        help_text=_("A province or a commune. Leave empty for the whole country."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    end_year = models.PositiveSmallIntegerField(
        _("end year"), null=True, blank=True, help_text=_("For a multi-year plan.")
    )
    min_readers = models.PositiveIntegerField(
        _("readers per document"),
        default=5,
        validators=[MinValueValidator(1)],
        help_text=_(
            "A legal document counts as disseminated once this many learners of the scope "
            "have read and confirmed it."
        ),
    )
    needs_review = models.BooleanField(
        _("needs editor review"),
        default=False,
        help_text=_("Set on demo or imported plans whose facts have not been checked."),
    )

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("issuer")]),
        FieldPanel("scope_unit"),
        FieldRowPanel([FieldPanel("year"), FieldPanel("end_year"), FieldPanel("min_readers")]),
        FieldPanel("needs_review"),
        MultiFieldPanel([InlinePanel("targets", label=_("target"))], heading=_("Targets")),
    ]

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-year", "title"]

    def __str__(self):
        return f"{self.number} {self.title}".strip()

    def clean(self):
        if self.end_year and self.end_year < self.year:
            raise ValidationError({"end_year": _("The end year cannot be before the year.")})
        if self.scope_unit_id and self.scope_unit.level == "district":
            raise ValidationError({"scope_unit": _("Choose a province or a commune.")})

    @property
    def last_year(self) -> int:
        return self.end_year or self.year


class Target(models.Model):
    plan = ParentalKey(Plan, on_delete=models.CASCADE, related_name="targets")
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="+", verbose_name=_("indicator")
    )
    value = models.DecimalField(
        _("target (%)"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0)],
    )

    panels = [FieldPanel("indicator"), FieldPanel("value")]

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(fields=["plan", "indicator"], name="coverage_target_once")
        ]

    def __str__(self):
        return f"{self.indicator}: {self.value}%"


class Denominator(models.Model):
    """A figure a percentage is taken of: the population aged 14–60 of a commune (reach), the
    headcount of an agency in a province or commune (staff trained)."""

    unit = models.ForeignKey(
        "geo.AdminUnit", on_delete=models.CASCADE, related_name="+", verbose_name=_("unit")
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="+", verbose_name=_("indicator")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    audience = models.CharField(
        _("agency"),
        max_length=32,
        choices=Audience.choices,
        blank=True,
        help_text=_("For staff headcounts: which agency."),
    )
    value = models.PositiveIntegerField(_("value"))
    is_sample = models.BooleanField(
        _("sample figure"), default=False, help_text=_("Demo figures, not official ones.")
    )

    class Meta:
        verbose_name = _("denominator")
        verbose_name_plural = _("denominators")
        ordering = ["unit", "indicator", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "indicator", "year", "audience"], name="coverage_denominator_once"
            )
        ]

    def __str__(self):
        return f"{self.unit} · {self.indicator} · {self.year}: {self.value}"


class CommuneProfile(models.Model):
    unit = models.ForeignKey(
        "geo.AdminUnit",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("commune"),
        limit_choices_to={"level": "commune"},
    )
    year = models.PositiveSmallIntegerField(_("year"))
    is_key_area = models.BooleanField(_("key area"), default=False)
    model = models.CharField(
        _("prevention model"), max_length=16, choices=ModelType.choices, default=ModelType.NONE
    )
    is_sample = models.BooleanField(
        _("sample figures"), default=False, help_text=_("Demo figures, not official ones.")
    )

    class Meta:
        verbose_name = _("commune profile")
        verbose_name_plural = _("commune profiles")
        ordering = ["unit", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="coverage_profile_once")
        ]

    def __str__(self):
        return f"{self.unit} · {self.year}"

    @classmethod
    def from_db(cls, db, field_names, values):
        profile = super().from_db(db, field_names, values)
        # The commune it was read with: a profile moved to another commune changes the key
        # communes of both (changes.profile_changed).
        profile.loaded_unit_id = profile.__dict__.get("unit_id")
        return profile

    loaded_unit_id = None


class RollupCell(models.Model):
    """What a monthly rollup cell and its year (RollupYear) share: one figure per indicator,
    unit (a current commune, or a province summing its communes or the reach of its key
    communes), agency and subject."""

    class Level(models.TextChoices):
        COMMUNE = "commune", _("commune")
        PROVINCE = "province", _("province")
        # The reach of a province's key communes (rollups._fill_key_commune_cells): what a
        # report of a whole province or of the country counts reach over.
        KEY_COMMUNES = "key_communes", _("key communes of a province")

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="+", verbose_name=_("indicator")
    )
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    unit = models.ForeignKey(
        "geo.AdminUnit", on_delete=models.CASCADE, related_name="+", verbose_name=_("unit")
    )
    audience = models.CharField(_("audience"), max_length=32, blank=True, default="")
    subject_id = models.BigIntegerField(_("course or document"), default=0)
    numerator = models.IntegerField(_("numerator"), default=0)
    denominator = models.IntegerField(_("denominator"), default=0)

    class Meta:
        abstract = True


class Rollup(RollupCell):
    """How many people were newly counted in a month, per indicator and unit. `subject_id` is
    the course or document a figure is about (0 when none); `audience` the agency for staff
    figures."""

    period = models.DateField(_("month"))

    class Meta:
        verbose_name = _("rollup")
        verbose_name_plural = _("rollups")
        constraints = [
            models.UniqueConstraint(
                fields=["level", "unit", "indicator", "audience", "subject_id", "period"],
                name="coverage_rollup_cell",
            )
        ]
        indexes = [
            # A unit table reads every month of its units' cells (a large province: some
            # 36,000 rows): on PostgreSQL from this index alone, without visiting the table,
            # whose rows of one unit lie scattered over thousands of pages.
            models.Index(
                fields=["level", "unit", "period"],
                include=["indicator", "audience", "subject_id", "numerator", "denominator"],
                name="coverage_rollup_unit_months",
            )
        ]

    def __str__(self):
        return f"{self.indicator_id} {self.unit_id} {self.period}: {self.numerator}"


MONTHS = range(1, 13)
# RollupYear's month columns, as the sync writes them and the tables read them: its twelve
# numerators, then its twelve denominators.
MONTH_COUNTS = tuple(
    f"{count}_{month:02}" for count in ("numerator", "denominator") for month in MONTHS
)


class RollupYear(RollupCell):
    """A Rollup cell's year: its twelve months side by side (numerator_01 … denominator_12)
    and summed (numerator, denominator), kept beside the monthly cells so that a table of
    units reads one row per unit, figure and year instead of grouping some 36,000 monthly rows
    on page load (selectors/inputs.py)."""

    year = models.PositiveSmallIntegerField(_("year"))
    # Twenty-four columns spelt out by a loop: the class body is a plain namespace.
    for _column in MONTH_COUNTS:
        locals()[_column] = models.IntegerField(default=0)
    del _column

    class Meta:
        verbose_name = _("rollup year")
        verbose_name_plural = _("rollup years")
        constraints = [
            models.UniqueConstraint(
                fields=["level", "unit", "indicator", "audience", "subject_id", "year"],
                name="coverage_rollup_year_cell",
            )
        ]
        indexes = [models.Index(fields=["level", "unit", "year"], name="coverage_rollup_unit_year")]

    def __str__(self):
        return f"{self.indicator_id} {self.unit_id} {self.year}: {self.numerator}"


class ReconciliationRun(models.Model):
    """What a reconciliation found: every rollup cell it had to correct."""

    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    cells = models.PositiveIntegerField(_("cells checked"), default=0)
    corrected = models.PositiveIntegerField(_("cells corrected"), default=0)
    details = models.JSONField(_("details"), default=list, blank=True)

    class Meta:
        verbose_name = _("reconciliation run")
        verbose_name_plural = _("reconciliation runs")
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M}: {self.corrected}"


class ReportReader(models.Model):
    """Who may read coverage reports, and for which area: a commune, a province (current
    catalogue) or, left empty, the whole country. Superusers read the whole country."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="report_reader",
        verbose_name=_("user"),
    )
    unit = models.ForeignKey(
        "geo.AdminUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("scope"),
        limit_choices_to=Q(catalog__key="2025") & ~Q(level="district"),
        help_text=_("A province or a commune. Leave empty for the whole country."),
    )

    class Meta:
        verbose_name = _("report reader")
        verbose_name_plural = _("report readers")

    def __str__(self):
        return f"{self.user} · {self.unit or _('Whole country')}"


class PdfReport(models.Model):
    """A report document (PDF, or DOCX to edit before signing) of a plan for an area, made in
    the background for one reader (in their scope at the time it is made)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("being prepared")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "DOCX"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(
        "geo.AdminUnit", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    format = models.CharField(max_length=8, choices=Format.choices, default=Format.PDF)
    # The reporting period's key (coverage.periods): "" for the plan's whole period.
    period = models.CharField(max_length=16, blank=True, default="")
    # Percent done, shown while it is being prepared.
    progress = models.PositiveSmallIntegerField(default=0)
    # Why it failed, in the reader's words (the details are in the worker's log).
    failure_reason = models.CharField(max_length=500, blank=True)
    file = models.FileField(upload_to="coverage/pdf/", blank=True)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self):
        return f"{self.plan} · {self.requested_at:%Y-%m-%d %H:%M}"
