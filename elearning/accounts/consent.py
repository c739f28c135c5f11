"""The guardian consent text. Its version is stored with every consent record, so a change
of wording means a new version here (and new consent from then on)."""

from django.utils.translation import gettext_lazy as _

CONSENT_VERSION = "2025-1"
CONSENT_AGE = 16  # children under Vietnamese law
MINIMUM_AGE = 14  # community courses are for people aged 14 and over

CONSENT_TEXT = _(
    "I am the parent or guardian of this learner. I agree that Chung Tay keeps their commune, "
    "birth year, optional sex and learning progress to count who has learned, and I know I "
    "can withdraw this consent at any time from the learner's profile page."
)


def age_errors(
    *, birth_year: int | None, has_active_consent: bool, guardian_name: str = "", agreed=False
) -> dict[str, str]:
    """The one age rule, for every path that writes a birth year (sign-up, the profile page,
    services): nobody under 14; under 16 only with a parent's or guardian's consent, already
    given or given now (a name and the box ticked). Returns messages by form field."""
    from .models import age_in_year

    if birth_year is None:
        return {}
    age = age_in_year(birth_year)
    if age < MINIMUM_AGE:
        return {"birth_year": _("Chung Tay is for people aged 14 and over.")}
    if age >= CONSENT_AGE or has_active_consent:
        return {}
    errors = {}
    if not (guardian_name or "").strip():
        errors["guardian_name"] = _(
            "You are under 16: please give the name of your parent or guardian."
        )
    if not agreed:
        errors["guardian_consent"] = _("You are under 16: your parent or guardian must agree.")
    return errors
