"""Question sets are verified only when each of their questions was answered in the same play
and re-graded on the server; their score is then the sum. Stub libraries stand in for H5P's
content types (only their names and content.json matter to the server)."""

import json
import uuid

import pytest
from django.urls import reverse
from wagtail.models import Page

from elearning.h5p import tokens
from elearning.h5p.models import H5PResult
from elearning.h5p.package.builder import build_package
from elearning.progress.models import Attempt
from tests.factories.accounts import LearnerFactory
from tests.factories.h5p import js_library, upload
from tests.factories.progress import learner_context_for

pytestmark = pytest.mark.django_db
BASE = "http://testserver"
EXT = "http://h5p.org/x-api/h5p-subContentId"


def stub_library(folder, machine_name, major, minor, dependencies=()):
    """Only the library's name and content.json matter to the server."""
    return js_library(
        folder, machine_name, major, minor, "var H5P = H5P || {};\n", dependencies=dependencies
    )


QUESTION_SET = {
    "questions": [
        {
            "library": "H5P.MultiChoice 1.16",
            "subContentId": "q-multi",
            "params": {
                "answers": [{"text": "A", "correct": True}, {"text": "B", "correct": False}]
            },
        },
        {
            "library": "H5P.TrueFalse 1.8",
            "subContentId": "q-truefalse",
            "params": {"correct": "true"},
        },
    ]
}


@pytest.fixture
def question_set(tmp_path):
    libraries = [
        stub_library(tmp_path, "H5P.MultiChoice", 1, 16),
        stub_library(tmp_path, "H5P.TrueFalse", 1, 8),
        stub_library(
            tmp_path,
            "H5P.QuestionSet",
            1,
            20,
            dependencies=[("H5P.MultiChoice", 1, 16), ("H5P.TrueFalse", 1, 8)],
        ),
    ]
    return upload(
        build_package(content=QUESTION_SET, libraries=libraries, main="H5P.QuestionSet"),
        title="Bộ câu hỏi",
    )


@pytest.fixture
def play(client, question_set):
    learner = LearnerFactory()
    client.force_login(learner)
    lesson = Page.get_first_root_node().add_child(instance=Page(title="B", slug="b-qs"))
    token = tokens.issue(
        context=learner_context_for(learner), version=question_set, page_id=lesson.pk
    )

    def send(raw, maximum, response=None, sub=None):
        object_id = f"{BASE}/h5p/activity/{question_set.content_id}"
        extensions = {}
        if sub:
            object_id += f"?subContentId={sub}"
            extensions[EXT] = sub
        data = {
            "id": str(uuid.uuid4()),
            "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
            "object": {"id": object_id, "definition": {"extensions": extensions}},
            "result": {"score": {"raw": raw, "max": maximum}, "response": response},
        }
        response = client.post(
            reverse("h5p:xapi"),
            json.dumps({"token": token, "statement": data}),
            content_type="application/json",
        )
        assert response.status_code == 201, response.content
        return response.json()

    return send


def test_each_question_is_regraded_and_the_set_is_their_sum(play):
    assert play(1, 1, "0", sub="q-multi")["verified"] is True
    assert play(1, 1, "false", sub="q-truefalse") == {
        "score": 0,
        "max_score": 1,
        "verified": True,
        "message": "Kết quả của bạn: 0 / 1 (đã được máy chủ kiểm tra).",
    }
    whole = play(2, 2)  # the client claims full marks
    assert (whole["score"], whole["max_score"], whole["verified"]) == (1, 2, True)
    attempt = Attempt.objects.get()  # questions inside the set are not attempts of their own
    assert (attempt.score, attempt.max_score, attempt.grading) == (1, 2, "h5p_verified")


def test_a_set_with_an_unanswered_question_is_only_client_reported(play):
    play(1, 1, "0", sub="q-multi")
    whole = play(2, 2)
    assert whole["verified"] is False
    assert Attempt.objects.get().grading == "h5p_client_reported"
    assert H5PResult.objects.filter(verification="client_reported").count() == 1


def test_single_choice_set_questions_are_regraded_first_answer_right(client, tmp_path):
    content = {
        "choices": [
            {
                "subContentId": "c1",
                "question": "<p>1?</p>",
                "answers": ["<p>Đúng</p>", "<p>Sai</p>"],
            },
            {
                "subContentId": "c2",
                "question": "<p>2?</p>",
                "answers": ["<p>Đúng</p>", "<p>Sai</p>"],
            },
        ]
    }
    version = upload(
        build_package(
            content=content,
            libraries=[stub_library(tmp_path, "H5P.SingleChoiceSet", 1, 11)],
            main="H5P.SingleChoiceSet",
        ),
        title="Chọn nhanh",
    )
    learner = LearnerFactory()
    client.force_login(learner)
    token = tokens.issue(context=learner_context_for(learner), version=version)

    def send(raw, maximum, response=None, sub=None):
        object_id = f"{BASE}/h5p/activity/{version.content_id}"
        if sub:
            object_id += f"?subContentId={sub}"
        data = {
            "id": str(uuid.uuid4()),
            "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
            "object": {"id": object_id},
            "result": {"score": {"raw": raw, "max": maximum}, "response": response},
        }
        body = json.dumps({"token": token, "statement": data})
        return client.post(reverse("h5p:xapi"), body, content_type="application/json").json()

    assert send(1, 1, "0", sub="c1")["verified"] is True
    assert send(1, 1, "1", sub="c2")["score"] == 0  # claimed right, the second answer is wrong
    whole = send(2, 2)
    assert (whole["score"], whole["max_score"], whole["verified"]) == (1, 2, True)
