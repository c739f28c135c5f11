"""The registry of learners' data: every model with a learner or a visitor key is in it, and
the three walks (guest -> account, deletion, "download my data") reach every kind of row."""

import json

import pytest
from django.apps import apps
from django.urls import reverse

from elearning.accounts import learner_data
from elearning.accounts.services import delete_learner
from tests.factories.accounts import LearnerFactory
from tests.factories.learner_data import did_everything
from tests.factories.progress import guest_context, learner_context_for

pytestmark = pytest.mark.django_db


def test_every_model_with_a_learner_or_a_visitor_key_is_registered():
    holding = {
        model
        for model in apps.get_models()
        if {f.name for f in model._meta.get_fields()} & {"learner", "visitor_key"}
    }
    registered = {part.model for part in learner_data.registered()}
    assert holding, "the test must find the models it checks"
    assert holding - registered == set()


def test_download_my_data_holds_everything_the_learner_did(client, ba_dinh):
    learner = LearnerFactory(profile__commune=ba_dinh, guardian_consent=True)
    made = did_everything(learner_context_for(learner, commune=ba_dinh), user=learner)
    client.force_login(learner)
    profile = client.get(reverse("accounts_profile")).content.decode()
    assert "Tải dữ liệu của tôi" in profile

    response = client.post(reverse("accounts_export"))
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)  # the file as the learner's program opens it

    assert data["guardian_consents"][0]["guardian_name"] == "Nguyễn Thị Mai"
    for name in made:
        assert len(data[name]) == 1, name
    assert data["attempts"][0]["answers"] == {"q1": {"chosen": ["a"], "correct": True}}
    assert data["attempts"][0]["content__title"] == "Bài kiểm tra"
    assert data["progress"][0]["passed"] is True
    assert data["read_receipts"][0]["page__title"] == "Luật"
    assert data["certificates"][0]["learner_name"] == "Nguyễn Thị Lan"
    assert data["h5p_results"][0]["statement_id"] == str(made["h5p_results"].statement_id)
    assert data["h5p_saved_states"][0]["state"] == '{"answers": [1]}'
    # The server's replay keys and session tokens are not the learner's data.
    assert "idempotency_key" not in data["attempts"][0]
    assert "session" not in data["h5p_results"][0]


def test_download_my_data_holds_nobody_else_s_rows(client, ba_dinh):
    learner, other = LearnerFactory(), LearnerFactory()
    did_everything(learner_context_for(other, commune=ba_dinh), user=other)
    did_everything(guest_context(commune=ba_dinh))
    client.force_login(learner)
    data = json.loads(client.post(reverse("accounts_export")).content)
    assert all(data[part.name] == [] for part in learner_data.registered())


def test_a_guest_s_rows_of_every_kind_move_to_the_account(ba_dinh):
    guest = guest_context(visitor_key="phone-9", commune=ba_dinh)
    made = did_everything(guest)
    learner = LearnerFactory()

    learner_data.move_guest_rows(visitor_key="phone-9", user=learner)

    for name, row in made.items():
        row.refresh_from_db()
        assert row.learner == learner, name


def test_deleting_the_account_leaves_counted_rows_anonymous_and_deletes_the_rest(ba_dinh):
    learner = LearnerFactory()
    made = did_everything(learner_context_for(learner, commune=ba_dinh), user=learner)
    delete_learner(user=learner)
    for name in ("attempts", "progress", "read_receipts"):
        row = type(made[name]).objects.get(pk=made[name].pk)
        assert row.learner_id is None and row.visitor_key.startswith("deleted-"), name
    for name in ("certificates", "h5p_results", "h5p_saved_states"):
        assert not type(made[name]).objects.filter(pk=made[name].pk).exists(), name
