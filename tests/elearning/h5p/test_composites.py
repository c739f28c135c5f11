"""Containers are scored from their questions as H5P scores them: Finish without Check counts
the unanswered questions as wrong, a pool counts only the questions drawn, containers nest,
and anything that scores but cannot be re-graded leaves the result client-reported."""

import json
import uuid

import pytest
from django.urls import reverse
from wagtail.models import Page

from elearning.h5p import tokens
from elearning.h5p.package.builder import build_package
from elearning.h5p.package.composites import grade_container, is_scoreless
from elearning.h5p.package.grading import Grade
from elearning.progress.models import Attempt
from tests.elearning.h5p.test_question_sets import BASE, EXT, stub_library
from tests.factories.accounts import LearnerFactory
from tests.factories.h5p import upload
from tests.factories.progress import learner_context_for

MC = "H5P.MultiChoice 1.16"
TF = "H5P.TrueFalse 1.8"
ONE_RIGHT = {"answers": [{"correct": True}, {"correct": False}]}


def question(sub_content_id, library=MC, params=None):
    return {
        "library": library,
        "subContentId": sub_content_id,
        "params": params or (ONE_RIGHT if library == MC else {"correct": "true"}),
    }


def qs(*questions, pool=0):
    return {"questions": list(questions), "poolSize": pool}


def test_finish_without_check_counts_unanswered_questions_as_wrong():
    params = qs(question("a"), question("b", TF), question("c"))
    grade = grade_container(
        library="H5P.QuestionSet 1.20", params=params, responses={"a": "0", "b": "", "c": ""}
    )
    assert grade == Grade(1, 3)


def test_a_pool_counts_only_the_drawn_questions():
    params = qs(question("a"), question("b", TF), question("c"), pool=2)
    lib = "H5P.QuestionSet 1.20"
    assert grade_container(library=lib, params=params, responses={"a": "0", "c": "1"}) == Grade(
        1, 2
    )
    # Fewer or more answers than the pool's size cannot be a draw.
    assert grade_container(library=lib, params=params, responses={"a": "0"}) is None
    everything = {"a": "0", "b": "true", "c": "0"}
    assert grade_container(library=lib, params=params, responses=everything) is None


def test_containers_nest_and_score_less_parts_are_left_out():
    text = {"library": "H5P.AdvancedText 1.1", "params": {"text": "<p>x</p>"}}
    column = {
        "content": [
            {"content": text},
            {"content": {"library": "H5P.QuestionSet 1.20", "params": qs(question("a"))}},
            {"content": question("b", TF)},
        ]
    }
    grade = grade_container(
        library="H5P.Column 1.18", params=column, responses={"a": "1", "b": "true"}
    )
    assert grade == Grade(1, 2)
    slides = {"presentation": {"slides": [{"elements": [{"action": question("a")}]}]}}
    assert grade_container(
        library="H5P.CoursePresentation 1.26", params=slides, responses={"a": "0"}
    ) == Grade(1, 1)


def test_a_part_that_scores_but_cannot_be_regraded_keeps_the_client_score():
    drag = {"library": "H5P.DragText 1.10", "params": {}, "subContentId": "d"}
    params = {"content": [{"content": drag}, {"content": question("a")}]}
    assert grade_container(library="H5P.Column 1.18", params=params, responses={"a": "0"}) is None


def test_score_less_content_is_recognised():
    assert is_scoreless(library="H5P.Agamotto 1.6", params={})
    text = {"library": "H5P.AdvancedText 1.1", "params": {"text": "x"}}
    assert is_scoreless(library="H5P.Column 1.18", params={"content": [{"content": text}]})
    assert not is_scoreless(
        library="H5P.Column 1.18", params={"content": [{"content": question("a")}]}
    )
    assert not is_scoreless(library=MC, params=ONE_RIGHT)


@pytest.mark.django_db
def test_a_question_set_finished_without_check_is_verified_from_the_children_sent(client, tmp_path):
    libraries = [
        stub_library(tmp_path, "H5P.MultiChoice", 1, 16),
        stub_library(tmp_path, "H5P.TrueFalse", 1, 8),
        stub_library(
            tmp_path, "H5P.QuestionSet", 1, 20,
            dependencies=[("H5P.MultiChoice", 1, 16), ("H5P.TrueFalse", 1, 8)],
        ),
    ]  # fmt: skip
    content = qs(question("q1"), question("q2", TF), question("q3"), pool=2)
    version = upload(
        build_package(content=content, libraries=libraries, main="H5P.QuestionSet"),
        title="Bộ câu hỏi",
    )
    learner = LearnerFactory()
    client.force_login(learner)
    lesson = Page.get_first_root_node().add_child(instance=Page(title="B", slug="b-pool"))
    token = tokens.issue(context=learner_context_for(learner), version=version, page_id=lesson.pk)
    activity = f"{BASE}/h5p/activity/{version.content_id}"

    def child(sub, response):
        return {
            "statement": {
                "object": {"id": f"{activity}?subContentId={sub}",
                           "definition": {"extensions": {EXT: sub}}},
                "result": {"response": response},
            }
        }  # fmt: skip

    statement = {
        "id": str(uuid.uuid4()),
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
        "object": {"id": activity},
        "result": {"score": {"raw": 2, "max": 2}},  # the client claims full marks
    }
    response = client.post(
        reverse("h5p:xapi"),
        json.dumps(
            {
                "token": token,
                "statement": statement,
                "children": [child("q3", "0"), child("q2", "")],
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 201
    assert (response.json()["score"], response.json()["verified"]) == (1, True)
    attempt = Attempt.objects.get()
    assert (attempt.score, attempt.max_score, attempt.grading) == (1, 2, "h5p_verified")
