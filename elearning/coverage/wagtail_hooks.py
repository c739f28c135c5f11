from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import CreateView, DeleteView, EditView, IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import selectors, services, urls
from .models import (
    CommuneProfile,
    Denominator,
    Indicator,
    Plan,
    ReconciliationRun,
    ReportReader,
)
from .staff_admin import StaffClaimViewSet


@hooks.register("register_admin_urls")
def register_coverage_urls():
    return [path("coverage/reports/", include(urls, namespace="coverage_reports"))]


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return selectors.reader_scope(user=request.user) is not None


# A top-level item (not under Wagtail's "Reports", which has no Vietnamese translation and
# hides the reports one level down): the first thing a reader sees in the menu.
@hooks.register("register_admin_menu_item")
def register_coverage_reports_menu_item():
    return ReportsMenuItem(
        _("Coverage against plans"),
        reverse("coverage_reports:index"),
        icon_name="table",
        order=90,
    )


class PlanViewSet(ModelViewSet):
    model = Plan
    icon = "doc-full"
    menu_label = _("Plans")
    list_display = ["title", "number", "scope_unit", "year", "needs_review"]
    search_fields = ["title", "number", "issuer"]
    form_fields = None  # the model's panels


class IndicatorViewSet(ModelViewSet):
    model = Indicator
    icon = "tasks"
    list_display = ["name", "code", "sort_order"]
    form_fields = ["name", "description", "sort_order"]


def _import_button(kind):
    class ImportingIndexView(IndexView):
        @cached_property
        def header_more_buttons(self):
            return [
                *super().header_more_buttons,
                Button(
                    _("Import from CSV or XLSX"),
                    url=reverse("coverage_reports:import", args=[kind]),
                    icon_name="upload",
                    priority=10,
                ),
            ]

    return ImportingIndexView


class DenominatorViewSet(ModelViewSet):
    model = Denominator
    icon = "calculator"
    list_display = ["unit", "indicator", "year", "audience", "value", "is_sample"]
    list_filter = ["indicator", "year", "audience"]
    search_fields = ["unit__name"]
    form_fields = ["unit", "indicator", "year", "audience", "value", "is_sample"]
    index_view_class = _import_button("headcounts")


class CommuneProfileViewSet(ModelViewSet):
    model = CommuneProfile
    icon = "site"
    list_display = ["unit", "year", "is_key_area", "model", "is_sample"]
    list_filter = ["year", "is_key_area", "model"]
    search_fields = ["unit__name"]
    form_fields = ["unit", "year", "is_key_area", "model", "is_sample"]
    index_view_class = _import_button("profiles")


class ReaderFormMixin:
    def save_instance(self):
        form = self.form
        return services.set_report_scope(
            user=form.cleaned_data["user"], unit=form.cleaned_data["unit"]
        )


class ReaderCreateView(ReaderFormMixin, CreateView):
    pass


class ReaderDeleteView(DeleteView):
    def delete_action(self):
        # The admin access goes with the role (services.remove_report_scope).
        services.remove_report_scope(user=self.object.user)


class ReaderEditView(ReaderFormMixin, EditView):
    pass


class ReportReaderViewSet(ModelViewSet):
    model = ReportReader
    icon = "user"
    list_display = ["user", Column("unit", label=_("Scope"))]
    search_fields = ["user__username"]
    form_fields = ["user", "unit"]
    add_view_class = ReaderCreateView
    edit_view_class = ReaderEditView
    delete_view_class = ReaderDeleteView


class AuditPermissionPolicy(ModelPermissionPolicy):
    """Reconciliation runs are an audit trail written by the nightly task: who may see them
    sees them, nobody adds, changes or deletes them in the admin (superusers included)."""

    READ_ONLY = {"view"}

    def user_has_permission(self, user, action):
        return action in self.READ_ONLY and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions)

    def instances_user_has_permission_for(self, user, action):
        if self.user_has_permission(user, action):
            return ReconciliationRun.objects.all()
        return ReconciliationRun.objects.none()


register_permission_policy(
    ReconciliationRun, AuditPermissionPolicy(ReconciliationRun), exact_class=True
)


class ReconciliationRunViewSet(ModelViewSet):
    model = ReconciliationRun
    icon = "history"
    list_display = ["started_at", "finished_at", "cells", "corrected"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["started_at", "finished_at", "cells", "corrected", "details"]


class CoverageGroup(ViewSetGroup):
    menu_label = _("Coverage")
    menu_icon = "table"
    menu_order = 250
    items = (
        PlanViewSet,
        IndicatorViewSet,
        DenominatorViewSet,
        CommuneProfileViewSet,
        ReportReaderViewSet,
        ReconciliationRunViewSet,
        StaffClaimViewSet,
    )


@hooks.register("register_admin_viewset")
def register_coverage_viewsets():
    return CoverageGroup()
