"""Guests who signed up before their H5P rows moved with them: the data migration gives those
rows to the account their attempts moved to (so they are exported and deleted with it)."""

import importlib

import pytest
from django.apps import apps

from elearning.h5p.models import H5PResult, H5PUserData
from tests.factories.accounts import LearnerFactory
from tests.factories.geo import CommuneFactory
from tests.factories.learner_data import did_everything
from tests.factories.progress import guest_context

pytestmark = pytest.mark.django_db

migration = importlib.import_module("elearning.h5p.migrations.0003_guests_rows_moved_before")


def signed_up_the_old_way(learner, guest):
    """What sign-up did before: the attempts moved (keeping the key), the H5P rows did not."""
    made = did_everything(guest)
    made["attempts"].__class__.objects.filter(visitor_key=guest.visitor_key).update(learner=learner)
    result = made["h5p_results"]
    result.attempt = made["attempts"]
    result.save(update_fields=["attempt"])
    return made


def test_a_guest_s_old_h5p_rows_go_to_the_account_their_attempts_went_to():
    learner = LearnerFactory()
    made = signed_up_the_old_way(learner, guest_context(commune=CommuneFactory()))

    migration.give_rows_to_their_accounts(apps, None)

    assert H5PResult.objects.get(pk=made["h5p_results"].pk).learner == learner
    assert H5PUserData.objects.get(pk=made["h5p_saved_states"].pk).learner == learner


def test_an_account_s_own_saved_state_is_kept():
    learner = LearnerFactory()
    made = signed_up_the_old_way(learner, guest_context(commune=CommuneFactory()))
    guest_state = made["h5p_saved_states"]
    own = H5PUserData.objects.create(
        learner=learner, content=guest_state.content, version=guest_state.version, state="{}"
    )

    migration.give_rows_to_their_accounts(apps, None)

    assert H5PUserData.objects.get(pk=own.pk).state == "{}"
    assert H5PUserData.objects.get(pk=guest_state.pk).learner is None
