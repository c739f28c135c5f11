from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from elearning.accounts.selectors import learner_context
from elearning.progress.exceptions import ProgressError

from . import selectors, services
from .models import QuizPage


@require_POST
def submit_quiz(request, quiz_id):
    """Quiz forms post here rather than to the page URL, and the quiz comes from the content
    cache: a submission loads no page (hundreds a second arrive on 30 July). Only live pages
    without view restrictions take submissions."""
    quiz = selectors.quiz_for_grading(quiz_id=quiz_id)
    if quiz is None:
        raise Http404
    learner = learner_context(request)
    try:
        attempt = services.take_quiz(quiz=quiz, context=learner, data=request.POST)
    except ProgressError as refused:
        return get_object_or_404(QuizPage, pk=quiz.page_id).serve_refused(request, refused)
    services.award_certificate_after_quiz(quiz=quiz, context=learner, user=request.user)
    return redirect(f"{quiz.url}?attempt={attempt.pk}")
