"""What learners did: every attempt, one summary row per learner and content (after Kolibri's
logger), and certificates. Content is any Wagtail page; this app never imports page classes.

A learner is either a user or a guest's anonymous visitor key, in the same tables
(accounts.owned.LearnerOwned)."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elearning.accounts.choices import AgeBand, Audience
from elearning.accounts.owned import LearnerOwned, owner_constraints

from .choices import ContentAudience, Grading


class Attempt(LearnerOwned):
    content = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("content")
    )
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    # Native quizzes: {question id: {"chosen": [option ids], "correct": bool}}.
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    score = models.FloatField(_("score"))
    max_score = models.FloatField(_("maximum score"))
    passed = models.BooleanField(_("passed"), default=False)
    grading = models.CharField(
        _("grading"), max_length=32, choices=Grading.choices, default=Grading.SERVER
    )
    # One per rendered form: a double tap, a retry or a replay finds the first attempt.
    idempotency_key = models.CharField(_("idempotency key"), max_length=64)

    owner_unique = ("idempotency_key",)

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        ordering = ["-submitted_at"]
        constraints = owner_constraints("idempotency_key")
        indexes = [
            models.Index(fields=["learner", "content"]),
            models.Index(fields=["visitor_key", "content"]),
        ]

    def __str__(self):
        return f"{self.content_id}: {self.score:g}/{self.max_score:g}"

    @property
    def scaled_score(self) -> float:
        return self.score / self.max_score if self.max_score else 0.0

    @property
    def percent(self) -> int:
        return round(self.scaled_score * 100)


class ContentProgress(LearnerOwned):
    """One row per learner (or guest) and content, updated in the same transaction as the
    attempt or completion that changes it. The commune, audience and age band are a snapshot
    taken at each change until the content is completed, then kept: coverage counts a
    completion where the learner was when they completed it."""

    content = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("content")
    )
    course = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("course"),
    )
    content_audience = models.CharField(
        _("content audience"),
        max_length=16,
        choices=ContentAudience.choices,
        default=ContentAudience.COMMUNITY,
    )
    progress = models.FloatField(_("progress"), default=0.0, help_text=_("From 0 to 1."))
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    # The best attempt's score as a fraction (0..1); empty for content without a score.
    best_score = models.FloatField(_("best score"), null=True, blank=True)
    passed = models.BooleanField(_("passed"), default=False)
    attempt_count = models.PositiveIntegerField(_("attempts"), default=0)
    commune = models.ForeignKey(
        "geo.AdminUnit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("commune"),
    )
    audience = models.CharField(_("audience"), max_length=32, choices=Audience.choices)
    age_band = models.CharField(_("age band"), max_length=8, choices=AgeBand.choices, blank=True)
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    updated_at = models.DateTimeField(_("last activity"), default=timezone.now)

    owner_unique = ("content",)

    class Meta:
        verbose_name = _("content progress")
        verbose_name_plural = _("content progress")
        constraints = [
            *owner_constraints("content"),
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=1), name="progress_between_0_and_1"
            ),
        ]
        indexes = [
            models.Index(fields=["learner", "course"]),
            models.Index(fields=["visitor_key", "course"]),
            models.Index(fields=["commune", "content_audience", "completed_at"]),
        ]

    def __str__(self):
        return f"{self.learner_id or self.visitor_key}: {self.content_id} {self.progress:.0%}"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None

    @classmethod
    def merge_guest_row(cls, *, own, guest) -> None:
        """A guest's row on content the account has progress on too: furthest progress,
        earliest completion (with the snapshot taken then), best score, attempts added."""
        own.progress = max(own.progress, guest.progress)
        own.passed = own.passed or guest.passed
        own.attempt_count += guest.attempt_count
        scores = [s for s in (own.best_score, guest.best_score) if s is not None]
        own.best_score = max(scores) if scores else None
        completions = [c for c in (own.completed_at, guest.completed_at) if c is not None]
        if completions and (own.completed_at is None or min(completions) < own.completed_at):
            source = guest if min(completions) == guest.completed_at else own
            own.completed_at = source.completed_at
            own.commune_id, own.audience, own.age_band = (
                source.commune_id,
                source.audience,
                source.age_band,
            )
        own.updated_at = max(own.updated_at, guest.updated_at)
        own.save()
        guest.delete()


def new_verification_code() -> str:
    # 10 characters from an alphabet without look-alikes (0/O, 1/I/L): easy to read aloud.
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


class CertificateQuerySet(models.QuerySet):
    def current(self):
        """Not replaced by a re-issue."""
        return self.filter(replaced_at__isnull=True)


class Certificate(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="certificates",
        verbose_name=_("learner"),
    )
    course = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.PROTECT, related_name="+", verbose_name=_("course")
    )
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    # Percent (0..100), as printed.
    score = models.PositiveSmallIntegerField(_("score (%)"))
    verification_code = models.CharField(
        _("verification code"), max_length=16, unique=True, default=new_verification_code
    )
    # What the certificate says, as it said it on the day it was issued.
    learner_name = models.CharField(_("name on the certificate"), max_length=255)
    course_title = models.CharField(_("course title"), max_length=255)
    agency = models.CharField(
        _("agency on the certificate"), max_length=255, blank=True, db_default=""
    )
    department = models.CharField(
        _("unit on the certificate"), max_length=150, blank=True, db_default=""
    )
    commune = models.ForeignKey(
        "geo.AdminUnit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("commune"),
    )
    audience = models.CharField(_("audience"), max_length=32, choices=Audience.choices)
    # A re-issue (the holder corrected their name or agency) replaces a certificate: the old
    # one keeps what it printed, and its code still verifies and names its successor.
    replaced_at = models.DateTimeField(_("replaced on"), null=True, blank=True)
    replaced_by = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("replaced by"),
    )

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "course"],
                condition=models.Q(replaced_at__isnull=True),
                name="progress_one_current_certificate_per_course",
            )
        ]

    def __str__(self):
        return f"{self.verification_code} · {self.learner_name} · {self.course_title}"

    @property
    def is_current(self) -> bool:
        return self.replaced_at is None
