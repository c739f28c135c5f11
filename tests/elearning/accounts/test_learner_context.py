import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import timezone

from elearning.accounts.context import LearnerContext
from elearning.accounts.selectors import learner_context
from elearning.accounts.services import withdraw_guardian_consent
from tests.factories.accounts import LearnerFactory, UserFactory, sign_in_as_guest
from tests.factories.geo import CommuneFactory

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year


def request_for(user=None, cookies=None):
    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    request.COOKIES.update(cookies or {})
    return request


def test_a_signed_in_learner_is_counted_in_their_commune_and_age_band():
    learner = LearnerFactory(profile__birth_year=THIS_YEAR - 30, profile__audience="police")
    context = learner_context(request_for(learner))
    assert context == LearnerContext(
        user_id=learner.pk,
        visitor_key=None,
        commune_id=learner.learner_profile.commune_id,
        audience="police",
        age_band="25-34",
    )
    assert not context.is_guest


def test_a_guest_who_chose_a_commune_is_counted_anonymously(client):
    commune = CommuneFactory()
    key = sign_in_as_guest(client, commune=commune, age_band="16-17")
    context = learner_context(request_for(cookies={k: v.value for k, v in client.cookies.items()}))
    assert context.is_guest
    assert (context.visitor_key, context.commune_id, context.audience, context.age_band) == (
        key,
        commune.pk,
        "community",
        "16-17",
    )


def test_nobody_is_counted_without_a_choice_or_a_profile_or_with_a_forged_cookie():
    assert learner_context(request_for()) is None
    assert learner_context(request_for(UserFactory())) is None
    assert learner_context(request_for(cookies={"ct_guest": "forged:value"})) is None


def test_a_child_is_counted_only_while_their_guardian_consents():
    child = LearnerFactory(profile__birth_year=THIS_YEAR - 15, guardian_consent=True)
    assert learner_context(request_for(child)).age_band == "14-15"
    withdraw_guardian_consent(user=child)
    assert learner_context(request_for(child)) is None
    # Without any consent at all a child is not counted either.
    assert learner_context(request_for(LearnerFactory(profile__birth_year=THIS_YEAR - 15))) is None
