"""Forged results refused: an xAPI score of Infinity, NaN or a number too large for any
database is a clear 400 with nothing written, on the result and the saved-state endpoints."""

import json

import pytest
from django.urls import reverse
from wagtail.models import Page

from elearning.h5p.models import H5PResult, H5PUserData
from elearning.progress.models import Attempt
from tests.elearning.h5p.test_xapi import statement, token_for
from tests.factories.accounts import LearnerFactory
from tests.factories.h5p import upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(client):
    user = LearnerFactory()
    client.force_login(user)
    version = upload()
    lesson = Page.get_first_root_node().add_child(instance=Page(title="Bài", slug="bai-sec"))
    return token_for(user, version, lesson), version


def post_raw(client, url, body: str):
    return client.post(url, body, content_type="application/json")


@pytest.mark.parametrize(
    "raw, maximum",
    [("0", "Infinity"), ("Infinity", "Infinity"), ("NaN", "1"), ("1", "1e400"), ("1", "9" * 400)],
)
def test_scores_that_are_not_real_numbers_are_refused(client, setting, raw, maximum):
    token, version = setting
    data = json.dumps({"token": token, "statement": statement(version, raw=-1, maximum=-1)})
    data = data.replace('"raw": -1', f'"raw": {raw}').replace('"max": -1', f'"max": {maximum}')
    response = post_raw(client, reverse("h5p:xapi"), data)
    assert response.status_code == 400
    assert response.json()["message"]
    assert not H5PResult.objects.exists()
    assert not Attempt.objects.exists()


def test_a_deeply_nested_statement_or_state_is_refused(client, setting):
    token, _version = setting
    nested = "[" * 600 + "]" * 600
    for url, field in ((reverse("h5p:xapi"), "statement"), (reverse("h5p:state"), "state")):
        body = f'{{"token": {json.dumps(token)}, "{field}": {nested}}}'
        response = post_raw(client, url, body)
        assert 400 <= response.status_code < 500, url
    assert not H5PResult.objects.exists()
    assert not H5PUserData.objects.exists()


@pytest.mark.parametrize("code", ["A/B", "../../admin", "%00", "A B/C"])
def test_a_certificate_code_with_odd_characters_is_a_clear_not_found(client, code):
    response = client.get("/certificates/", {"code": code})
    assert response.status_code == 404
    assert "Không có chứng nhận nào mang mã này" in response.content.decode() or (
        "No certificate has this code" in response.content.decode()
    )
