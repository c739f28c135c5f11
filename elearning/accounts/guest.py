"""The guest choice (commune + age band), remembered on the device in a signed cookie with an
anonymous visitor key. Nothing about a guest is stored on the server by this app; other apps
count their activity by the visitor key."""

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

COOKIE_NAME = "ct_guest"
COOKIE_SALT = "elearning.accounts.guest"
COOKIE_MAX_AGE = 60 * 60 * 24 * 365 * 2  # two years: a phone is used for a long time


@dataclass(frozen=True)
class GuestChoice:
    visitor_key: str
    commune_id: int
    age_band: str


def new_visitor_key() -> str:
    return secrets.token_urlsafe(16)


def read_guest_cookie(request) -> GuestChoice | None:
    raw = request.COOKIES.get(COOKIE_NAME)
    if not raw:
        return None
    try:
        data = signing.loads(raw, salt=COOKIE_SALT, max_age=COOKIE_MAX_AGE)
        return GuestChoice(
            visitor_key=str(data["v"]), commune_id=int(data["c"]), age_band=str(data["a"])
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def encode_choice(choice: GuestChoice) -> str:
    return signing.dumps(
        {"v": choice.visitor_key, "c": choice.commune_id, "a": choice.age_band}, salt=COOKIE_SALT
    )


def write_guest_cookie(response, choice: GuestChoice) -> None:
    response.set_cookie(
        COOKIE_NAME,
        encode_choice(choice),
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def delete_guest_cookie(response) -> None:
    response.delete_cookie(COOKIE_NAME, samesite="Lax")
