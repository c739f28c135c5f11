"""Attacks on the public check-in pages: one client scripting hundreds of check-ins (a new
phone each time, by dropping the cookie) to inflate a session, or guessing short codes. Both
are limited per client (the site's rate limiter, settings.CLIENT_RATE_LIMITS) with a message in
Vietnamese, and what is refused changes nothing. Forms on these pages are never cached."""

import pytest
from allauth.core.internal.ratelimit import parse_rates
from django.conf import settings
from django.test import Client
from django.urls import reverse

from elearning.community import checkin
from elearning.community.models import SessionCheckIn
from tests.factories.community import held, officer_of


@pytest.fixture
def session(communes):
    return held(officer=officer_of(communes[0]), commune=communes[0])


def limit(action: str) -> int:
    return parse_rates(settings.CLIENT_RATE_LIMITS[action])[0].amount


def test_hundreds_of_check_ins_from_one_client_are_cut_at_the_limit(session):
    url = reverse("community:check_in", args=[checkin.token_for(session.pk)])
    allowed = limit("community_check_in")
    codes = []
    for _ in range(allowed + 80):
        phone = Client(REMOTE_ADDR="203.0.113.7")  # a fresh cookie jar: "a new phone"
        codes.append(phone.post(url, {"age_band": "18-60"}).status_code)
    assert codes[:allowed] == [302] * allowed
    assert set(codes[allowed:]) == {429}
    assert SessionCheckIn.objects.count() == allowed

    refused = Client(REMOTE_ADDR="203.0.113.7").post(url, {"age_band": "18-60"})
    assert refused.status_code == 429 and refused["Retry-After"]
    assert "Quá nhiều yêu cầu" in refused.content.decode()
    assert "no-store" in refused["Cache-Control"]
    # Another client (another address) is not held up by the first.
    other = Client(REMOTE_ADDR="198.51.100.20").post(url, {"age_band": "18-60"})
    assert other.status_code == 302
    assert SessionCheckIn.objects.count() == allowed + 1


def test_guessing_short_codes_is_cut_at_the_limit(session):
    guesser = Client(REMOTE_ADDR="203.0.113.9")
    allowed = limit("community_check_in_code")
    wrong = [f"Z{n:05d}".replace("0", "Z").replace("1", "Y") for n in range(allowed + 200)]
    codes = [guesser.post(reverse("community:code"), {"code": code}).status_code for code in wrong]
    assert codes[:allowed] == [400] * allowed
    assert set(codes[allowed:]) == {429}
    # Now even the right code is refused to this client: guessing does not pay.
    right = guesser.post(reverse("community:code"), {"code": session.checkin_code})
    assert right.status_code == 429
    assert "Quá nhiều yêu cầu" in right.content.decode()


def test_typing_the_right_code_many_times_is_not_limited(session):
    """A whole hall on one wifi types the code: only wrong codes are counted."""
    hall = Client(REMOTE_ADDR="203.0.113.10")
    allowed = limit("community_check_in_code")
    for _ in range(allowed + 20):
        response = hall.post(reverse("community:code"), {"code": session.checkin_code})
        assert response.status_code == 302


@pytest.mark.parametrize("method", ["get", "post"])
def test_check_in_pages_are_never_cached(client, session, method):
    """A shared cache (a page cache for anonymous visitors, a proxy) must not keep one phone's
    form, CSRF token or "you are checked in" for another."""
    urls = [
        reverse("community:check_in", args=[checkin.token_for(session.pk)]),
        reverse("community:check_in", args=["forged"]),
        reverse("community:code"),
    ]
    for url in urls:
        response = getattr(client, method)(url, {"age_band": "18-60"} if method == "post" else {})
        cache_control = response.get("Cache-Control", "")
        assert "no-store" in cache_control or "private" in cache_control, url
