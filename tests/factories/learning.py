"""Courses, lessons and quizzes for tests, built under the demo site's home page.

course = make_course(home, audience="staff", gives_certificate=True)
lesson = make_lesson(course)
quiz = make_quiz(course, attempt_limit=2)      # three questions, see QUESTIONS
answers = right_answers(quiz)                  # {"q-<id>": [option ids]}
"""

import uuid

from django.utils.text import slugify

from cms.learning.grading import FIELD_PREFIX, answer_key
from cms.learning.models import CourseIndexPage, CoursePage, LessonPage, QuizPage
from elearning.progress.choices import ContentAudience


def _id():
    return str(uuid.uuid4())


def _options(*options):
    return [
        {"type": "item", "value": {"text": text, "is_correct": correct}, "id": _id()}
        for text, correct in options
    ]


def questions():
    """Single choice, multiple choice and true/false, one of each."""
    return [
        {
            "type": "single_choice",
            "id": _id(),
            "value": {
                "question": "Điều nào quy định Tội mua bán người?",
                "explanation": "GIAI-THICH-1: Điều 150.",
                "options": _options(("Điều 150", True), ("Điều 151", False), ("Điều 66", False)),
            },
        },
        {
            "type": "multiple_choice",
            "id": _id(),
            "value": {
                "question": "Dấu hiệu nào cần cảnh giác?",
                "explanation": "GIAI-THICH-2: hai dấu hiệu đầu.",
                "options": _options(
                    ("Giữ bí mật với gia đình", True),
                    ("Lương cao bất thường", True),
                    ("Hợp đồng rõ ràng", False),
                ),
            },
        },
        {
            "type": "true_false",
            "id": _id(),
            "value": {
                "question": "Người chủ giữ hộ chiếu là bình thường.",
                "explanation": "GIAI-THICH-3: sai.",
                "answer": "false",
            },
        },
    ]


def _add(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def course_index(home):
    index = CourseIndexPage.objects.child_of(home).first()
    return index or _add(home, CourseIndexPage(title="Khóa học", slug="khoa-hoc"))


def make_course(home, *, title="Khóa học thử", audience=ContentAudience.COMMUNITY, **fields):
    fields.setdefault("summary", "Tóm tắt.")
    page = CoursePage(title=title, slug=slugify(title) or _id()[:8], audience=audience, **fields)
    return _add(course_index(home), page)


def make_lesson(course, *, title="Bài học một", **fields):
    body = [{"type": "paragraph", "value": "<p>Nội dung bài học.</p>", "id": _id()}]
    return _add(course, LessonPage(title=title, slug=slugify(title), body=body, **fields))


def make_quiz(course, *, title="Bài kiểm tra", **fields):
    fields.setdefault("shuffle_options", True)
    page = QuizPage(title=title, slug=slugify(title), questions=questions(), **fields)
    return _add(course, page)


def right_answers(quiz) -> dict[str, list[str]]:
    return {FIELD_PREFIX + q.id: sorted(q.correct) for q in answer_key(quiz.questions)}


def wrong_answers(quiz) -> dict[str, list[str]]:
    answers = {}
    for q in answer_key(quiz.questions):
        wrong = [option.id for option in q.options if option.id not in q.correct]
        answers[FIELD_PREFIX + q.id] = wrong[:1]
    return answers
