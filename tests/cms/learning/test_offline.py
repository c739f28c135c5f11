"""The list of files a phone keeps for a course: every lesson and quiz with a size and a
version that changes when the page does (a quiz's only when its questions do)."""

import pytest

from cms.learning.offline import questions_version
from tests.factories.accounts import LearnerFactory
from tests.factories.learning import make_course, make_lesson, make_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(home_page):
    course = make_course(home_page, title="Nhận biết thủ đoạn")
    make_lesson(course, title="Bài một")
    make_quiz(course, title="Kiểm tra")
    return course


def test_a_course_lists_its_pages_with_sizes_and_versions(client, course):
    response = client.get(f"/learning/course/{course.pk}/offline.json")
    assert response.status_code == 200
    files = response.json()
    urls = [item["url"] for item in files["items"]]
    lesson, quiz = course.get_children().specific()
    assert urls[:3] == [course.url, lesson.url, quiz.url]
    assert all(item["bytes"] > 0 and item["version"] for item in files["items"])
    assert files["bytes"] == sum(item["bytes"] for item in files["items"])


def test_a_draft_or_unknown_course_is_not_offered(client, course):
    course.unpublish()
    assert client.get(f"/learning/course/{course.pk}/offline.json").status_code == 404
    assert client.get("/learning/course/999999/offline.json").status_code == 404


def test_the_quiz_version_changes_with_its_questions_not_its_title(course):
    quiz = course.get_children().last().specific
    before = questions_version(quiz)
    quiz.title = "Kiểm tra cuối khóa"
    assert questions_version(quiz) == before
    questions = quiz.questions.raw_data
    questions[0]["value"]["question"] = "Một câu hỏi khác"
    quiz.questions = questions
    assert questions_version(quiz) != before


def test_the_quiz_page_carries_its_version_for_a_copy_kept_offline(client, course):
    quiz = course.get_children().last().specific
    client.force_login(LearnerFactory())
    html = client.get(quiz.url).content.decode()
    assert f'data-quiz-version="{questions_version(quiz)}"' in html


def test_a_lesson_with_an_exercise_lists_every_file_to_play_it_offline(client, course):
    """The saved frame, the player's scripts, H5P core and every file of the package, each
    with its real size: the size shown before saving includes the exercise."""
    import json

    from tests.factories.h5p import upload

    version = upload()
    lesson = course.get_children().first().specific
    lesson.body = json.dumps([{"type": "h5p", "value": {"content": version.content.pk}}])
    lesson.save_revision().publish()
    items = {
        item["url"]: item
        for item in client.get(f"/learning/course/{course.pk}/offline.json").json()["items"]
    }
    frame = f"/h5p/embed/{version.pk}/saved/"
    library = f"/h5p/files/{version.pk}/libraries/H5P.ChungTayQuestion-1.0/"
    for url in [frame, "/h5p/core/frame.bundle.js", f"/h5p/files/{version.pk}/h5p.json",
                f"/h5p/files/{version.pk}/content/content.json", library + "library.json",
                library + "question.js", library + "question.css"]:  # fmt: skip
        assert url in items, url
    for url, item in items.items():
        if url.startswith("/h5p/files/") or url.startswith("/h5p/core/"):
            assert item["bytes"] == len(client.get(url).content), url
    assert library + "semantics.json" not in items  # the editor's, not the player's
    # What the saved frame asks the page for is exactly what the phone keeps.
    config = client.get(frame).context["config"]
    assert set(config["files"]) <= set(items)
