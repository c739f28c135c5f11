"""Settings of the H5P app, each overridable in Django settings under the same name."""

from django.conf import settings


def get(name: str):
    return getattr(settings, name, DEFAULTS[name])


DEFAULTS = {
    # How long a player page's result token stays valid (seconds). A lesson saved on the phone
    # is played days later without a network, so as long as a quiz form (7 days). It names its
    # learner, who must be the sender, and statement ids are never stored twice: an old token
    # lets nobody else in and replays nothing.
    "H5P_TOKEN_MAX_AGE": 7 * 24 * 60 * 60,
    # A learner's saved state per content.
    "H5P_STATE_MAX_BYTES": 64 * 1024,
    # A statement as sent by the player page.
    "H5P_STATEMENT_MAX_BYTES": 64 * 1024,
}
