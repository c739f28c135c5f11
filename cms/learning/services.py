"""Writes for learning pages: finishing a lesson, taking a quiz, awarding a certificate.
They grade and check here (the page layer knows what a quiz holds) and record through
elearning.progress.services."""

import hashlib
import re
import time
import uuid
from datetime import UTC, datetime

from django.core import signing
from django.utils.translation import gettext as _

from elearning.accounts.choices import Audience
from elearning.accounts.selectors import certificate_details
from elearning.progress import pass_mark
from elearning.progress import selectors as progress_selectors
from elearning.progress import services as progress
from elearning.progress.choices import Grading
from elearning.progress.exceptions import InvalidSubmission, NotAllowed

from . import grading, selectors
from .placement import canonical, canonical_id

FORM_TOKEN_SALT = "cms.learning.quiz-form"
FORM_TOKEN_MAX_AGE = 7 * 24 * 3600


def new_form_token() -> str:
    """A signed key per rendered quiz form: the attempt's idempotency key and the time the
    learner opened the quiz."""
    return signing.dumps({"k": uuid.uuid4().hex, "t": int(time.time())}, salt=FORM_TOKEN_SALT)


ATTEMPT_KEY = re.compile(r"[0-9a-f]{32}")


def attempt_key(form_key: str, sending: str) -> str:
    """The idempotency key of one attempt made with a form.

    A quiz page kept on the phone has one form token, yet a learner who fails offline tries
    again from the same copy. So the page's script gives each showing of the form a random
    `attempt_key` (offline.js: new when the page is shown again, kept for a second tap), and
    the attempt is stored once per (form token, attempt key). Why this is safe:
    - anti-replay: the same request sent again (a double tap, the worker's retry, a replay by
      someone holding the request) has the same pair, so it is stored once;
    - a new attempt key only buys what reloading the quiz buys (a fresh form token): the
      attempt limit and who may take the quiz are checked on the server for every attempt;
    - CSRF is untouched: the form still needs the CSRF token and the signed form token, which
      a foreign site cannot read; the attempt key adds no authority.
    Keys are per learner (Attempt's unique constraint), so no one can collide with another's."""
    if not sending:
        return form_key  # a form sent without script (or before this existed): one attempt
    if not ATTEMPT_KEY.fullmatch(sending):
        raise InvalidSubmission(
            _("This quiz form has expired or was changed. Please answer it again.")
        )
    return hashlib.sha256(f"{form_key}:{sending}".encode()).hexdigest()[:40]


def read_form_token(token: str) -> tuple[str, datetime]:
    try:
        data = signing.loads(token or "", salt=FORM_TOKEN_SALT, max_age=FORM_TOKEN_MAX_AGE)
        return str(data["k"]), datetime.fromtimestamp(int(data["t"]), tz=UTC)
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise InvalidSubmission(
            _("This quiz form has expired or was changed. Please answer it again.")
        ) from None


def finish_lesson(*, lesson, context):
    course = lesson.course
    _check_may_take(audience=course.audience, context=context)
    return progress.mark_completed(
        context=context,
        content_id=canonical_id(lesson),
        course_id=canonical_id(course),
        content_audience=course.audience,
    )


def take_quiz(*, quiz: selectors.QuizForGrading, context, data):
    """Grade a submitted quiz form and store the attempt. Raises a ProgressError (with a
    message for the learner) and stores nothing when the learner may not take the quiz, the
    answers are not options of the questions, or no attempts are left."""
    _check_may_take(audience=quiz.audience, context=context)
    form_key, started_at = read_form_token(data.get("form_token", ""))
    key = attempt_key(form_key, data.get("attempt_key", ""))
    chosen = grading.read_answers(data, quiz.answer_key)
    graded = grading.grade(quiz.answer_key, chosen)
    return progress.submit_attempt(
        context=context,
        content_id=quiz.content_id,
        course_id=quiz.course_id,
        content_audience=quiz.audience,
        answers=graded.answers,
        score=graded.score,
        max_score=graded.max_score,
        passed=pass_mark.passed(
            score=graded.score, max_score=graded.max_score, pass_mark=quiz.pass_mark
        ),
        grading=Grading.SERVER,
        idempotency_key=key,
        started_at=started_at,
        attempt_limit=quiz.attempt_limit,
    )


def award_certificate_after_quiz(*, quiz: selectors.QuizForGrading, course_pages, context, user):
    """After a stored attempt: the certificate of the quiz's course, if this earned it. Most
    quizzes belong to courses without one, and then no page is loaded (course_pages: a
    queryset of the course page class)."""
    if not quiz.gives_certificate:
        return None
    course = course_pages.filter(pk=quiz.course_page_id).first()
    if course is None:  # deleted since the quiz was cached
        return None
    return award_certificate_if_earned(course=course, context=context, user=user)


def award_certificate_if_earned(*, course, context, user):
    """The learner's certificate for this course: issued the first time a signed-in staff
    learner has passed every quiz of a certificate course (with trusted grading). The score
    is the mean of their best quiz scores. Returns None when not earned."""
    if not (course.gives_certificate and user.is_authenticated and context is not None):
        return None
    existing = progress_selectors.certificate_for(user_id=user.pk, course_id=canonical_id(course))
    if existing is not None:
        return existing
    if context.audience not in Audience.staff():
        return None
    quiz_ids = selectors.quiz_ids_of(course=course)
    passes = progress_selectors.trusted_passes(user_id=user.pk, content_ids=quiz_ids)
    if not quiz_ids or set(passes) != set(quiz_ids):
        return None
    details = certificate_details(user_id=user.pk)
    if not details["full_name"]:
        return None  # asked first: the name exactly as it should be printed
    score = round(100 * sum(passes.values()) / len(passes))
    return progress.issue_certificate(
        user=user,
        course=canonical(course),
        score_percent=score,
        learner_name=details["full_name"],
        agency=details["agency"],
        department=details["department"],
        context=context,
    )


def reissue_certificate(*, user, code: str):
    """The learner's certificate printed again with their details as they are now (they
    corrected their name, agency or unit). Only the holder's current certificate; None when
    there is nothing to re-issue."""
    certificate = progress_selectors.certificate_by_code(code=code)
    if certificate is None or certificate.learner_id != user.pk or not certificate.is_current:
        return None
    details = certificate_details(user_id=user.pk)
    if not details["full_name"]:
        return None
    return progress.reissue_certificate(
        certificate=certificate,
        learner_name=details["full_name"],
        agency=details["agency"],
        department=details["department"],
    )


def needs_certificate_details(*, course, context, user) -> bool:
    """A staff learner on a certificate course who has not yet said how their name is to be
    printed: they are asked before the certificate is issued."""
    return (
        course.gives_certificate
        and user.is_authenticated
        and context is not None
        and context.audience in Audience.staff()
        and not certificate_details(user_id=user.pk)["full_name"]
    )


def _check_may_take(*, audience: str, context) -> None:
    if context is None:
        raise NotAllowed(
            _("To save your progress, sign in or choose your commune and age group first.")
        )
    if not progress_selectors.may_take(context=context, content_audience=audience):
        raise NotAllowed()
