"""The QR code's link: a signed token naming the session (a forged or altered one is refused),
and the device cookie that remembers which sessions this phone checked in to."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from elearning.accounts.guest import new_visitor_key, read_guest_cookie

TOKEN_SALT = "elearning.community.checkin"
COOKIE_NAME = "ct_checkin"
COOKIE_SALT = "elearning.community.device"
COOKIE_MAX_AGE = 60 * 60 * 24 * 365


def token_for(session_id: int) -> str:
    return signing.dumps({"s": session_id}, salt=TOKEN_SALT, compress=True)


def session_id_from(token: str) -> int | None:
    """The session a token names, or None for a forged or damaged token."""
    try:
        return int(signing.loads(token, salt=TOKEN_SALT)["s"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def _public(path: str) -> str:
    """On the site's configured public address, never the Host header of the request that made
    the QR code (an officer on an internal address, or a forged Host, would print a poster
    leading elsewhere)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def checkin_url(session_id: int) -> str:
    """The QR code's link, in the site's default language (what participants read)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _public(reverse("community:check_in", args=[token_for(session_id)]))


def code_url() -> str:
    """Where a participant types the short code."""
    with translation.override(settings.LANGUAGE_CODE):
        return _public(reverse("community:code"))


def device_key(request) -> str | None:
    """This phone's anonymous key: the guest's (so that a guest who also learns online is one
    person), else the one the check-in cookie remembers. None: a phone never seen."""
    guest = read_guest_cookie(request)
    if guest is not None:
        return guest.visitor_key
    try:
        return str(
            signing.loads(
                request.COOKIES.get(COOKIE_NAME, ""), salt=COOKIE_SALT, max_age=COOKIE_MAX_AGE
            )["v"]
        )
    except (signing.BadSignature, KeyError, TypeError):
        return None


def new_device_key() -> str:
    return new_visitor_key()


def remember_device(response, key: str) -> None:
    response.set_cookie(
        COOKIE_NAME,
        signing.dumps({"v": key}, salt=COOKIE_SALT),
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
