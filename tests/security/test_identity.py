"""Identity attacks refused: forged staff membership, under-age profiles, the login lock
bypassed by rewriting a phone number, and account enumeration at sign-up."""

import re

import pytest
from django.urls import reverse

from elearning.accounts.choices import Audience
from elearning.accounts.models import LearnerProfile, StaffRosterEntry
from elearning.accounts.selectors import learner_context_for_user
from elearning.progress.models import Attempt, Certificate
from tests.cms.learning.conftest import quiz_action, submit
from tests.factories.accounts import LearnerFactory, UserFactory
from tests.factories.coverage import reader
from tests.factories.geo import CommuneFactory, ProvinceFactory
from tests.factories.learning import right_answers

pytestmark = pytest.mark.django_db


# --- Staff membership (police, procuracy, court, border guard) -------------------------------


def claimant(**kwargs):
    """A learner who picked the police audience at sign-up: a claim nobody has verified."""
    return LearnerFactory(
        profile__audience=Audience.POLICE, profile__staff_verified_at=None, **kwargs
    )


def test_a_self_declared_police_officer_counts_as_community_and_gets_no_staff_certificate(
    client, staff_quiz
):
    user = claimant()
    client.force_login(user)
    assert learner_context_for_user(user=user).audience == Audience.COMMUNITY

    assert 'class="quiz"' not in client.get(staff_quiz.url).content.decode()
    client.post(quiz_action(staff_quiz), {"form_token": "x", **right_answers(staff_quiz)})
    assert not Attempt.objects.exists()
    assert not Certificate.objects.exists()


def approval_url(profile, action="edit"):
    return reverse(f"staffclaim:{action}", args=[profile.pk])


def test_a_report_reader_approves_a_claim_in_their_area_and_it_then_counts(client, staff_quiz):
    province = ProvinceFactory()
    user = claimant(profile__commune=CommuneFactory(province=province))
    officer = reader(province)
    client.force_login(officer)

    listing = client.get(reverse("staffclaim:index"))
    assert listing.status_code == 200
    assert user.username in listing.content.decode()

    response = client.post(approval_url(user.learner_profile), {"decision": "approve"})
    assert response.status_code == 302
    profile = LearnerProfile.objects.get(user=user)
    assert profile.staff_verified_at is not None
    assert (profile.staff_verified_via, profile.staff_verified_by) == ("approval", officer)

    # The name to print is asked before the first certificate (not at sign-up).
    LearnerProfile.objects.filter(user=user).update(full_name="Trần Văn Minh")
    client.force_login(user)
    submit(client, staff_quiz, right_answers(staff_quiz))
    assert Certificate.objects.get(learner=user).audience == Audience.POLICE


def test_a_declined_claim_makes_the_learner_a_community_learner(client):
    province = ProvinceFactory()
    user = claimant(profile__commune=CommuneFactory(province=province))
    client.force_login(reader(province))
    client.post(approval_url(user.learner_profile), {"decision": "decline"})
    profile = LearnerProfile.objects.get(user=user)
    assert (profile.audience, profile.agency, profile.staff_verified_at) == ("community", "", None)


def test_a_reader_cannot_see_or_approve_claims_outside_their_area(client):
    user = claimant(profile__commune=CommuneFactory(province=ProvinceFactory()))
    client.force_login(reader(ProvinceFactory()))

    assert user.username not in client.get(reverse("staffclaim:index")).content.decode()
    response = client.post(approval_url(user.learner_profile), {"decision": "approve"})
    assert response.status_code in (403, 404)
    assert LearnerProfile.objects.get(user=user).staff_verified_at is None


def test_a_learner_cannot_open_the_approval_screen(client):
    user = claimant()
    client.force_login(user)
    response = client.post(approval_url(user.learner_profile), {"decision": "approve"})
    assert response.status_code in (302, 403)
    assert LearnerProfile.objects.get(user=user).staff_verified_at is None


def test_a_roster_entry_verifies_the_matching_phone_and_agency_only(client):
    police = claimant(phone_number="+84912000111")
    court = LearnerFactory(
        phone_number="+84912000222",
        profile__audience=Audience.COURT,
        profile__staff_verified_at=None,
    )
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    for phone in ("0912.000.111", "0912 000 222"):
        response = client.post(
            reverse("staffrosterentry:add"),
            {"phone_number": phone, "audience": Audience.POLICE, "agency": "Công an xã"},
        )
        assert response.status_code == 302
    assert set(StaffRosterEntry.objects.values_list("phone_number", flat=True)) == {
        "+84912000111",
        "+84912000222",
    }
    assert LearnerProfile.objects.get(user=police).staff_verified_via == "roster"
    # On the police roster, but claiming to be court staff: not verified.
    assert LearnerProfile.objects.get(user=court).staff_verified_at is None


def test_signing_up_with_a_rostered_phone_is_verified_at_once():
    from elearning.accounts.services import create_profile

    StaffRosterEntry.objects.create(phone_number="+84912000333", audience=Audience.POLICE)
    user = UserFactory(phone_number="+84912000333")
    profile = create_profile(
        user=user, commune=CommuneFactory(), birth_year=1990, audience=Audience.POLICE
    )
    assert profile.is_verified_staff
    assert learner_context_for_user(user=user).audience == Audience.POLICE


def test_changing_agency_type_drops_the_verification(client):
    user = LearnerFactory(profile__audience=Audience.POLICE)
    client.force_login(user)
    profile = user.learner_profile
    response = client.post(
        reverse("accounts_profile_edit"),
        {
            "commune": profile.commune.code,
            "birth_year": profile.birth_year,
            "audience": Audience.COURT,
            "agency": "Tòa án",
        },
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.audience, profile.staff_verified_at) == (Audience.COURT, None)


