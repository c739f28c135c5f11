from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
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


def course_complete(request, course_id):
    """After the last lesson or quiz of a course: the score, the certificate when earned, and
    what to do next. Until the course is complete it leads back to the course."""
    from .models import CoursePage

    course = get_object_or_404(CoursePage.objects.live().public(), pk=course_id)
    learner = learner_context(request)
    outline = selectors.course_outline(course=course, context=learner)
    if not outline.is_complete:
        return redirect(course.url)
    certificate = services.award_certificate_if_earned(
        course=course, context=learner, user=request.user
    )
    return render(
        request,
        "learning/course_complete.html",
        {
            "needs_certificate_details": certificate is None
            and services.needs_certificate_details(
                course=course, context=learner, user=request.user
            ),
            "course": course,
            "outline": outline,
            "score": selectors.course_score(outline=outline, context=learner),
            "certificate": certificate,
            "next_course": selectors.next_course_for(course=course, context=learner),
        },
    )


def my_learning(request):
    """My courses in progress (with "continue"), finished courses, certificates and the legal
    documents I confirmed reading: for a signed-in learner, or a guest on this phone."""
    learner = learner_context(request)
    return render(
        request,
        "learning/my_learning.html",
        {
            "learner": learner,
            "mine": selectors.my_learning(context=learner, user=request.user),
            "courses_url": selectors.course_index_url(),
        },
    )
