"""Read receipts: "I have read and understood" on a legal document, once per learner (or guest)
per document, with the snapshot that coverage counts by."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from elearning.accounts.choices import AgeBand, Audience
from elearning.accounts.owned import LearnerOwned, owner_constraints


class ReadReceipt(LearnerOwned):
    # The document as a Wagtail page id (its Vietnamese original): elearning does not know
    # the legal page class.
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="read_receipts",
        verbose_name=_("document"),
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

    # Once per learner and document: a guest's receipt for a document the account had
    # confirmed already gives way to the account's earlier one.
    owner_unique = ("page",)

    class Meta:
        verbose_name = _("read receipt")
        verbose_name_plural = _("read receipts")
        constraints = owner_constraints("page")
        indexes = [models.Index(fields=["page", "commune"])]

    def __str__(self):
        return f"{self.page_id} · {self.learner_id or self.visitor_key}"
