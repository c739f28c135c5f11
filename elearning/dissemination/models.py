"""Read receipts: "I have read and understood" on a legal document, once per learner (or guest)
per document, with the snapshot that coverage counts by."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from elearning.accounts.choices import AgeBand, Audience


class ReadReceiptQuerySet(models.QuerySet):
    def for_documents(self, page_ids):
        return self.filter(page_id__in=page_ids)

    def for_communes(self, commune_ids):
        return self.filter(commune_id__in=commune_ids)


class ReadReceipt(models.Model):
    # The document as a Wagtail page id (its Vietnamese original): elearning does not know
    # the legal page class.
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="read_receipts",
        verbose_name=_("document"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="read_receipts",
        verbose_name=_("learner"),
    )
    # NULL, not "", for a signed-in learner: a guest's key is unique per document, no key is not.
    visitor_key = models.CharField(  # noqa: DJ001
        _("visitor key"), max_length=64, null=True, blank=True
    )
    commune = models.ForeignKey(
        "geo.AdminUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("commune"),
    )
    audience = models.CharField(_("audience"), max_length=32, choices=Audience.choices)
    age_band = models.CharField(_("age band"), max_length=8, choices=AgeBand.choices)
    read_at = models.DateTimeField(_("read at"), auto_now_add=True)

    objects = ReadReceiptQuerySet.as_manager()

    class Meta:
        verbose_name = _("read receipt")
        verbose_name_plural = _("read receipts")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "user"],
                condition=Q(user__isnull=False),
                name="dissemination_receipt_once_per_learner",
            ),
            models.UniqueConstraint(
                fields=["page", "visitor_key"],
                condition=Q(user__isnull=True, visitor_key__isnull=False),
                name="dissemination_receipt_once_per_guest",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(visitor_key__isnull=False),
                name="dissemination_receipt_has_reader",
            ),
        ]
        indexes = [models.Index(fields=["page", "commune"])]

    def __str__(self):
        return f"{self.page_id} · {self.user_id or self.visitor_key}"
