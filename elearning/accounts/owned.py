"""Whose row is this: a learner's (a user) or a guest's (an anonymous visitor key). One shape
for every model that keeps what a learner or a guest did, so that the guest -> account move,
anonymisation and the data export (learner_data.py) treat them all alike.

    class ReadReceipt(LearnerOwned):
        page = ...
        owner_unique = ("page",)            # once per owner and page
        class Meta:
            constraints = owner_constraints("page")

    ReadReceipt.objects.for_context(context)   # this learner's (or guest's) rows

`visitor_key` is NULL, never "", on a signed-in learner's rows (the per-visitor unique
constraints skip NULLs). A guest's key may stay on rows that have moved to the account."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class LearnerOwnedQuerySet(models.QuerySet):
    def for_owner(self, *, user_id: int | None = None, visitor_key: str | None = None):
        """Rows of a user (by id), else of a guest (by visitor key); nobody's without either."""
        if user_id is not None:
            return self.filter(learner_id=user_id)
        if visitor_key:
            return self.filter(learner__isnull=True, visitor_key=visitor_key)
        return self.none()

    def for_context(self, context):
        """Rows of the learner a LearnerContext describes."""
        return self.for_owner(user_id=context.user_id, visitor_key=context.visitor_key)

    def owner_fields(self, context) -> dict:
        """The owner fields a new row of this learner (or guest) gets."""
        if context.user_id is not None:
            return {"learner_id": context.user_id, "visitor_key": None}
        return {"learner_id": None, "visitor_key": context.visitor_key}


class LearnerOwned(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("learner"),
    )
    visitor_key = models.CharField(  # noqa: DJ001 (NULL, not "": see the module's text)
        _("visitor key"), max_length=64, null=True, blank=True
    )

    objects = LearnerOwnedQuerySet.as_manager()

    # The fields that are unique per owner (besides the owner): a guest's row that meets the
    # account's row with the same values is merged into it when the guest signs up.
    owner_unique: tuple[str, ...] = ()

    class Meta:
        abstract = True

    @classmethod
    def merge_guest_row(cls, *, own, guest) -> None:
        """The guest's row meets the account's (same `owner_unique` values): by default the
        account keeps its own row. Models that combine the two override this; either way
        `guest` must be gone (deleted) afterwards."""
        guest.delete()


def owner_constraints(*unique_fields: str) -> list:
    """Every row has an owner; with `unique_fields`, they are unique per learner and per guest."""
    constraints = [
        models.CheckConstraint(
            condition=Q(learner__isnull=False) | Q(visitor_key__isnull=False),
            name="%(app_label)s_%(class)s_has_owner",
        )
    ]
    if unique_fields:
        constraints += [
            models.UniqueConstraint(
                fields=["learner", *unique_fields],
                condition=Q(learner__isnull=False),
                name="%(app_label)s_%(class)s_once_per_learner",
            ),
            models.UniqueConstraint(
                fields=["visitor_key", *unique_fields],
                condition=Q(learner__isnull=True),
                name="%(app_label)s_%(class)s_once_per_guest",
            ),
        ]
    return constraints
