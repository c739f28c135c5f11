from django.db import models
from django.utils.translation import gettext_lazy as _

# Above this many participants a session's counts are a typing mistake, not a village hall.
MAX_PARTICIPANTS = 5_000
# A session lasts at most this long (a day's market stall).
MAX_HOURS = 12
# A session may be set up this long before it starts (the officer in the hall, a little early).
EARLY_MINUTES = 60


class SessionKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    TALK = "talk", _("Talk")
    LOUDSPEAKER = "loudspeaker", _("Loudspeaker")
    SCHOOL = "school", _("School session")
    MARKET_STALL = "market_stall", _("Market stall")
    OTHER = "other", _("Other")


class SessionStatus(models.TextChoices):
    DRAFT = "draft", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    RETURNED = "returned", _("Returned")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    UNKNOWN = "unknown", _("Not recorded")


class SessionAgeBand(models.TextChoices):
    """The bands of the plans' reports on face-to-face work (coarser than a learner's)."""

    UNDER_14 = "under_14", _("Under 14")
    AGE_14_15 = "14-15", _("14–15")
    AGE_16_17 = "16-17", _("16–17")
    AGE_18_60 = "18-60", _("18–60")
    OVER_60 = "61+", _("Over 60")

    @classmethod
    def reach_bands(cls) -> list[str]:
        """The bands the plans' "people aged 14–60" counts."""
        return [cls.AGE_14_15, cls.AGE_16_17, cls.AGE_18_60]

    @classmethod
    def check_in_choices(cls) -> list[tuple[str, str]]:
        """Children under 14 are counted by the officer only, never checked in on a phone."""
        return [(value, label) for value, label in cls.choices if value != cls.UNDER_14]