# --- Age: refused under 14, a guardian's consent under 16, on every path -------------------


def profile_form(commune, birth_year, **extra):
    return {
        "commune": commune.code,
        "birth_year": birth_year,
        "audience": "community",
        **extra,
    }


def test_the_profile_page_cannot_create_an_under_14_profile(client):
    from django.utils import timezone

    user = UserFactory()
    client.force_login(user)
    commune = CommuneFactory()
    response = client.post(
        reverse("accounts_profile_edit"), profile_form(commune, timezone.localdate().year - 9)
    )
    assert response.status_code == 200
    assert "Chung Tay dành cho người từ 14 tuổi trở lên" in response.content.decode()
    assert not LearnerProfile.objects.exists()


def test_the_profile_page_needs_a_guardian_under_16(client):
    from django.utils import timezone

    from elearning.accounts.models import GuardianConsent

    user = UserFactory()
    client.force_login(user)
    commune = CommuneFactory()
    fifteen = timezone.localdate().year - 15
    response = client.post(reverse("accounts_profile_edit"), profile_form(commune, fifteen))
    assert response.status_code == 200
    assert not LearnerProfile.objects.exists()

    response = client.post(
        reverse("accounts_profile_edit"),
        profile_form(commune, fifteen, guardian_name="Nguyễn Thị Mai", guardian_consent="on"),
    )
    assert response.status_code == 302
    assert LearnerProfile.objects.get(user=user).birth_year == fifteen
    assert GuardianConsent.objects.get(user=user).guardian_name == "Nguyễn Thị Mai"


def test_an_adult_cannot_lower_their_birth_year_under_16_without_consent(client):
    from django.utils import timezone

    user = LearnerFactory()
    client.force_login(user)
    profile = user.learner_profile
    response = client.post(
        reverse("accounts_profile_edit"),
        profile_form(profile.commune, timezone.localdate().year - 15),
    )
    assert response.status_code == 200
    profile.refresh_from_db()
    assert timezone.localdate().year - profile.birth_year == 25


def test_the_services_refuse_an_under_14_birth_year_whatever_the_caller():
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from elearning.accounts import services

    user = UserFactory()
    with pytest.raises(ValidationError):
        services.create_profile(
            user=user,
            commune=CommuneFactory(),
            birth_year=timezone.localdate().year - 9,
            audience="community",
        )
    learner = LearnerFactory()
    with pytest.raises(ValidationError):
        services.update_profile(
            profile=learner.learner_profile, birth_year=timezone.localdate().year - 12
        )
    assert not LearnerProfile.objects.filter(user=user).exists()
    learner.learner_profile.refresh_from_db()
    assert timezone.localdate().year - learner.learner_profile.birth_year == 25


# --- The login lock holds however the phone number is written -------------------------------


@pytest.mark.parametrize(
    "other_spelling", ["0912.000.111", "+84 912 000 111", "84912000111", "{username}"]
)
def test_the_login_lock_counts_the_account_not_the_spelling(client, other_spelling):
    from tests.factories.accounts import PASSWORD

    user = UserFactory(phone_number="+84912000111")
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "0912000111", "password": "wrong"})
    response = client.post(
        reverse("account_login"),
        {"login": other_spelling.format(username=user.username), "password": PASSWORD},
    )
    assert "Quá nhiều lần đăng nhập không thành công" in response.content.decode()
    assert "_auth_user_id" not in client.session


# --- Sign-up does not tell who has an account ----------------------------------------------


USERNAME_NOTE = re.compile(r"Tên đăng nhập của bạn là (hv-[a-z0-9]+)\. Bạn có thể đăng nhập")


def _sign_up(client, data):
    response = client.post(reverse("account_signup"), data, follow=True)
    note = USERNAME_NOTE.search(response.content.decode())
    assert note, "the new learner is not told their username"
    return response, note.group(1)


@pytest.mark.parametrize(
    "field, typed", [("phone_number", "0912.000.111"), ("email", "Mai@Example.org")]
)
def test_sign_up_does_not_say_that_a_phone_or_email_is_taken(
    client, signup_data, home_page, field, typed
):
    from django.contrib.auth import get_user_model
    from django.core import mail

    owner = UserFactory(phone_number="+84912000111", email="mai@example.org")
    fresh, _ = _sign_up(client, {**signup_data, "phone_number": "0987000001"})
    client.logout()
    taken, username = _sign_up(client, {**signup_data, "phone_number": "0987000002", field: typed})
    # The same answer as for a number or address nobody uses: signed up, sent on, told the
    # username that signs them in.
    assert taken.redirect_chain == fresh.redirect_chain
    hoa = get_user_model().objects.get(username=username)
    expected_phone = None if field == "phone_number" else "+84987000002"
    assert (hoa.phone_number, hoa.email) == (expected_phone, "")
    client.logout()
    password = signup_data["password1"]
    client.post(reverse("account_login"), {"login": username, "password": password})
    assert int(client.session["_auth_user_id"]) == hoa.pk
    owner.refresh_from_db()
    assert (owner.phone_number, owner.email) == ("+84912000111", "mai@example.org")
    # The owner hears about it by their own channel (their email address).
    assert [message.to for message in mail.outbox] == [["mai@example.org"]]
    assert "Chung Tay" in mail.outbox[0].subject
