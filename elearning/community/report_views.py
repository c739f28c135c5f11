"""The report reader's list of community sessions, reached from a plan's coverage report: the
confirmed sessions of the area they read (community/report.py), filtered by commune and kind.
Small counts are hidden on the full list first, so a filter never shows more."""

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from elearning.coverage.columns import FigureColumn
from elearning.coverage.exports import SafeExportMixin
from elearning.coverage.views import PlanAreaMixin

from . import report
from .choices import SessionKind


class SessionReportView(PlanAreaMixin, SafeExportMixin, ReportView):
    template_name = "community/report/sessions.html"
    header_icon = "group"
    page_title = gettext_lazy("Community sessions")
    paginate_by = 100
    list_export = ["commune", "starts_at", "kind", "participants_display", "check_ins_display"]

    @cached_property
    def export_headings(self):
        return dict(zip(self.list_export, report.headings(), strict=True))

    def get_page_title(self):
        return _("Community sessions: %(area)s") % {"area": self.area.label}

    def get_filename(self):
        unit = self.area.unit.code if self.area.unit else "vn"
        return f"community-sessions-{self.plan.pk}-{unit}"

    @cached_property
    def columns(self):
        commune, date, kind, participants, check_ins = report.headings()
        return [
            Column("commune", label=commune),
            Column("date", label=date, accessor=lambda row: f"{row.starts_at:%H:%M %d/%m/%Y}"),
            Column("kind", label=kind),
            FigureColumn("participants_display", label=participants),
            FigureColumn("check_ins_display", label=check_ins),
        ]

    @cached_property
    def all_rows(self):
        return report.session_rows(area=self.area)

    @cached_property
    def chosen(self) -> dict:
        """The filters asked for, kept only when they name a choice offered."""
        kind = self.request.GET.get("kind", "")
        commune = self.request.GET.get("commune", "")
        communes = {str(row.session.commune_id) for row in self.all_rows}
        return {
            "kind": kind if kind in SessionKind.values else "",
            "commune": commune if commune in communes else "",
        }

    def get_base_queryset(self):
        rows = self.all_rows
        if self.chosen["kind"]:
            rows = [row for row in rows if row.session.kind == self.chosen["kind"]]
        if self.chosen["commune"]:
            rows = [row for row in rows if str(row.session.commune_id) == self.chosen["commune"]]
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        communes = sorted(
            {(row.session.commune_id, row.commune) for row in self.all_rows}, key=lambda c: c[1]
        )
        context.update(
            plan=self.plan,
            area=self.area,
            kinds=SessionKind.choices,
            communes=communes,
            chosen=self.chosen,
            overview_url=reverse("coverage_reports:overview", args=[self.plan.pk]) + self.query(),
        )
        return context
