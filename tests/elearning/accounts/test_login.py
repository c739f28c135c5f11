import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.urls import reverse

from tests.factories.accounts import PASSWORD, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def totp_now(secret: str) -> str:
    import time

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_admin_sends_anonymous_visitors_to_the_single_login_form(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_wagtail_login_url_redirects_to_allauth(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/pages/"


def test_staff_reach_the_admin_after_signing_in_through_allauth(client):
    staff = StaffFactory()
    response = client.post(
        reverse("account_login") + "?next=/admin/",
        {"login": staff.username, "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_wrong_password_gives_a_vietnamese_message_and_no_session(client):
    user = UserFactory()
    response = client.post(reverse("account_login"), {"login": user.username, "password": "nope"})
    assert response.status_code == 200
    assert "không đúng" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failed_logins_are_rate_limited(client):
    user = UserFactory()
    for _ in range(5):
        client.post(reverse("account_login"), {"login": user.username, "password": "wrong"})
    # Even the right password is refused while the account is cooling down.
    response = client.post(reverse("account_login"), {"login": user.username, "password": PASSWORD})
    assert "Quá nhiều lần đăng nhập không thành công" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_staff_can_turn_on_totp_and_then_need_a_code(client):
    staff = StaffFactory()
    client.post(reverse("account_login"), {"login": staff.username, "password": PASSWORD})

    # Turning on a second factor asks for the password again first.
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    activate = client.get(reverse("mfa_activate_totp"))
    assert activate.status_code == 200
    secret = activate.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_now(secret)})
    assert response.status_code == 302
    assert staff.authenticator_set.filter(type="totp").exists()

    client.logout()
    response = client.post(
        reverse("account_login") + "?next=/admin/", {"login": staff.username, "password": PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get("/admin/").status_code == 302  # not signed in yet

    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    assert client.get("/admin/").status_code == 302

    response = client.post(reverse("mfa_authenticate"), {"code": totp_now(secret)})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
