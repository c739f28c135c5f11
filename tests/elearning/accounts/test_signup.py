import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from elearning.accounts.consent import CONSENT_VERSION
from elearning.accounts.models import GuardianConsent, LearnerProfile
from elearning.accounts.selectors import learner_context
from tests.elearning.accounts.conftest import THIS_YEAR

pytestmark = pytest.mark.django_db
User = get_user_model()


def signup(client, data, **changes):
    return client.post(reverse("account_signup"), {**data, **changes})


def test_sign_up_without_email_creates_the_account_and_profile_and_signs_in(
    client, signup_data, ba_dinh
):
    response = signup(client, signup_data)
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(phone_number="+84987654321")
    assert user.email == ""
    profile = user.learner_profile
    assert (profile.commune, profile.birth_year, profile.sex, profile.audience) == (
        ba_dinh,
        THIS_YEAR - 25,
        "female",
        "community",
    )
    assert int(client.session["_auth_user_id"]) == user.pk
    assert not GuardianConsent.objects.exists()


def test_sign_up_with_email_and_phone_then_sign_in_with_the_phone(client, signup_data):
    signup(client, signup_data, email="lan@example.org", phone_number="0912 345 678")
    user = User.objects.get()
    assert (user.email, user.phone_number) == ("lan@example.org", "+84912345678")
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": "+84 912 345 678", "password": signup_data["password1"]}
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_the_sign_up_page_is_in_vietnamese_and_in_english(client):
    page = client.get(reverse("account_signup")).content.decode()
    assert "Đăng ký" in page and "Năm sinh" in page and "Mật khẩu" in page
    page = client.get("/en/accounts/signup/").content.decode()
    assert "Sign up" in page and "Year of birth" in page and "Password" in page


def test_staff_sign_up_needs_the_agency(client, signup_data):
    response = signup(client, signup_data, audience="police", agency="")
    assert "Cán bộ: vui lòng ghi tên cơ quan" in response.content.decode()
    assert not User.objects.exists()
    signup(client, signup_data, audience="police", agency="Công an xã Tân Lập")
    assert LearnerProfile.objects.get().agency == "Công an xã Tân Lập"


def test_a_learner_under_16_signs_up_with_a_guardians_consent(client, signup_data):
    child = {**signup_data, "birth_year": str(THIS_YEAR - 15)}
    response = signup(client, child)
    assert "cha mẹ hoặc người giám hộ" in response.content.decode()
    assert not User.objects.exists()

    response = signup(client, child, guardian_name="Trần Thị Hoa", guardian_consent="on")
    assert response.status_code == 302
    consent = GuardianConsent.objects.get()
    assert (consent.guardian_name, consent.text_version, consent.withdrawn_at) == (
        "Trần Thị Hoa",
        CONSENT_VERSION,
        None,
    )
    assert consent.given_at is not None


def test_a_child_under_14_gets_a_kind_refusal_and_nothing_is_stored(client, signup_data):
    response = signup(
        client,
        signup_data,
        birth_year=str(THIS_YEAR - 12),
        guardian_name="Trần Thị Hoa",
        guardian_consent="on",
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Cảm ơn em đã quan tâm" in page and "14 tuổi trở lên" in page
    assert "Trần Thị Hoa" not in page  # what was typed is not even shown back
    assert not User.objects.exists() and not LearnerProfile.objects.exists()
    assert not GuardianConsent.objects.exists()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"commune": "99999"}, "Chúng tôi không tìm thấy xã/phường này"),
        ({"commune": ""}, "Hãy chọn xã/phường"),
        ({"birth_year": str(THIS_YEAR + 1)}, "Năm sinh không thể ở tương lai"),
        ({"birth_year": str(THIS_YEAR - 121)}, "hơn 120 năm trước"),
        ({"phone_number": "12345"}, "số điện thoại di động Việt Nam"),
    ],
)
def test_bad_sign_up_input_gets_a_vietnamese_message_and_nothing_is_stored(
    client, signup_data, changes, message
):
    response = signup(client, signup_data, **changes)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.exists()


