from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from elearning.accounts.selectors import learner_context

from . import offline, selectors, services, submission
from .models import CourseIndexPage, CoursePage, QuizPage


@require_POST
def submit_quiz(request, quiz_id):
    """Quiz forms post here rather than to the page URL (see submission.submit_quiz)."""
    return submission.submit_quiz(
        request,
        quiz_id=quiz_id,
        quiz_pages=QuizPage.objects.all(),
        course_pages=CoursePage.objects.all(),
    )


def course_complete(request, course_id):
    """After the last lesson or quiz of a course: the score, the certificate when earned, and
    what to do next. Until the course is complete it leads back to the course."""
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


@login_required
@require_POST
def reissue_certificate(request, code):
    """ "Print it again with my details as they are now", from My learning."""
    new = services.reissue_certificate(user=request.user, code=code)
    if new is None:
        raise Http404
    messages.success(
        request,
        _(
            "Your certificate was issued again with your present details, code %(code)s. "
            "The old code still verifies and names this one as its replacement."
        )
        % {"code": new.verification_code},
    )
    return redirect("learning:my_learning")


def course_offline(request, course_id):
    """The files to keep for learning this course without a network, with their sizes."""
    course = get_object_or_404(CoursePage.objects.live().public(), pk=course_id)
    response = JsonResponse(offline.course_files(course=course))
    response["Cache-Control"] = "no-cache"
    return response


def my_learning(request):
    """My courses in progress (with "continue"), finished courses, certificates and the legal
    documents I confirmed reading: for a signed-in learner, or a guest on this phone."""
    learner = learner_context(request)
    return render(
        request,
        "learning/my_learning.html",
        {
            "learner": learner,
            "mine": selectors.my_learning(
                course_pages=CoursePage.objects.all(), context=learner, user=request.user
            ),
            "courses_url": selectors.course_index_url(index_pages=CourseIndexPage.objects.all()),
        },
    )
