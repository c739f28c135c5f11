"""An H5P exercise in a lesson counts where a native quiz of that lesson's course would: on
the page and course in the default language, passed by the course's pass mark (one rule,
elearning.progress.pass_mark, for both)."""

import re
import uuid

import pytest
from wagtail.models import Locale

from elearning.progress.models import Attempt, ContentProgress
from tests.elearning.h5p.test_question_sets import stub_library
from tests.factories.h5p import post_xapi, upload
from tests.factories.learning import make_course, make_lesson

pytestmark = pytest.mark.django_db

THREE_RIGHT = {
    "question": "<p>Dấu hiệu nào?</p>",
    "answers": [{"text": t, "correct": True} for t in ("A", "B", "C")]
    + [{"text": "D", "correct": False}],
    "behaviour": {"type": "multi", "singlePoint": False},
}


@pytest.fixture
def exercise(tmp_path):
    from elearning.h5p.package.builder import build_package

    library = stub_library(tmp_path, "H5P.MultiChoice", 1, 16)
    return upload(
        build_package(content=THREE_RIGHT, libraries=[library], main="H5P.MultiChoice"),
        title="Nhiều đáp án",
    ).content


def lesson_with(course, content):
    body = [{"type": "h5p", "value": {"content": content.pk}, "id": str(uuid.uuid4())}]
    lesson = make_lesson(course, title="Bài có bài tập")
    lesson.body = body
    lesson.save_revision().publish()
    return lesson


def token_on(client, page) -> str:
    html = client.get(page.url).content.decode()
    return re.search(r'data-token="([^"]+)"', html).group(1)


def viewed(content) -> dict:
    return {
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
        "object": {"id": f"http://testserver/h5p/activity/{content.pk}"},
    }


def play(client, page, response, raw):
    html = client.get(page.url).content.decode()
    token = re.search(r'data-token="([^"]+)"', html).group(1)
    content_id = re.search(r'data-frame-src="/[^"]*embed/(\d+)/', html)
    assert content_id, "the player block is not on the page"
    from elearning.h5p.models import H5PContentVersion

    version = H5PContentVersion.objects.get(pk=content_id.group(1))
    statement = {
        "id": str(uuid.uuid4()),
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
        "object": {"id": f"http://testserver/h5p/activity/{version.content_id}"},
        "result": {"score": {"raw": raw, "max": 3}, "response": response},
    }
    reply = post_xapi(client, token, statement)
    assert reply.status_code == 201, reply.content
    return reply.json()


def test_an_english_learners_result_counts_on_the_vietnamese_lesson_by_the_course_pass_mark(
    client, home_page, learner, exercise
):
    course = make_course(home_page, title="Khoá có H5P", pass_mark=60)
    lesson = lesson_with(course, exercise)
    english = lesson.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    english.save_revision().publish()

    assert play(client, english, "0[,]1", 2)["score"] == 2  # 67 %: passes 60 %, not 80 %
    attempt = Attempt.objects.get()
    assert attempt.passed is True
    progress = ContentProgress.objects.get()
    assert progress.content_id == lesson.pk
    assert progress.course_id == course.pk


def test_below_the_course_pass_mark_is_not_a_pass(client, home_page, learner, exercise):
    course = make_course(home_page, title="Khoá khó", pass_mark=90)
    lesson = lesson_with(course, exercise)
    play(client, lesson, "0[,]1", 2)
    assert Attempt.objects.get().passed is False


def test_score_less_content_marks_the_lesson_visited_never_passed(
    client, home_page, learner, tmp_path
):
    from elearning.h5p.package.builder import build_package

    library = stub_library(tmp_path, "H5P.Agamotto", 1, 6)
    content = upload(
        build_package(content={"items": []}, libraries=[library], main="H5P.Agamotto"),
        title="Trước và sau",
    ).content
    course = make_course(home_page, title="Khoá có hình")
    lesson = lesson_with(course, content)
    reply = post_xapi(client, token_on(client, lesson), viewed(content))
    assert reply.status_code == 204
    progress = ContentProgress.objects.get()
    assert (progress.content_id, progress.passed) == (lesson.pk, False)
    assert progress.completed_at is not None
    assert not Attempt.objects.exists()


def test_content_with_a_score_cannot_claim_a_visit_without_one(
    client, home_page, learner, exercise
):
    lesson = lesson_with(make_course(home_page, title="Khoá điểm"), exercise)
    reply = post_xapi(client, token_on(client, lesson), viewed(exercise))
    assert reply.status_code == 400
    assert not ContentProgress.objects.exists()
