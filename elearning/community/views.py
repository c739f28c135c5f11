"""The participant's check-in page, opened from the session's QR code on their own phone:
server-rendered, light, no account needed. A forged token, a closed session or a second
check-in from the same phone gets a clear message and changes nothing."""

from django import forms
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from elearning import rate_limits

from . import check_quiz, checkin, services
from .choices import SessionAgeBand, SessionStatus, Sex
from .models import CODE_LENGTH, CommunitySession, SessionCheckIn


class CheckInForm(forms.Form):
    age_band = forms.ChoiceField(
        label=_("Your age"),
        choices=SessionAgeBand.check_in_choices(),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose your age group.")},
    )
    sex = forms.ChoiceField(
        label=_("Sex (if you wish)"),
        choices=[
            ("", _("I prefer not to say")),
            (Sex.FEMALE, Sex.FEMALE.label),
            (Sex.MALE, Sex.MALE.label),
        ],
        required=False,
        widget=forms.RadioSelect,
    )


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Session code"), max_length=CODE_LENGTH + 4)


def _page(request, template, context, status=200):
    return render(request, f"community/{template}.html", context, status=status)


def _too_many(request):
    """Refused for now (limits per client, settings.CLIENT_RATE_LIMITS): nothing is stored."""
    reason = _("Too many requests. Please wait a moment and try again.")
    response = _page(request, "check_in_refused", {"reason": reason}, status=429)
    response["Retry-After"] = str(rate_limits.RETRY_AFTER)
    return response


def _session_for(token):
    """The session a QR token names, or None (forged, damaged, or the session was returned)."""
    session = (
        CommunitySession.objects.select_related("commune")
        .filter(pk=checkin.session_id_from(token))
        .first()
    )
    return None if session is None or session.status == SessionStatus.RETURNED else session


def _invalid_token(request):
    reason = _("This QR code is not valid. Ask the session's officer for the code.")
    return _page(request, "check_in_refused", {"reason": reason}, status=404)


def _context(request, session, key, **extra) -> dict:
    """The check-in page: the form, or this phone's check-in with its optional check quiz (the
    questions, or once answered the result with the right answers)."""
    row = SessionCheckIn.objects.filter(session=session, visitor_key=key).first() if key else None
    closed = timezone.now() > session.closes_at
    context = {"session": session, "done": row is not None, "closed": closed, **extra}
    if row is None:
        return context
    questions = check_quiz.questions_for(session)
    if row.quiz_score is not None:
        context["quiz_result"] = {
            "score": row.quiz_score,
            "questions": row.quiz_questions,
            "review": check_quiz.review(questions, row.quiz_correct),
        }
    elif questions and not closed and "skip" not in request.GET:
        context["quiz"] = questions
        context["quiz_url"] = reverse("community:check_quiz", args=[checkin.token_for(session.pk)])
    return context


# Never cached (never_cache: "no-store, private"), by a page cache for anonymous visitors or a
# proxy: the forms carry this phone's CSRF token and the page says whether it checked in.
@never_cache
@require_http_methods(["GET", "POST"])
def check_in(request, token):
    if request.method == "POST" and not rate_limits.allowed(request, action="community_check_in"):
        return _too_many(request)
    session = _session_for(token)
    if session is None:
        return _invalid_token(request)
    key = checkin.device_key(request)
    form = CheckInForm(request.POST or None)
    context = _context(request, session, key, form=form)
    if request.method == "GET":
        response = _page(request, "check_in", context)
        if not key:
            # The phone's key from the form on, so that a double tap of "Check in" sends the
            # same key twice (one is stored) rather than two phones' worth.
            checkin.remember_device(response, checkin.new_device_key())
        return response
    if not form.is_valid():
        return _page(request, "check_in", context, status=400)
    key = key or checkin.new_device_key()
    try:
        services.check_in(
            session_id=session.pk,
            visitor_key=key,
            learner_id=request.user.pk if request.user.is_authenticated else None,
            age_band=form.cleaned_data["age_band"],
            sex=form.cleaned_data["sex"],
        )
    except ValidationError as error:
        context["refusal"] = " ".join(error.messages)
        return _page(request, "check_in", context, status=409)
    response = redirect(request.path)
    checkin.remember_device(response, key)
    return response


@never_cache
@require_POST
def answer_check_quiz(request, token):
    """The check quiz's answers, from the form under "You are checked in": graded here, then
    back to the check-in page, which shows the result."""
    if not rate_limits.allowed(request, action="community_check_quiz"):
        return _too_many(request)
    session = _session_for(token)
    if session is None:
        return _invalid_token(request)
    key = checkin.device_key(request)
    try:
        services.answer_check_quiz(session_id=session.pk, visitor_key=key or "", data=request.POST)
    except ValidationError as error:
        context = _context(request, session, key, form=CheckInForm())
        context["refusal"] = " ".join(error.messages)
        return _page(request, "check_in", context, status=409)
    return redirect("community:check_in", token)


@never_cache
@require_http_methods(["GET", "POST"])
def enter_code(request):
    """The short code typed by hand, for a phone whose camera cannot read the QR code. Only
    wrong codes count against the client's limit (a hall on one wifi types the right one); a
    client over it is refused even the right code, so guessing does not pay."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and not rate_limits.allowed(
        request, action="community_check_in_code", dry_run=True
    ):
        return _too_many(request)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"].strip().upper().replace(" ", "")
        session = CommunitySession.objects.filter(checkin_code=code).first()
        if session is not None:
            return redirect("community:check_in", checkin.token_for(session.pk))
        rate_limits.allowed(request, action="community_check_in_code")
        form.add_error("code", _("No session has this code. Check the letters and try again."))
    return _page(request, "enter_code", {"form": form}, status=400 if form.errors else 200)
