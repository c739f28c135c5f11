"""The authentication backends load a signed-in user with their learner context in one SQL
statement: the user must be the one the ORM would load, and the context the one a fresh read
gives."""

import importlib

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.urls import reverse
from django.utils import timezone

from elearning.accounts.backends import ModelBackend
from elearning.accounts.models import User
from elearning.accounts.selectors import learner_context_for_user
from elearning.accounts.services import withdraw_guardian_consent
from tests.factories.accounts import LearnerFactory, UserFactory

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year


def test_a_signed_in_user_is_the_user_the_orm_loads():
    user = LearnerFactory(first_name="Minh", last_name="Trần", email="minh@example.org")
    user.last_login = timezone.now()
    user.save()

    loaded = ModelBackend().get_user(user.pk)

    fresh = User.objects.get(pk=user.pk)
    for field in User._meta.concrete_fields:
        assert getattr(loaded, field.attname) == getattr(fresh, field.attname), field.name
    assert loaded.date_joined.tzinfo is not None and loaded.last_login.tzinfo is not None
    assert not loaded._state.adding


def learner_without_profile():
    return UserFactory()


def adult():
    return LearnerFactory(profile__birth_year=THIS_YEAR - 30, profile__audience="police")


def child_with_consent():
    return LearnerFactory(profile__birth_year=THIS_YEAR - 15, guardian_consent=True)


def child_without_consent():
    return LearnerFactory(profile__birth_year=THIS_YEAR - 15)


def consent_withdrawn():
    child = child_with_consent()
    withdraw_guardian_consent(user=child)
    return child


def too_young():
    return LearnerFactory(profile__birth_year=THIS_YEAR - 12, guardian_consent=True)


@pytest.mark.parametrize(
    "make",
    [
        learner_without_profile,
        adult,
        child_with_consent,
        child_without_consent,
        consent_withdrawn,
        too_young,
    ],
)
def test_the_context_loaded_with_the_user_is_the_one_a_fresh_read_gives(make):
    user = make()
    loaded = ModelBackend().get_user(user.pk)
    assert learner_context_for_user(user=loaded) == learner_context_for_user(
        user=User.objects.get(pk=user.pk)
    )


def test_the_context_is_read_when_a_learner_can_be_counted():
    user = adult()
    context = learner_context_for_user(user=ModelBackend().get_user(user.pk))
    assert (context.user_id, context.audience, context.age_band) == (user.pk, "police", "25-34")


def test_a_deactivated_account_is_signed_out(client):
    user = adult()
    client.force_login(user)
    assert client.get(reverse("accounts_profile")).status_code == 200
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert client.get(reverse("accounts_profile")).status_code == 302  # to the login page


def test_sessions_from_before_the_upgrade_stay_signed_in(client):
    """Sessions that name Django's or allauth's backend are rewritten by a migration."""
    SessionStore = importlib.import_module(settings.SESSION_ENGINE).SessionStore
    user = adult()
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "allauth.account.auth_backends.AuthenticationBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    client.cookies["sessionid"] = session.session_key
    assert client.get(reverse("accounts_profile")).status_code == 302  # signed out

    migration = importlib.import_module(
        "elearning.accounts.migrations.0003_sessions_name_the_new_backends"
    )
    from django.apps import apps

    migration.rename_backends(apps, None)

    assert client.get(reverse("accounts_profile")).status_code == 200
    assert SessionStore(session.session_key)[BACKEND_SESSION_KEY] == (
        "elearning.accounts.backends.AuthenticationBackend"
    )
