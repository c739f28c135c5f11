import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from elearning.accounts.guest import COOKIE_NAME, read_guest_cookie
from elearning.accounts.selectors import learner_context
from elearning.progress.models import Attempt
from tests.factories.accounts import PASSWORD, LearnerFactory, sign_in_as_guest
from tests.factories.progress import AttemptFactory

pytestmark = pytest.mark.django_db


def owners(visitor_key) -> list[str | None]:
    """Whose (by username) the guest's attempts are now."""
    attempts = Attempt.objects.filter(visitor_key=visitor_key).select_related("learner")
    return [a.learner.username if a.learner else None for a in attempts]


def test_a_guest_chooses_commune_and_age_band_once_and_is_remembered(client, ba_dinh, rf):
    response = client.post(
        reverse("accounts_guest"),
        {"commune_query": "ba dinh", "commune": ba_dinh.code, "age_band": "16-17", "next": "/"},
    )
    assert response.status_code == 302 and response["Location"] == "/"
    cookie = response.cookies[COOKIE_NAME]
    assert cookie["httponly"] and cookie["max-age"]

    request = rf.get("/")
    request.COOKIES[COOKIE_NAME] = cookie.value
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    context = learner_context(request)
    assert (context.commune_id, context.age_band, context.audience) == (
        ba_dinh.pk,
        "16-17",
        "community",
    )
    assert context.is_guest and context.visitor_key
    # Nothing about the guest is stored on the server.
    assert get_user_model().objects.count() == 0


def test_a_guest_changing_their_choice_keeps_the_same_visitor_key(client, ba_dinh):
    key = sign_in_as_guest(client, commune=ba_dinh, age_band="18-24")
    response = client.post(
        reverse("accounts_guest"), {"commune": ba_dinh.code, "age_band": "25-34"}
    )
    assert read_guest_cookie_from(response).visitor_key == key


def read_guest_cookie_from(response):
    class Request:
        COOKIES = {COOKIE_NAME: response.cookies[COOKIE_NAME].value}

    return read_guest_cookie(Request())


def test_a_guest_under_14_gets_the_kind_refusal_and_no_cookie(client, ba_dinh):
    response = client.post(
        reverse("accounts_guest"), {"commune": ba_dinh.code, "age_band": "under-14"}
    )
    assert "Cảm ơn em đã quan tâm" in response.content.decode()
    assert COOKIE_NAME not in response.cookies


def test_a_guest_with_an_unknown_commune_gets_a_vietnamese_message(client, ba_dinh):
    response = client.post(reverse("accounts_guest"), {"commune": "12345", "age_band": "18-24"})
    assert "Chúng tôi không tìm thấy xã/phường này" in response.content.decode()
    assert COOKIE_NAME not in response.cookies


def test_signing_up_on_the_same_device_carries_guest_learning_over(client, signup_data, ba_dinh):
    key = sign_in_as_guest(client, commune=ba_dinh, age_band="25-34")
    AttemptFactory(visitor_key=key)
    response = client.post(reverse("account_signup"), signup_data)
    assert response.status_code == 302
    assert owners(key) == [get_user_model().objects.get(phone_number="+84987654321").username]
    # The guest choice is forgotten: the account now counts.
    assert response.cookies[COOKIE_NAME].value == ""


def test_signing_in_on_the_same_device_carries_guest_learning_over(client, ba_dinh):
    learner = LearnerFactory(profile__commune=ba_dinh)
    key = sign_in_as_guest(client, commune=ba_dinh)
    AttemptFactory(visitor_key=key)
    client.post(reverse("account_login"), {"login": learner.username, "password": PASSWORD})
    assert owners(key) == [learner.username]


def test_the_guest_page_only_sends_back_to_this_site(client, ba_dinh):
    response = client.post(
        reverse("accounts_guest"),
        {"commune": ba_dinh.code, "age_band": "18-24", "next": "https://evil.example/"},
    )
    assert response["Location"] == "/"
