from django.db import models
from django.utils.translation import gettext_lazy as _

# Person-based figures below this are shown as "<5" (and so are rates derived from them).
SUPPRESS_BELOW = 5


class IndicatorCode(models.TextChoices):
    REACH = "reach", _("People aged 14–60 in key areas reached")
    IN_DEPTH_MODEL = "in_depth_model", _("Communes with an in-depth model")
    INTEGRATED_MODEL = "integrated_model", _("Communes with an integrated model")
    LEGAL_DISSEMINATED = "legal_disseminated", _("Legal texts disseminated")
    STAFF_TRAINED = "staff_trained", _("Prosecution staff trained")
    QUIZ_PASS_RATE = "quiz_pass_rate", _("Quiz pass rate")
    # Face-to-face work (elearning.community): counts, not rates. Participants are
    # person-times (one person at three sessions is three), never added to reach's people.
    SESSION_PARTICIPANTS = (
        "session_participants",
        _("Participants in community sessions (person-times)"),
    )
    SESSIONS_HELD = "sessions_held", _("Community sessions held")

    @property
    def is_person_based(self) -> bool:
        return self in {
            self.REACH,
            self.STAFF_TRAINED,
            self.QUIZ_PASS_RATE,
            self.SESSION_PARTICIPANTS,
        }

    @property
    def is_count(self) -> bool:
        """A number with no denominator; its plan target is a number too."""
        return self in {self.SESSION_PARTICIPANTS, self.SESSIONS_HELD}

    @property
    def column_heading(self) -> str:
        """The indicator as a column of a table of units (page, XLSX, report document): a
        rate's says "%", a count's is a number of people or times."""
        return str(self.label) if self.is_count else f"{self.label} (%)"

    @classmethod
    def rolled_up(cls) -> list[str]:
        """The indicators counted from learners' rows (the others come from profiles)."""
        return [
            cls.REACH,
            cls.LEGAL_DISSEMINATED,
            cls.STAFF_TRAINED,
            cls.QUIZ_PASS_RATE,
            cls.SESSION_PARTICIPANTS,
            cls.SESSIONS_HELD,
        ]


class ModelType(models.TextChoices):
    NONE = "none", _("None")
    INTEGRATED = "integrated", _("Integrated model")
    IN_DEPTH = "in_depth", _("In-depth model")


class Status(models.TextChoices):
    MET = "met", _("Met")
    ON_TRACK = "on_track", _("On track")
    BEHIND = "behind", _("Behind")
    NOT_MET = "not_met", _("Not met")  # the plan's period is over
    NO_TARGET = "no_target", _("No target")


# One line per indicator: what is counted, out of what, for which period. Shown beside each
# indicator and in every export.
DEFINITIONS = {
    IndicatorCode.REACH: _(
        "People aged 14–60 in key-area communes who completed at least one community lesson "
        "or quiz ÷ the population aged 14–60 of those communes (latest headcount), counted "
        "in the period shown, each person in the month they were first counted."
    ),
    IndicatorCode.IN_DEPTH_MODEL: _(
        "Communes whose latest profile has an in-depth prevention model ÷ all communes of the area."
    ),
    IndicatorCode.INTEGRATED_MODEL: _(
        "Communes whose latest profile has an integrated prevention model ÷ all communes of "
        "the area."
    ),
    IndicatorCode.LEGAL_DISSEMINATED: _(
        "Legal documents marked for dissemination that the plan's minimum number of learners "
        "of the area confirmed reading ÷ the documents marked. Counted for each area as a "
        "whole: a province counts readers from all its communes, so it can reach 100% while "
        "each commune alone has too few readers."
    ),
    IndicatorCode.STAFF_TRAINED: _(
        "Staff of prosecution agencies (police, procuracy, court, border guard) holding a "
        "course certificate ÷ the agencies' headcount. Headcounts are kept per province: a "
        "commune has no value of its own."
    ),
    IndicatorCode.QUIZ_PASS_RATE: _(
        "People who passed a quiz of a course ÷ people who tried one, per course, added up "
        "over the courses."
    ),
    IndicatorCode.SESSION_PARTICIPANTS: _(
        "Participants counted at confirmed community sessions, as person-times: one person at "
        "three meetings counts three times. Shown beside reach, never added to it."
    ),
    IndicatorCode.SESSIONS_HELD: _(
        "Confirmed community sessions (meetings, talks, loudspeaker sessions…) held in the "
        "area. A count, not a rate."
    ),
}


def definitions() -> list[tuple[str, str]]:
    """(label, definition) of each indicator, in the indicators' order."""
    return [(str(label), str(DEFINITIONS[code])) for code, label in IndicatorCode.choices]
