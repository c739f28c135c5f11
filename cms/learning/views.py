from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from .models import QuizPage


@require_POST
def submit_quiz(request, quiz_id):
    """Quiz forms post here rather than to the page URL: one query finds the quiz instead of
    routing down the page tree, which matters at hundreds of submissions a second. Only live
    pages without view restrictions take submissions."""
    quiz = get_object_or_404(QuizPage.objects.live().public(), pk=quiz_id)
    return quiz.serve_submission(request)
