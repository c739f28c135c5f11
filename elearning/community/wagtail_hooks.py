"""Community sessions in the Wagtail admin: officers record the sessions of their commune(s),
reviewers of the province confirm or return them; the session's page shows its QR code."""

from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.ui.tables import DateColumn, TitleColumn
from wagtail.admin.views.generic.models import CreateView, DeleteView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from . import admin_views, report_views, selectors, services
from .forms import SessionForm
from .models import CommunitySession, SessionCount

SessionCount.panels = [
    FieldRowPanel([FieldPanel("sex"), FieldPanel("age_band")]),
    FieldRowPanel([FieldPanel("audience"), FieldPanel("count")]),
]


class ScopedMixin:
    """Nobody reaches a session outside their area (a 404, as if it did not exist)."""

    def get_queryset(self):
        return selectors.sessions_for(user=self.request.user)


class SessionIndexView(IndexView):
    def get_base_queryset(self):
        return selectors.sessions_for(user=self.request.user)


class SessionSaveMixin:
    def save_instance(self):
        return services.save_session(
            user=self.request.user, session=self.form.instance, counts=self.form.counts()
        )

    def get_success_url(self):
        return self.get_inspect_url_for(self.object)

    def get_inspect_url_for(self, session):
        return reverse("community_sessions:inspect", args=[session.pk])


class SessionCreateView(SessionSaveMixin, CreateView):
    success_message = _("Session recorded. It counts once a reviewer confirms it.")


class SessionEditView(ScopedMixin, SessionSaveMixin, EditView):
    success_message = _("Session saved. It counts once a reviewer confirms it.")

    def dispatch(self, request, *args, **kwargs):
        session = self.get_object()
        if not selectors.can_edit(user=request.user, session=session):
            return redirect(self.get_inspect_url_for(session))
        return super().dispatch(request, *args, **kwargs)


class SessionDeleteView(ScopedMixin, DeleteView):
    """Only a session that never counted (not confirmed) can be deleted, by its author; any
    other is a 404, as if it did not exist. The service checks again under a lock."""

    def get_queryset(self):
        sessions = super().get_queryset().exclude(status="confirmed")
        if not self.request.user.is_superuser:
            sessions = sessions.filter(author=self.request.user)
        return sessions

    def delete_action(self):
        services.delete_session(user=self.request.user, session_id=self.object.pk)


class CommunitySessionViewSet(ModelViewSet):
    model = CommunitySession
    icon = "group"
    menu_label = _("Community sessions")
    menu_order = 260
    add_to_admin_menu = True
    url_namespace = "community_sessions"
    url_prefix = "community-sessions"
    index_view_class = SessionIndexView
    add_view_class = SessionCreateView
    edit_view_class = SessionEditView
    delete_view_class = SessionDeleteView
    inspect_view_enabled = True
    inspect_view_class = admin_views.SessionInspectView
    copy_view_enabled = False
    inspect_view_fields = [
        "commune",
        "starts_at",
        "ends_at",
        "kind",
        "place",
        "led_by",
        "campaign",
        "course",
        "status",
        "author",
        "confirmed_by",
        "reviewed_at",
    ]
    list_display = [
        TitleColumn("__str__", label=_("Session"), url_name="community_sessions:inspect"),
        DateColumn("starts_at", label=_("Date")),
        "commune",
        "status",
    ]
    list_filter = ["status", "kind"]
    search_fields = ["place", "led_by", "commune__name"]
    edit_handler = ObjectList(
        [
            FieldPanel("commune"),
            FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("place")]),
            FieldPanel("led_by"),
            FieldRowPanel([FieldPanel("campaign"), FieldPanel("course")]),
            FieldPanel("check_in_grace_minutes"),
            MultiFieldPanel(
                [InlinePanel("counts", label=_("participants"), min_num=1)],
                heading=_("Participants (counts only: no names)"),
            ),
        ],
        base_form_class=SessionForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("review/<int:pk>/", admin_views.review, name="review"),
            path("live/<int:pk>/", admin_views.live_counts, name="live"),
            path("poster/<int:pk>/<slug:size>/", admin_views.poster_pdf, name="poster"),
            path("present/<int:pk>/", admin_views.present, name="present"),
        ]


@hooks.register("register_admin_urls")
def register_session_report():
    """The report reader's list of sessions, beside the plan's coverage report."""
    return [
        path(
            "coverage/reports/<int:plan_id>/sessions/",
            report_views.SessionReportView.as_view(),
            name="community_session_report",
        )
    ]


@hooks.register("register_admin_viewset")
def register_community_sessions():
    return CommunitySessionViewSet("community_sessions")
