"""The participant's check-in page: one check-in per phone, closed after the end plus the
grace period, never for a child; a forged token or a replay gets a clear message and changes
nothing."""

import copy
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from elearning.community import checkin
from elearning.community.models import SessionCheckIn
from tests.factories.accounts import sign_in_as_guest
from tests.factories.community import held, officer_of


@pytest.fixture
def session(communes):
    return held(officer=officer_of(communes[0]), commune=communes[0])


def url(session):
    return reverse("community:check_in", args=[checkin.token_for(session.pk)])


def test_a_participant_checks_in_once_from_their_phone(client, session):
    page = client.get(url(session))
    assert page.status_code == 200
    assert "Điểm danh buổi sinh hoạt" in page.content.decode()
    assert 'value="under_14"' not in page.content.decode()  # children are not checked in

    response = client.post(url(session), {"age_band": "16-17", "sex": "female"})
    assert response.status_code == 302
    row = SessionCheckIn.objects.get()
    assert (row.age_band, row.sex, row.session_id) == ("16-17", "female", session.pk)
    assert "Bạn đã điểm danh" in client.get(url(session)).content.decode()

    replay = client.post(url(session), {"age_band": "18-60"})
    assert replay.status_code == 409
    assert "đã điểm danh buổi sinh hoạt này rồi" in replay.content.decode()
    assert SessionCheckIn.objects.count() == 1


def test_a_second_phone_checks_in_too(client, session):
    client.post(url(session), {"age_band": "18-60"})
    other = Client()
    assert other.post(url(session), {"age_band": "61+"}).status_code == 302
    assert SessionCheckIn.objects.count() == 2
    assert SessionCheckIn.objects.values("visitor_key").distinct().count() == 2


def test_a_guest_checks_in_with_the_key_they_learn_with(client, session, communes):
    key = sign_in_as_guest(client, commune=communes[0], age_band="18-24")
    client.post(url(session), {"age_band": "18-60"})
    assert SessionCheckIn.objects.get().visitor_key == key


@pytest.mark.parametrize(
    "token",
    [
        "12",  # a session id alone
        "eyJzIjoxfQ:1v1:forged-signature",
    ],
)
def test_a_forged_token_is_refused(client, session, token):
    response = client.post(reverse("community:check_in", args=[token]), {"age_band": "18-60"})
    assert response.status_code == 404
    assert "Mã QR này không hợp lệ" in response.content.decode()
    assert not SessionCheckIn.objects.exists()


def test_a_token_altered_to_name_another_session_is_refused(client, session, communes):
    other = held(officer=officer_of(communes[0]), commune=communes[0])
    good = checkin.token_for(session.pk)
    forged = checkin.token_for(other.pk).split(":")[0] + ":" + good.split(":", 1)[1]
    response = client.post(reverse("community:check_in", args=[forged]), {"age_band": "18-60"})
    assert response.status_code == 404
    assert not SessionCheckIn.objects.exists()


def test_check_in_is_closed_after_the_end_plus_grace(client, communes):
    start = timezone.now() - timedelta(hours=3)
    session = held(
        officer=officer_of(communes[0]),
        commune=communes[0],
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        check_in_grace_minutes=30,
    )
    assert "đã hết giờ điểm danh" in client.get(url(session)).content.decode()
    response = client.post(url(session), {"age_band": "18-60"})
    assert response.status_code == 409
    assert "đã hết giờ điểm danh" in response.content.decode()
    assert not SessionCheckIn.objects.exists()


def test_a_child_cannot_check_in(client, session):
    response = client.post(url(session), {"age_band": "under_14"})
    assert response.status_code == 400
    assert not SessionCheckIn.objects.exists()


def test_the_short_code_leads_to_the_session(client, session):
    response = client.post(reverse("community:code"), {"code": session.checkin_code.lower()})
    assert response.status_code == 302 and response.url == url(session)
    wrong = client.post(reverse("community:code"), {"code": "ZZZZZZ"})
    assert wrong.status_code == 400
    assert "Không có buổi sinh hoạt nào có mã này" in wrong.content.decode()


def test_a_double_tap_stores_one_check_in(client, session):
    """Both posts of a double tap leave before the first answer: they carry the key the form's
    page gave the phone, so the second is refused as a second check-in."""
    client.get(url(session))
    twin = Client()
    twin.cookies = copy.copy(client.cookies)  # the phone's cookies as both taps send them
    first = client.post(url(session), {"age_band": "18-60"})
    second = twin.post(url(session), {"age_band": "18-60"})
    assert (first.status_code, second.status_code) == (302, 409)
    assert SessionCheckIn.objects.count() == 1
