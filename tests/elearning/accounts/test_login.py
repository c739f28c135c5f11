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


def test_sign_in_with_a_phone_number_written_any_usual_way(client):
    user = UserFactory(phone_number="+84912345678")
    for written in ("0912 345 678", "0912.345.678", "+84912345678"):
        client.logout()
        client.post(reverse("account_login"), {"login": written, "password": PASSWORD})
        assert int(client.session["_auth_user_id"]) == user.pk


def test_wrong_password_for_a_phone_number_is_refused(client):
    UserFactory(phone_number="+84912345678")
    response = client.post(reverse("account_login"), {"login": "0912345678", "password": "nope"})
    assert "không đúng" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "path, vietnamese, english",
    [
        ("accounts/login/", "Tên đăng nhập hoặc số điện thoại", "Username or phone number"),
        ("accounts/password/reset/", "Quên mật khẩu?", "Forgot your password?"),
        ("accounts/guest/", "Học không cần tài khoản", "Learn without an account"),
    ],
)
def test_account_pages_are_in_vietnamese_at_the_root_and_english_under_en(
    client, path, vietnamese, english
):
    assert vietnamese in client.get("/" + path).content.decode()
    assert english in client.get("/en/" + path).content.decode()


def test_signed_in_pages_are_translated(client):
    staff = StaffFactory()
    client.force_login(staff)
    for path, vietnamese in [
        ("accounts/logout/", "Bạn có muốn đăng xuất không?"),
        ("accounts/password/change/", "Mật khẩu hiện tại"),
        ("accounts/reauthenticate/", "Xác nhận đó là bạn"),
        ("accounts/2fa/", "Đăng nhập hai bước"),
    ]:
        page = client.get("/" + path).content.decode()
        assert vietnamese in page, path
        assert 'lang="vi"' in page


def test_the_password_reset_email_is_in_vietnamese(client, mailoutbox):
    UserFactory(email="lan@example.org")
    client.post(reverse("account_reset_password"), {"email": "lan@example.org"})
    message = mailoutbox[0]
    assert message.subject.endswith("Đặt mật khẩu mới cho Chung Tay")
    assert "/accounts/password/reset/key/" in message.body
    assert "Xin chào từ Chung Tay" in message.body
