"""The few things Chung Tay knows about a learner, as choices shared by every app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    COMMUNITY = "community", _("Community")
    POLICE = "police", _("Police")
    PROCURACY = "procuracy", _("Procuracy")
    COURT = "court", _("Court")
    BORDER_GUARD = "border_guard", _("Border guard")
    OTHER_AGENCY = "other_agency", _("Other agency")

    @classmethod
    def staff(cls) -> list[str]:
        """Staff of prosecution agencies and other agencies (everyone but the community)."""
        return [choice for choice in cls.values if choice != cls.COMMUNITY]


class AgeBand(models.TextChoices):
    # Bands split at 16 (children under Vietnamese law) and 18, and close at 60: the plans
    # count people aged 14–60.
    AGE_14_15 = "14-15", _("14–15")
    AGE_16_17 = "16-17", _("16–17")
    AGE_18_24 = "18-24", _("18–24")
    AGE_25_34 = "25-34", _("25–34")
    AGE_35_44 = "35-44", _("35–44")
    AGE_45_60 = "45-60", _("45–60")
    AGE_61_PLUS = "61+", _("61 and over")

    @classmethod
    def reach_bands(cls) -> list[str]:
        """The bands the plans' "people aged 14–60" counts."""
        return [band for band in cls.values if band != cls.AGE_61_PLUS]

    @classmethod
    def for_age(cls, age: int) -> "AgeBand | None":
        if age < 14:
            return None
        for band in cls:
            low, _sep, high = band.value.partition("-")
            if high and int(low) <= age <= int(high):
                return band
        return cls.AGE_61_PLUS
