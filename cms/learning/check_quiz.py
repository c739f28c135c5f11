"""The questions a community session's check quiz is drawn from: the native quiz questions of
the session's course (a course page, or a lesson or quiz of one). Handed to the engine
(elearning.community.check_quiz) by the app's ready(), since elearning never imports cms."""

from django.utils.translation import get_language
from wagtail.models import Page

from cms.core import content_cache

from . import grading
from .models import CourseContentPage, CoursePage, QuizPage


def course_questions(*, page_id: int) -> tuple[grading.KeyedQuestion, ...]:
    """Every question, with its answer key, of the live public quizzes of the page's course,
    in tree order; empty for a page that is not (in) a course. Kept in the content cache: a
    hall of phones opens the check-in page at once."""
    return content_cache.get_or_build(
        ("check-quiz-questions", page_id, get_language()), lambda: _read(page_id)
    )


def _read(page_id: int) -> tuple[grading.KeyedQuestion, ...]:
    page = Page.objects.filter(pk=page_id).specific().first()
    if isinstance(page, CoursePage):
        course = page
    elif isinstance(page, CourseContentPage):  # a lesson or a quiz
        course = page.course
    else:
        return ()
    quizzes = QuizPage.objects.child_of(course).live().public().order_by("path")
    return tuple(question for quiz in quizzes for question in grading.answer_key(quiz.questions))
