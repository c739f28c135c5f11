from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import AgeBand, Audience


class User(AbstractUser):
    """The project's own user model, in place from the first migration so that learner fields
    can be added without a painful swap later. Email is optional: many learners have none."""

    phone_number = models.CharField(
        _("phone number"),
        max_length=20,
        blank=True,
        null=True,
        unique=True,
        help_text=_("Optional. Can be used to sign in instead of the username."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    PREFER_NOT_TO_SAY = "prefer_not_to_say", _("Prefer not to say")


def age_in_year(birth_year: int, *, year: int | None = None) -> int:
    """The age a person reaches this year: all we can know from a birth year."""
    return (year or timezone.localdate().year) - birth_year


class StaffVerification(models.TextChoices):
    """How a staff membership (police, procuracy, court, border guard, other agency) was
    verified. A self-declared membership counts for nothing until one of these happened."""

    ROSTER = "roster", _("On an agency roster")
    APPROVAL = "approval", _("Approved by a report reader")


class LearnerProfile(models.Model):
    """All Chung Tay keeps about a learner: where, how old, which group. Nothing else — no
    ethnicity, no victim status, no free text about the person."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="learner_profile",
        verbose_name=_("user"),
    )
    commune = models.ForeignKey(
        "geo.AdminUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("commune"),
        limit_choices_to={"catalog__key": "2025", "level": "commune"},
    )
    birth_year = models.PositiveSmallIntegerField(_("birth year"))
    sex = models.CharField(_("sex"), max_length=20, choices=Sex.choices, blank=True)
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.COMMUNITY
    )
    agency = models.CharField(
        _("agency"),
        max_length=255,
        blank=True,
        help_text=_("For staff: the agency you work for."),
    )
    staff_verified_at = models.DateTimeField(
        _("staff membership verified at"), null=True, blank=True
    )
    staff_verified_via = models.CharField(
        _("staff membership verified by"),
        max_length=20,
        choices=StaffVerification.choices,
        blank=True,
        db_default="",  # rows written by raw SQL (synthetic data) stay valid
    )
    staff_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    # Asked of staff before their first certificate, not at sign-up: printed as given.
    full_name = models.CharField(
        _("full name for certificates"), max_length=100, blank=True, db_default=""
    )
    department = models.CharField(
        _("unit or department"), max_length=150, blank=True, db_default=""
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("learner profile")
        verbose_name_plural = _("learner profiles")

    def __str__(self):
        return str(self.user)

    @property
    def claims_staff(self) -> bool:
        return self.audience != Audience.COMMUNITY

    @property
    def is_verified_staff(self) -> bool:
        return self.claims_staff and self.staff_verified_at is not None

    @property
    def counted_audience(self) -> str:
        """The audience learning is counted under: a staff audience once verified, until then
        the community (selectors._CONTEXT_COLUMNS says the same in SQL)."""
        return self.audience if self.is_verified_staff else Audience.COMMUNITY

    @property
    def age(self) -> int:
        return age_in_year(self.birth_year)

    @property
    def age_band(self) -> str | None:
        band = AgeBand.for_age(self.age)
        return band.value if band else None


class GuardianConsentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(withdrawn_at__isnull=True)


class GuardianConsent(models.Model):
    """A parent's or guardian's consent for a learner under 16, against a versioned text.
    Withdrawing it stops all further processing of the learner's activity."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="guardian_consents",
        verbose_name=_("learner"),
    )
    guardian_name = models.CharField(_("guardian's name"), max_length=255)
    text_version = models.CharField(_("consent text version"), max_length=20)
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    objects = GuardianConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("guardian consent")
        verbose_name_plural = _("guardian consents")
        ordering = ["-given_at"]

    def __str__(self):
        return f"{self.guardian_name} ({self.text_version})"


class StaffClaimManager(models.Manager):
    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .exclude(audience=Audience.COMMUNITY)
            .filter(staff_verified_at__isnull=True)
        )


class StaffClaim(LearnerProfile):
    """A learner's self-declared staff membership waiting to be verified: what a report
    reader approves (or declines) in the admin."""

    objects = StaffClaimManager()

    class Meta:
        proxy = True
        verbose_name = _("staff membership to verify")
        verbose_name_plural = _("staff memberships to verify")


class StaffRosterEntry(models.Model):
    """One person on an agency's roster, imported by an administrator: a learner who signs up
    with this phone number and this agency is verified staff at once."""

    phone_number = models.CharField(
        _("phone number"),
        max_length=20,
        help_text=_("A Vietnamese mobile number, for example 0912 345 678."),
    )
    audience = models.CharField(
        _("agency type"),
        max_length=20,
        choices=[choice for choice in Audience.choices if choice[0] != Audience.COMMUNITY],
    )
    agency = models.CharField(_("agency"), max_length=255, blank=True)
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("agency roster entry")
        verbose_name_plural = _("agency roster")
        ordering = ["audience", "phone_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["phone_number", "audience"], name="accounts_roster_phone_audience"
            )
        ]

    def __str__(self):
        return f"{self.phone_number} · {self.get_audience_display()}"

    def clean(self):
        from django.core.exceptions import ValidationError

        from .phone import normalise_phone

        phone = normalise_phone(self.phone_number)
        if phone is None:
            raise ValidationError(
                {
                    "phone_number": _(
                        "Please enter a Vietnamese mobile number, for example 0912 345 678."
                    )
                }
            )
        self.phone_number = phone
