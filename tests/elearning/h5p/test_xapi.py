"""The xAPI intake: the learner comes from the token (and must be the one sending), the
content must match, 0 <= raw <= max, no statement twice; verified when re-graded."""

import json
import uuid

import pytest
from django.urls import reverse
from wagtail.models import Page

from elearning.h5p import tokens
from elearning.h5p.models import H5PResult, H5PUserData
from elearning.progress.models import Attempt
from tests.factories.accounts import LearnerFactory
from tests.factories.h5p import RIGHT_ANSWER, question_package, upload
from tests.factories.progress import learner_context_for

pytestmark = pytest.mark.django_db
BASE = "http://testserver"


@pytest.fixture
def version():
    return upload()


@pytest.fixture
def lesson():
    root = Page.get_first_root_node()
    return root.add_child(instance=Page(title="Bài học", slug="bai-hoc-h5p"))


@pytest.fixture
def learner(client):
    user = LearnerFactory()
    client.force_login(user)
    return user


def token_for(user, version, lesson):
    return tokens.issue(context=learner_context_for(user), version=version, page_id=lesson.pk)


def statement(version, *, raw=1, maximum=1, response=str(RIGHT_ANSWER), object_id=None):
    return {
        "id": str(uuid.uuid4()),
        "actor": {"mbox": "mailto:someone-else@example.org"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
        "object": {
            "id": object_id or f"{BASE}/h5p/activity/{version.content_id}",
            "definition": {
                "extensions": {"http://h5p.org/x-api/h5p-local-content-id": version.content_id}
            },
        },
        "result": {"score": {"raw": raw, "max": maximum}, "response": response},
    }


def send(client, token, data):
    return client.post(
        reverse("h5p:xapi"),
        json.dumps({"token": token, "statement": data}),
        content_type="application/json",
    )


def test_a_right_answer_is_verified_and_becomes_an_attempt(client, learner, version, lesson):
    response = send(client, token_for(learner, version, lesson), statement(version))
    assert response.status_code == 201
    assert response.json()["verified"] is True
    assert "1 / 1" in response.json()["message"]
    result = H5PResult.objects.get()
    assert result.learner == learner  # from the token, not the statement's actor
    assert result.statement["actor"]["mbox"] == "mailto:someone-else@example.org"
    attempt = Attempt.objects.get()
    assert (attempt.learner, attempt.content_id) == (learner, lesson.pk)
    assert (attempt.score, attempt.grading, attempt.passed) == (1, "h5p_verified", True)


def test_the_server_score_wins_over_a_forged_client_score(client, learner, version, lesson):
    send(client, token_for(learner, version, lesson), statement(version, raw=1, response="0"))
    attempt = Attempt.objects.get()
    assert (attempt.score, attempt.passed) == (0, False)
    assert H5PResult.objects.get().client_score == 1


@pytest.mark.parametrize(
    ("forge", "status", "message"),
    [
        ({"raw": 5, "maximum": 1}, 400, "Điểm không nằm trong khoảng từ 0 đến điểm tối đa."),
        ({"raw": -1, "maximum": 1}, 400, "Điểm không nằm trong khoảng từ 0 đến điểm tối đa."),
        ({"object_id": f"{BASE}/h5p/activity/999"}, 400, "Kết quả này thuộc về một bài tập khác."),
    ],
)
def test_forged_statements_are_refused(client, learner, version, lesson, forge, status, message):
    response = send(client, token_for(learner, version, lesson), statement(version, **forge))
    assert response.status_code == status
    assert response.json()["message"] == message
    assert not H5PResult.objects.exists()
    assert not Attempt.objects.exists()


def test_a_replayed_statement_is_refused(client, learner, version, lesson):
    token = token_for(learner, version, lesson)
    data = statement(version)
    assert send(client, token, data).status_code == 201
    response = send(client, token, data)
    assert response.status_code == 409
    assert response.json()["message"] == "Kết quả này đã được ghi nhận rồi."
    assert H5PResult.objects.count() == Attempt.objects.count() == 1


def test_another_learners_token_is_refused(client, learner, version, lesson):
    other = LearnerFactory()
    response = send(client, token_for(other, version, lesson), statement(version))
    assert response.status_code == 403
    assert "người học khác" in response.json()["message"]
    assert not H5PResult.objects.exists()


def test_a_forged_or_expired_token_is_refused(client, learner, version, lesson, settings):
    token = token_for(learner, version, lesson)
    assert send(client, token[:-2] + "xx", statement(version)).status_code == 403
    settings.H5P_TOKEN_MAX_AGE = -1
    response = send(client, token, statement(version))
    assert response.status_code == 403
    assert response.json()["message"] == "Phiên làm bài tập này đã hết hạn; hãy tải lại trang."
    assert not H5PResult.objects.exists()


def test_a_token_for_another_content_is_refused(client, learner, version, lesson):
    other = upload(question_package(), title="Khác")
    response = send(client, token_for(learner, other, lesson), statement(version))
    assert response.status_code == 400
    assert not H5PResult.objects.exists()


def test_state_is_saved_and_limited_in_size(client, learner, version, lesson, settings):
    token = token_for(learner, version, lesson)
    url = reverse("h5p:state")
    body = {"token": token, "state": json.dumps({"answer": 1, "checked": True})}
    assert client.post(url, json.dumps(body), content_type="application/json").status_code == 204
    assert H5PUserData.objects.get().state == body["state"]
    settings.H5P_STATE_MAX_BYTES = 10
    response = client.post(url, json.dumps(body), content_type="application/json")
    assert response.status_code == 413
    assert response.json()["message"] == "Dữ liệu tiến độ cần lưu quá lớn."


def test_a_guest_who_chose_a_commune_is_counted_by_visitor_key(client, version, lesson):
    from elearning.accounts.selectors import learner_context
    from tests.factories.accounts import sign_in_as_guest
    from tests.factories.geo import CommuneFactory

    visitor_key = sign_in_as_guest(client, commune=CommuneFactory())
    request = type("R", (), {"COOKIES": {k: v.value for k, v in client.cookies.items()}})()
    request.user = None
    context = learner_context(request)
    token = tokens.issue(context=context, version=version, page_id=lesson.pk)
    assert send(client, token, statement(version)).status_code == 201
    attempt = Attempt.objects.get()
    assert (attempt.learner, attempt.visitor_key) == (None, visitor_key)
    # Another visitor (no cookie) cannot use that token.
    client.cookies.clear()
    assert send(client, token, statement(version)).status_code == 403
