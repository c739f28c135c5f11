from django.db import models
from django.utils.translation import gettext_lazy as _


class SloganStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    NEEDS_REVIEW = "needs_review", _("Needs editor review")
    RETIRED = "retired", _("No longer used")
