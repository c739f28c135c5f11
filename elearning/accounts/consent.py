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
