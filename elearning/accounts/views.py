"""Account pages: sign-up with the learner profile, the guest choice, the commune search
used by the picker, and the profile page (download my data, delete my account)."""

import json

from allauth.account.views import LogoutView, SignupView
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from elearning import rate_limits
from elearning.geo.models import AdminUnit
from elearning.geo.selectors import find_current_commune, search_communes

from . import guest, services
from .consent import CONSENT_AGE, CONSENT_TEXT, CONSENT_VERSION
from .forms import CertificateDetailsForm, GuestForm, LearnerSignupForm, ProfileForm
from .selectors import certificate_details, get_profile, may_process


def commune_picker_context(form) -> dict:
    """What the commune picker shows: the commune already chosen and the matches for the
    typed text."""
    data = form.data if form.is_bound else {}
    query = (data.get("commune_query") or "").strip()
    chosen_code = (data.get("commune") or "").strip()
    if not chosen_code and form.initial.get("commune"):
        chosen_code = form.initial["commune"]
    chosen = find_current_commune(code=chosen_code)
    matches = list(search_communes(text=query)) if query else []
    if chosen is not None:
        matches = [chosen, *[unit for unit in matches if unit.pk != chosen.pk]]
    return {
        "commune_query": query,
        "commune_chosen": chosen.code if chosen else "",
        "commune_matches": matches,
        "commune_searched": bool(query),
    }


class LearnerSignupView(SignupView):
    form_class = LearnerSignupForm
    template_name = "account/signup.html"

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_finding_commune:
            # No-JavaScript commune search: show the matches, check nothing else yet.
            return self.render_to_response(self.get_context_data(form=form, finding=True))
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(commune_picker_context(context["form"]))
        context.update(consent_age=CONSENT_AGE, this_year=timezone.localdate().year)
        return context

    def form_invalid(self, form):
        if form.too_young:
            # Kind refusal; nothing about the child is kept.
            return render(self.request, "account/too_young.html", status=200)
        return super().form_invalid(form)

    def form_valid(self, form):
        # The user and their profile together or not at all. A guest's activity is carried
        # over by GuestCarryOverMiddleware once the new account is signed in.
        with transaction.atomic():
            return super().form_valid(form)


class LearnerLogoutView(LogoutView):
    """allauth's sign-out, which also tells the browser to drop what it keeps of this
    person's pages in its HTTP cache. The offline worker (static/js/sw.js) sees the same
    request and deletes their kept pages and waiting answers itself: Clear-Site-Data
    "storage" would also unregister the worker and throw away the courses saved on the
    phone, which hold nothing personal."""

    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        response["Clear-Site-Data"] = '"cache"'
        return response


def _safe_next(request, default="/"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


def guest_start(request):
    """A visitor chooses a commune and an age band once, to learn without an account."""
    previous = guest.read_guest_cookie(request)
    # A commune remembered without an age band (a campaign poster's QR code): already chosen.
    remembered = AdminUnit.objects.filter(pk=previous.commune_id).first() if previous else None
    initial = {"commune": remembered.code} if remembered else {}
    form = GuestForm(request.POST or None, initial=initial)
    if request.method == "POST" and not form.is_finding_commune:
        if form.too_young:
            return render(request, "account/too_young.html")
        if form.is_valid():
            response = redirect(_safe_next(request))
            services.remember_guest(
                response=response,
                commune_id=form.cleaned_data["commune"].pk,
                age_band=form.cleaned_data["age_band"],
                visitor_key=previous.visitor_key if previous else None,
            )
            messages.success(request, _("Thank you. You can start learning now."))
            return response
    context = {
        "form": form,
        "finding": form.is_finding_commune,
        "next": _safe_next(request, default=""),
        **commune_picker_context(form),
    }
    return render(request, "accounts/guest_start.html", context)


@require_GET
def commune_search(request):
    """The picker's matches for the typed text, as the same HTML the page itself renders."""
    if not rate_limits.allowed(request, action="commune_search"):
        return rate_limits.too_many()
    query = request.GET.get("q", "")
    matches = list(search_communes(text=query)) if len(query.strip()) >= 2 else []
    return render(
        request,
        "accounts/includes/commune_results.html",
        {"commune_matches": matches, "commune_searched": True, "commune_chosen": ""},
    )


@login_required
def profile(request):
    learner_profile = get_profile(user=request.user)
    context = {
        "profile": learner_profile,
        "consents": request.user.guardian_consents.all(),
        "processing": may_process(user=request.user),
        "consent_text": CONSENT_TEXT,
        "consent_version": CONSENT_VERSION,
    }
    return render(request, "accounts/profile.html", context)


@login_required
def profile_edit(request):
    learner_profile = get_profile(user=request.user)
    initial = {}
    if learner_profile:
        initial = {
            "commune": learner_profile.commune.code,
            "birth_year": learner_profile.birth_year,
            "sex": learner_profile.sex,
            "audience": learner_profile.audience,
            "agency": learner_profile.agency,
        }
    form = ProfileForm(
        request.POST or None, initial=initial, profile=learner_profile, user=request.user
    )
    if request.method == "POST" and not form.is_finding_commune and form.is_valid():
        data = form.cleaned_data
        fields = {name: data[name] for name in ("commune", "birth_year", "audience", "agency")}
        fields["sex"] = data.get("sex") or ""
        if data.get("guardian_consent"):
            fields["guardian_name"] = data.get("guardian_name") or ""
        if learner_profile is None:
            services.create_profile(user=request.user, **fields)
        else:
            services.update_profile(profile=learner_profile, **fields)
        messages.success(request, _("Your profile has been saved."))
        return redirect("accounts_profile")
    context = {"form": form, "finding": form.is_finding_commune, **commune_picker_context(form)}
    return render(request, "accounts/profile_edit.html", context, status=200)


@login_required
@require_POST
def export_data(request):
    data = services.export_learner_data(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="chung-tay-{stamp}.json"'
    return response


@login_required
@require_POST
def withdraw_consent(request):
    if services.withdraw_guardian_consent(user=request.user):
        messages.success(
            request,
            _("Consent withdrawn. From now on nothing more about your learning is recorded."),
        )
    return redirect("accounts_profile")


@login_required
def delete_account(request):
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            messages.error(
                request, _("Tick the box to confirm that you want to delete your account.")
            )
            return render(request, "accounts/delete_account.html", status=200)
        user = request.user
        logout(request)
        services.delete_learner(user=user)
        messages.success(request, _("Your account and your personal data have been deleted."))
        return redirect("/")
    return render(request, "accounts/delete_account.html")


@login_required
def certificate_details_edit(request):
    """Staff give their name as it is to be printed, their agency and unit, before their
    first certificate is issued (not at sign-up). Needs a learner profile."""
    if get_profile(user=request.user) is None:
        return redirect(f"{reverse('accounts_profile_edit')}?next={request.get_full_path()}")
    if request.method == "POST":
        form = CertificateDetailsForm(request.POST)
        if form.is_valid():
            services.set_certificate_details(user=request.user, **form.cleaned_data)
            messages.success(
                request,
                _(
                    "Saved. New certificates will show these details. A certificate already "
                    "issued keeps what it printed: you can have it issued again from My learning."
                ),
            )
            return redirect(_safe_next(request, default=reverse("accounts_profile")))
    else:
        form = CertificateDetailsForm(initial=certificate_details(user_id=request.user.pk))
    return render(
        request,
        "accounts/certificate_details.html",
        {"form": form, "next": _safe_next(request, default="")},
        status=400 if form.is_bound else 200,
    )
