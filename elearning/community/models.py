"""Face-to-face awareness work: community sessions, their participant counts and QR check-ins.

Counts only: no participant's name, phone or ethnicity is asked or stored. A check-in holds the
device's anonymous visitor key (or the signed-in learner) so that a person who also learned
online is counted once in reach."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from elearning.accounts.choices import Audience
from elearning.accounts.owned import LearnerOwned, owner_constraints

from .choices import SessionAgeBand, SessionKind, SessionStatus, Sex

# Short codes to type: no 0/O, 1/I/L.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6


def new_checkin_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class CommunitySession(ClusterableModel):
    commune = models.ForeignKey(
        "geo.AdminUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("commune"),
        limit_choices_to=Q(level="commune", catalog__key="2025"),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(
        _("place"), max_length=120, help_text=_("e.g. the village hall of hamlet 3")
    )
    kind = models.CharField(
        pgettext_lazy("community session", "kind"), max_length=16, choices=SessionKind.choices
    )
    # Pages by id (Wagtail pages of any type): elearning never imports cms page classes.
    campaign = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("campaign"),
    )
    course = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("course or lesson"),
    )
    led_by = models.CharField(_("led by"), max_length=120, blank=True)
    check_in_grace_minutes = models.PositiveSmallIntegerField(
        _("check-in stays open after the end (minutes)"),
        default=30,
        validators=[MaxValueValidator(24 * 60)],
    )
    checkin_code = models.CharField(
        _("check-in code"), max_length=CODE_LENGTH, unique=True, default=new_checkin_code
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=SessionStatus.choices, default=SessionStatus.DRAFT
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    return_reason = models.TextField(_("reason for returning"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("community session")
        verbose_name_plural = _("community sessions")
        ordering = ["-starts_at"]
        permissions = [("review_communitysession", "Can confirm or return community sessions")]
        indexes = [models.Index(fields=["commune", "status", "starts_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.place} · {timezone.localtime(self.starts_at):%d/%m/%Y}"

    @property
    def closes_at(self):
        """When check-ins stop: the end plus the officer's grace period."""
        return self.ends_at + timezone.timedelta(minutes=self.check_in_grace_minutes)

    @property
    def is_confirmed(self) -> bool:
        return self.status == SessionStatus.CONFIRMED


class SessionCount(models.Model):
    """How many people of one sex, age band and audience took part (counted by the officer)."""

    session = ParentalKey(CommunitySession, on_delete=models.CASCADE, related_name="counts")
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices, default=Sex.UNKNOWN)
    age_band = models.CharField(_("age band"), max_length=8, choices=SessionAgeBand.choices)
    audience = models.CharField(
        _("audience"), max_length=32, choices=Audience.choices, default=Audience.COMMUNITY
    )
    count = models.PositiveIntegerField(_("people"), validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = _("participant count")
        verbose_name_plural = _("participant counts")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "sex", "age_band", "audience"], name="community_count_once"
            )
        ]

    def __str__(self):
        return f"{self.get_sex_display()} · {self.get_age_band_display()}: {self.count}"


class SessionCheckIn(LearnerOwned):
    """One participant's phone, checked in by the session's QR code (never under 14). The
    device's visitor key is always kept (one check-in per device); a signed-in learner's
    account too, so a person who also learned online is counted once."""

    session = models.ForeignKey(
        CommunitySession, on_delete=models.CASCADE, related_name="check_ins"
    )
    age_band = models.CharField(
        _("age band"), max_length=8, choices=SessionAgeBand.check_in_choices()
    )
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices, default=Sex.UNKNOWN)
    checked_in_at = models.DateTimeField(_("checked in"), default=timezone.now)
    # The optional check quiz (check_quiz.py): its score and, per question id, whether it was
    # answered right. Not what was chosen: the officer's figures need no more.
    quiz_score = models.PositiveSmallIntegerField(_("check quiz score"), null=True, blank=True)
    quiz_questions = models.PositiveSmallIntegerField(
        _("check quiz questions"), null=True, blank=True
    )
    quiz_correct = models.JSONField(_("check quiz answers right"), default=dict, blank=True)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [
            *owner_constraints(),
            models.UniqueConstraint(
                fields=["session", "visitor_key"], name="community_checkin_once_per_device"
            ),
            models.CheckConstraint(
                condition=~Q(age_band=SessionAgeBand.UNDER_14), name="community_checkin_not_child"
            ),
        ]

    def __str__(self):
        return f"{self.session_id} · {self.get_age_band_display()}"
