import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from elearning.accounts.models import GuardianConsent, LearnerProfile
from tests.elearning.accounts.conftest import THIS_YEAR
from tests.factories.accounts import LearnerFactory
from tests.factories.geo import CommuneFactory
from tests.factories.progress import AttemptFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def learner(client, ba_dinh):
    learner = LearnerFactory(
        profile__commune=ba_dinh, profile__birth_year=THIS_YEAR - 30, phone_number="+84912345678"
    )
    client.force_login(learner)
    return learner


def test_the_profile_page_shows_the_profile(client, learner):
    page = client.get(reverse("accounts_profile")).content.decode()
    assert "Hồ sơ của tôi" in page and "Phường Ba Đình, Thành phố Hà Nội" in page
    assert str(THIS_YEAR - 30) in page and "+84912345678" in page


def test_download_my_data_holds_the_account_and_profile(client, learner):
    response = client.post(reverse("accounts_export"))
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["username"] == learner.username
    assert data["account"]["phone_number"] == "+84912345678"
    assert data["profile"]["commune"]["name"] == "Phường Ba Đình"
    assert data["profile"]["birth_year"] == THIS_YEAR - 30


def test_download_needs_a_post_and_a_signed_in_user(client, learner):
    assert client.get(reverse("accounts_export")).status_code == 405
    client.logout()
    assert client.post(reverse("accounts_export")).status_code == 302


def test_deleting_the_account_removes_personal_data_and_keeps_counted_rows_anonymous(
    client, learner, home_page
):
    attempt = AttemptFactory(learner=learner)
    unticked = client.post(reverse("accounts_delete"), {})
    assert "Hãy đánh dấu vào ô" in unticked.content.decode()
    assert User.objects.filter(pk=learner.pk).exists()

    response = client.post(reverse("accounts_delete"), {"confirm": "yes"}, follow=True)
    attempt.refresh_from_db()
    assert attempt.learner_id is None and attempt.visitor_key.startswith("deleted-")
    assert not User.objects.filter(pk=learner.pk).exists()
    assert not LearnerProfile.objects.exists()
    assert "_auth_user_id" not in client.session
    assert "Tài khoản và dữ liệu cá nhân của bạn đã được xóa" in response.content.decode()


def test_editing_the_profile(client, learner):
    other_commune = CommuneFactory(name="Xã Tân Lập")
    response = client.post(
        reverse("accounts_profile_edit"),
        {"commune": other_commune.code, "birth_year": THIS_YEAR - 31, "audience": "community"},
    )
    assert response.status_code == 302
    profile = LearnerProfile.objects.get(user=learner)
    assert (profile.commune, profile.birth_year) == (other_commune, THIS_YEAR - 31)


def test_forged_fields_for_another_users_profile_change_nothing(client, learner):
    victim = LearnerFactory(profile__birth_year=THIS_YEAR - 40)
    before = LearnerProfile.objects.get(user=victim).__dict__.copy()
    mine_before = LearnerProfile.objects.get(user=learner).birth_year
    response = client.post(
        reverse("accounts_profile_edit"),
        {
            "user": victim.pk,
            "profile": victim.learner_profile.pk,
            "commune": victim.learner_profile.commune.code,
            "birth_year": THIS_YEAR - 20,
            "audience": "police",
            "agency": "Công an",
        },
    )
    assert response.status_code == 200
    assert "Biểu mẫu đã bị thay đổi ngoài Chung Tay nên không có gì được lưu" in (
        response.content.decode()
    )
    after = LearnerProfile.objects.get(user=victim).__dict__
    assert {k: v for k, v in after.items() if k != "_state"} == {
        k: v for k, v in before.items() if k != "_state"
    }
    assert LearnerProfile.objects.get(user=learner).birth_year == mine_before


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"commune": "99999"}, "Chúng tôi không tìm thấy xã/phường này"),
        ({"birth_year": THIS_YEAR + 2}, "Năm sinh không thể ở tương lai"),
        ({"birth_year": THIS_YEAR - 130}, "hơn 120 năm trước"),
        ({"birth_year": THIS_YEAR - 15}, "cần có sự đồng ý của cha mẹ"),
        ({"audience": "court", "agency": ""}, "vui lòng ghi tên cơ quan"),
    ],
)
def test_bad_profile_edits_get_a_vietnamese_message_and_change_nothing(
    client, learner, ba_dinh, changes, message
):
    data = {"commune": ba_dinh.code, "birth_year": THIS_YEAR - 30, "audience": "community"}
    response = client.post(reverse("accounts_profile_edit"), {**data, **changes})
    assert message in response.content.decode()
    profile = LearnerProfile.objects.get(user=learner)
    assert (profile.commune, profile.birth_year, profile.audience) == (
        ba_dinh,
        THIS_YEAR - 30,
        "community",
    )


def test_withdrawing_consent_stops_processing(client, ba_dinh, rf):
    from elearning.accounts.selectors import learner_context

    child = LearnerFactory(
        profile__commune=ba_dinh, profile__birth_year=THIS_YEAR - 15, guardian_consent=True
    )
    client.force_login(child)
    response = client.post(reverse("accounts_withdraw_consent"), follow=True)
    assert "Đã rút lại sự đồng ý" in response.content.decode()
    consent = GuardianConsent.objects.get(user=child)
    assert consent.withdrawn_at is not None  # kept, as a record of the withdrawal
    request = rf.get("/")
    request.user = child
    assert learner_context(request) is None
    assert "không còn được ghi nhận" in client.get(reverse("accounts_profile")).content.decode()


def test_the_export_lists_the_consent_records(client, ba_dinh):
    child = LearnerFactory(
        profile__commune=ba_dinh, profile__birth_year=THIS_YEAR - 15, guardian_consent=True
    )
    client.force_login(child)
    data = json.loads(client.post(reverse("accounts_export")).content)
    assert data["guardian_consents"][0]["guardian_name"] == "Nguyễn Thị Mai"