def test_a_legacy_commune_code_is_not_accepted(client, signup_data):
    from tests.factories.geo import CommuneFactory, LegacyCatalogFactory

    legacy = CommuneFactory(catalog=LegacyCatalogFactory(), code="00001", name="Phường Phúc Xá")
    response = signup(client, signup_data, commune=legacy.code)
    assert "Chúng tôi không tìm thấy xã/phường này" in response.content.decode()
    assert not User.objects.exists()


def test_without_javascript_the_find_button_lists_matching_communes(client, signup_data, ba_dinh):
    response = client.post(
        reverse("account_signup"), {"commune_query": "ba dinh", "find_commune": "1"}
    )
    page = response.content.decode()
    assert f'value="{ba_dinh.code}"' in page and "Phường Ba Đình" in page
    assert "field__error" not in page  # only searching: no complaints yet
    assert not User.objects.exists()


def test_the_commune_search_endpoint_matches_without_diacritics(client, ba_dinh):
    page = client.get(reverse("accounts_commune_search"), {"q": "BA DINH"}).content.decode()
    assert "Phường Ba Đình, Thành phố Hà Nội" in page
    page = client.get(reverse("accounts_commune_search"), {"q": "xyz khong co"}).content.decode()
    assert "Không tìm thấy" in page


def test_a_new_learner_is_counted_right_after_signing_up(client, signup_data, ba_dinh, rf):
    signup(client, signup_data)
    request = rf.get("/")
    request.user = User.objects.get(phone_number="+84987654321")
    context = learner_context(request)
    assert (context.commune_id, context.age_band, context.audience) == (
        ba_dinh.pk,
        "25-34",
        "community",
    )


def test_a_phone_number_and_a_password_are_the_whole_account(client, signup_data, home_page):
    page = client.get(reverse("account_signup")).content.decode()
    assert 'name="username"' not in page  # nobody is asked to invent a username
    response = client.post(reverse("account_signup"), signup_data, follow=True)
    user = User.objects.get()
    # Made up, and it says nothing about the person: neither the number nor a name.
    assert re.fullmatch(r"hv-[a-z2-9]{7}", user.username)
    assert "987654321" not in user.username
    assert f"Tên đăng nhập của bạn là {user.username}" in response.content.decode()
    client.logout()
    for login in ("0987 654 321", user.username):
        client.post(
            reverse("account_login"), {"login": login, "password": signup_data["password1"]}
        )
        assert int(client.session["_auth_user_id"]) == user.pk
        client.logout()


def test_without_a_phone_number_the_form_says_so_and_nothing_is_stored(client, signup_data):
    response = signup(client, signup_data, phone_number="")
    assert "Vui lòng nhập số điện thoại di động của bạn." in response.content.decode()
    assert not User.objects.exists()


def test_errors_are_summarised_at_the_top_linked_to_their_fields(client, signup_data):
    response = signup(
        client, signup_data, phone_number="12345", commune="", password2="something-else"
    )
    page = response.content.decode()
    summary = re.search(
        r'<div class="error-summary" role="alert" tabindex="-1"[^>]*autofocus>(.*?)</div>',
        page,
        re.S,
    )
    assert summary, "no focusable error summary"
    assert page.index("error-summary") < page.index('id="field-commune"')  # above the fields
    assert "Vui lòng sửa những chỗ sau" in summary.group(1)
    links = dict(re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary.group(1)))
    assert "số điện thoại di động Việt Nam" in links["id_phone_number"]
    assert "xã/phường" in links["id_commune_query"].lower()
    assert any(target.startswith("id_password") for target in links)
    for target in links:
        assert f'id="{target}"' in page  # each link lands on its field
    assert not User.objects.exists()


@pytest.mark.parametrize("phone", ["<b>0912345678</b>", "0912345678" * 5, "091234567\x00"])
def test_a_hostile_phone_number_is_refused_kindly(client, signup_data, phone):
    response = signup(client, signup_data, phone_number=phone)
    assert response.status_code == 200
    assert "<b>0912345678</b>" not in response.content.decode()
    assert not User.objects.exists()
