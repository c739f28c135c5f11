"""The session's page in the admin (details, counts, QR code, live check-ins, review) and the
reviewer's confirm/return action."""

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.views.generic.models import InspectView

from . import checkin, poster, selectors, services
from .choices import SessionStatus


def _session_for(request, pk):
    return get_object_or_404(selectors.sessions_for(user=request.user), pk=pk)


class SessionInspectView(InspectView):
    template_name = "community/admin/session.html"

    def get_object(self, queryset=None):
        return _session_for(self.request, self.pk)

    # In the site's time zone, as the officer entered them (the generic view shows UTC).
    def get_starts_at_display_value(self):
        return date_format(timezone.localtime(self.object.starts_at), "H:i d/m/Y")

    def get_ends_at_display_value(self):
        return date_format(timezone.localtime(self.object.ends_at), "H:i d/m/Y")

    def get_reviewed_at_display_value(self):
        reviewed = self.object.reviewed_at
        return date_format(timezone.localtime(reviewed), "H:i d/m/Y") if reviewed else "-"

    def get_edit_url(self):
        if selectors.can_edit(user=self.request.user, session=self.object):
            return super().get_edit_url()
        return None

    def get_delete_url(self):
        if selectors.can_delete(user=self.request.user, session=self.object):
            return super().get_delete_url()
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session, user = self.object, self.request.user
        if _shows_qr(session, user):
            url = checkin.checkin_url(session.pk)
            context["checkin_url"] = url
            context["qr_svg"] = _qr_svg(session)
            context["present_url"] = reverse("community_sessions:present", args=[session.pk])
            context["code_url"] = checkin.code_url()
            context["poster_urls"] = [
                (label, reverse("community_sessions:poster", args=[session.pk, size]))
                for size, label in (("a4", "A4"), ("a3", "A3"))
            ]
        context.update(
            session=session,
            counts=session.counts.order_by("age_band", "sex"),
            total=sum(c.count for c in session.counts.all()),
            live=selectors.check_in_counts(session=session, viewer=user),
            live_url=reverse("community_sessions:live", args=[session.pk]),
            quiz_summary=selectors.check_quiz_summary(session=session),
            can_review=selectors.is_reviewer(user=user)
            and session.status != SessionStatus.RETURNED,
            can_confirm=selectors.is_reviewer(user=user) and session.status == SessionStatus.DRAFT,
            review_url=reverse("community_sessions:review", args=[session.pk]),
        )
        return context


def _shows_qr(session, user) -> bool:
    """The QR code (and its poster) is for the session's author while check-in is open."""
    return (
        session.author_id == user.pk
        and session.status != SessionStatus.RETURNED
        and timezone.now() <= session.closes_at
    )


def _qr_svg(session) -> str:
    return segno.make(checkin.checkin_url(session.pk), error="m").svg_inline(
        scale=5, border=2, omitsize=True
    )


def present(request, pk):
    """Presenting mode for the officer's phone or the hall's projector: the QR code as large as
    the screen allows, the short code, the session, and the live check-in counter."""
    session = _session_for(request, pk)
    if not _shows_qr(session, request.user):
        raise Http404
    return TemplateResponse(
        request,
        "community/admin/present.html",
        {
            "session": session,
            "title": poster.title_of(session),
            "when": poster.when_of(session),
            "qr_svg": _qr_svg(session),
            "code_url": checkin.code_url(),
            "live": selectors.check_in_counts(session=session, viewer=request.user),
            "live_url": reverse("community_sessions:live", args=[session.pk]),
            "back_url": reverse("community_sessions:inspect", args=[session.pk]),
        },
    )


def poster_pdf(request, pk, size):
    """The session's A4 or A3 poster with its QR code and short code, to print."""
    session = _session_for(request, pk)
    if size not in poster.SIZES or not _shows_qr(session, request.user):
        raise Http404
    response = HttpResponse(
        poster.render_poster(session, size=size), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="diem-danh-{session.checkin_code}-{size}.pdf"'
    )
    return response


def live_counts(request, pk):
    """The check-in counts alone, for the session page to refresh every few seconds."""
    if not request.user.has_perm("community.view_communitysession"):
        raise PermissionDenied
    session = _session_for(request, pk)
    return TemplateResponse(
        request,
        "community/admin/live_counts.html",
        {"live": selectors.check_in_counts(session=session, viewer=request.user)},
    )


@require_POST
def review(request, pk):
    session = _session_for(request, pk)
    decision = request.POST.get("decision")
    try:
        if decision == "confirm":
            services.confirm_session(user=request.user, session_id=session.pk)
            messages.success(request, _("Session confirmed: it now counts in the reports."))
        elif decision == "return":
            services.return_session(
                user=request.user, session_id=session.pk, reason=request.POST.get("reason", "")
            )
            messages.success(request, _("Session returned to its author."))
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied:
        messages.error(request, _("You may not review sessions of this commune."))
    return redirect("community_sessions:inspect", session.pk)
