"""A quiz form's submission, whether posted to the quiz page or to the submit URL. The callers
(the page model and the view) pass the page classes' querysets, so this module and the
selectors and services it uses never import the models."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect

from elearning.accounts.selectors import learner_context
from elearning.progress.exceptions import ProgressError

from . import selectors, services


def submit_quiz(request, *, quiz_id: int, quiz_pages, course_pages):
    """The quiz comes from the content cache: a submission loads no page (hundreds a second
    arrive on 30 July). Only live pages without view restrictions take submissions."""
    quiz = selectors.quiz_for_grading(quiz_pages=quiz_pages, quiz_id=quiz_id)
    if quiz is None:
        raise Http404
    learner = learner_context(request)
    try:
        attempt = services.take_quiz(quiz=quiz, context=learner, data=request.POST)
    except ProgressError as refused:
        return get_object_or_404(quiz_pages, pk=quiz.page_id).serve_refused(request, refused)
    services.award_certificate_after_quiz(
        quiz=quiz, course_pages=course_pages, context=learner, user=request.user
    )
    return redirect(f"{quiz.url}?attempt={attempt.pk}")
