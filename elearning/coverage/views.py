"""Coverage reports in the Wagtail admin, on ReportView (so CSV/XLSX export comes with them).
Every view reads through the reader's scope; exports are built from the same rows as the
page, so they carry the same "<5"."""

from dataclasses import replace

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from common.text import normalise

from . import charts, maps, pdf_requests, selectors
from .choices import IndicatorCode, Status
from .columns import (
    DistrictColumn,
    FigureColumn,
    FormerlyColumn,
    IndicatorColumn,
    UnitColumn,
    UnitTable,
)
from .exports import SafeExportMixin
from .models import PdfReport
from .view_mixins import PlanAreaMixin, ReaderMixin


class PlanIndexView(ReaderMixin, SafeExportMixin, ReportView):
    template_name = "coverage/plans.html"
    page_title = gettext_lazy("Coverage reports")
    header_icon = "table"
    index_url_name = "coverage_reports:index"
    paginate_by = 50
    export_filename = "coverage-plans"
    list_export = ["number", "title", "issuer", "scope", "year", "headline"]
    export_headings = {
        "number": gettext_lazy("Number"),
        "title": gettext_lazy("Title"),
        "issuer": gettext_lazy("Issuing body"),
        "scope": gettext_lazy("Area"),
        "year": gettext_lazy("Year"),
        "headline": gettext_lazy("Indicators against targets"),
    }

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=_("Plan"),
                get_url=lambda plan: reverse("coverage_reports:overview", args=[plan.pk]),
            ),
            Column("number", label=_("Number")),
            Column("scope", label=_("Area")),
            Column("year", label=_("Year")),
            Column("headline", label=_("Indicators against targets")),
        ]

    def get_queryset(self):
        plans = selectors.plans_for(scope=self.scope)
        for plan in plans:
            area = selectors.area_for(plan=plan, scope=self.scope)
            plan.scope = area.label
            counts = selectors.headline(area=area)
            plan.headline = " · ".join(
                f"{counts[status]} {label.lower()}"
                for status, label in Status.choices
                if counts.get(status) and status != Status.NO_TARGET
            ) or _("No targets set")
        return plans


class OverviewView(PlanAreaMixin, SafeExportMixin, ReportView):
    template_name = "coverage/overview.html"
    header_icon = "table"
    paginate_by = None
    export_headings = {
        "label": gettext_lazy("Indicator"),
        "value_display": gettext_lazy("Value (%)"),
        "target_display": gettext_lazy("Target (%)"),
        "status_label": gettext_lazy("Status"),
        "numerator_display": gettext_lazy("Counted"),
        "denominator_display": gettext_lazy("Out of"),
        "previous_display": gettext_lazy("A year before (%)"),
    }

    def get_page_title(self):
        return self.area.label

    def get_filename(self):
        return f"coverage-{self.plan.pk}-{self.area.unit.code if self.area.unit else 'vn'}"

    @cached_property
    def columns(self):
        return [
            IndicatorColumn("label", label=_("Indicator")),
            FigureColumn("value_display", label=_("Value (%)")),
            FigureColumn("target_display", label=_("Target (%)")),
            Column("status_label", label=_("Status")),
            FigureColumn("numerator_display", label=_("Counted")),
            FigureColumn("denominator_display", label=_("Out of")),
        ] + (
            [FigureColumn("previous_display", label=_("A year before (%)"))] if self.compare else []
        )

    @cached_property
    def list_export(self):
        fields = [*self.export_headings]
        return fields if self.compare else fields[:-1]

    def get_queryset(self):
        figures = self.overview.figures
        if self.compare:  # the same months a year before, each figure beside its own
            before = selectors.overview(
                area=replace(self.area, period=self.period.year_before()),
                parents=tuple(
                    replace(parent, period=self.period.year_before()) for parent in self.parents
                ),
            )
            earlier = {figure.key: figure.value_display for figure in before.figures}
            for figure in figures:
                figure.previous_display = earlier.get(figure.key)
        return figures

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.is_export:  # a workbook: no charts to draw
            return context
        main = charts.charted(self.overview.figures)
        context.update(
            plan=self.plan,
            area=self.area,
            as_of=self.overview.as_of,
            **self.period_context(),
            charts=[
                (
                    figure,
                    charts.line_chart(
                        self.overview.series.get(figure.code, []),
                        target=figure.target,
                        title=figure.label,
                    ),
                )
                for figure in main
            ],
            areas_url=reverse("coverage_reports:areas", args=[self.plan.pk]) + self.query(),
            pdf_url=reverse("coverage_reports:pdf", args=[self.plan.pk]) + self.query(),
            # The community sessions behind the session figures (elearning/community/report_views).
            sessions_url=reverse("community_session_report", args=[self.plan.pk]) + self.query(),
            documents=[
                PdfReport.objects.filter(
                    plan=self.plan,
                    unit=self.area.unit,
                    period=self.period.key,
                    requested_by=self.request.user,
                    format=kind,
                ).first()
                for kind in PdfReport.Format.values
            ],
            drill_down=self.area.has_children,
        )
        return context


class AreaView(PlanAreaMixin, SafeExportMixin, ReportView):
    """The units of an area (provinces of the country, or communes), sortable by each
    indicator, with a map coloured by the chosen one."""

    template_name = "coverage/areas.html"
    table_class = UnitTable
    lists_units = True
    header_icon = "list-ul"
    paginate_by = None
    default_ordering = "name"

    def get_page_title(self):
        if self.area.is_country:
            return _("Provinces: %(area)s") % {"area": self.area.label}
        return _("Communes: %(area)s") % {"area": self.area.label}

    def get_filename(self):
        return f"coverage-{self.plan.pk}-areas-{self.area.unit.code if self.area.unit else 'vn'}"

    @property
    def indicator_columns(self):
        return [(code, str(label)) for code, label in IndicatorCode.choices]

    @cached_property
    def list_export(self):
        fields = ["name"] + (["district"] if self.has_districts else [])
        if self.is_legacy:
            fields.append("formerly")
        return fields + [f"{code}_display" for code, _label in self.indicator_columns]

    @cached_property
    def export_headings(self):
        headings = {"name": _("Unit"), "district": _("Former district"), "formerly": _("Formerly")}
        headings.update(
            {
                f"{code}_display": IndicatorCode(code).column_heading
                for code, _label in self.indicator_columns
            }
        )
        return headings

    @cached_property
    def is_legacy(self):
        unit = self.plan.scope_unit
        return bool(unit and unit.catalog.key != "2025")

    @cached_property
    def columns(self):
        overview = reverse("coverage_reports:overview", args=[self.plan.pk])
        columns = [
            UnitColumn(
                "name",
                label=_("Unit"),
                sort_key="name",
                width="16rem",
                get_url=lambda row: overview + self.query(row.unit),
            )
        ]
        if self.has_districts:
            columns.append(
                DistrictColumn("district", label=_("Former district"), sort_key="district")
            )
        if self.is_legacy:
            columns.append(FormerlyColumn("formerly", label=_("Formerly")))
        columns += [
            FigureColumn(
                f"{code}_display",
                label=IndicatorCode(code).column_heading,
                sort_key=f"{code}_sort",
            )
            for code, _label in self.indicator_columns
        ]
        return columns

    @cached_property
    def all_rows(self):
        return selectors.area_rows(area=self.area, parents=self.parents)

    @cached_property
    def districts(self) -> list[tuple[int, str]]:
        """The former districts of the table's communes, for grouping and filtering."""
        found = {pk: name for row in self.all_rows for pk, name in row.former_districts}
        return sorted(found.items(), key=lambda item: normalise(item[1]))

    @cached_property
    def has_districts(self) -> bool:
        return bool(self.districts)

    @cached_property
    def district_filter(self) -> int | None:
        """?district=<id>: a former district of these communes, or a 404."""
        value = self.request.GET.get("district", "")
        if not value:
            return None
        if not (value.isascii() and value.isdigit() and int(value) in dict(self.districts)):
            raise Http404
        return int(value)

    def get_valid_orderings(self):
        return ["name", "-name", "district", "-district"] + [
            f"{sign}{code}_sort" for code, _l in self.indicator_columns for sign in ("", "-")
        ]

    def order_queryset(self, queryset):
        """Communes by the chosen column, each former district's subtotal after its communes
        when grouped by district (and at the end otherwise)."""
        rows = self._order_units([row for row in queryset if not row.is_subtotal])
        subtotals = sorted(
            (row for row in queryset if row.is_subtotal), key=lambda row: normalise(row.district)
        )
        if (self.ordering or "").lstrip("-") != "district":
            return rows + subtotals
        grouped = []
        for index, row in enumerate(rows):
            grouped.append(row)
            following = rows[index + 1] if index + 1 < len(rows) else None
            if following is None or following.district != row.district:
                grouped += [s for s in subtotals if s.district == row.district and s.district]
        return grouped

    def _order_units(self, queryset):
        """By the chosen column; rows without a figure ("—", "<5", "*") last either way."""
        ordering = self.ordering or "name"
        key = ordering.lstrip("-")
        if key == "name":
            return sorted(
                queryset, key=lambda row: normalise(row.name), reverse=ordering.startswith("-")
            )
        if key == "district":  # grouped by former district, communes by name inside each
            return sorted(
                queryset,
                key=lambda row: (normalise(row.district) or "~", normalise(row.name)),
                reverse=ordering.startswith("-"),
            )
        with_figure = [row for row in queryset if getattr(row, key) >= 0]
        without = [row for row in queryset if getattr(row, key) < 0]
        with_figure.sort(key=lambda row: getattr(row, key), reverse=ordering.startswith("-"))
        # "<5" and "*" (-1) before no figure at all (-2).
        without.sort(key=lambda row: (-getattr(row, key), normalise(row.name)))
        return with_figure + without

    @cached_property
    def name_filter(self) -> str:
        """Part of a unit's name, matched without diacritics ("hoa lu" finds "Hoa Lư")."""
        return normalise(self.request.GET.get("q", "").replace("\x00", ""))[:100]

    def get_base_queryset(self):
        rows = self.all_rows
        if self.district_filter is not None:
            rows = [row for row in rows if self.district_filter in dict(row.former_districts)]
        if self.name_filter:
            rows = [
                row
                for row in rows
                if not row.is_subtotal and self.name_filter in normalise(row.name)
            ]
        return rows

    @cached_property
    def indicator(self):
        code = self.request.GET.get("indicator")
        return code if code in IndicatorCode.values else IndicatorCode.REACH

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.is_export:  # a workbook: no map to draw
            return context
        label = dict(IndicatorCode.choices)[self.indicator]
        drawn = maps.unit_map(
            [
                maps.MapUnit(
                    pk=row.unit.pk,
                    name=row.name,
                    latitude=row.unit.latitude,
                    longitude=row.unit.longitude,
                    value=getattr(row, f"{self.indicator}_display"),
                    percent=not IndicatorCode(self.indicator).is_count,
                )
                for row in context["object_list"]
                if not row.is_subtotal
            ],
            title=str(label),
            percent=not IndicatorCode(self.indicator).is_count,
        )
        context.update(
            plan=self.plan,
            area=self.area,
            indicators=IndicatorCode.choices,
            indicator=self.indicator,
            map=drawn,
            name_filter=self.request.GET.get("q", "")[:100],
            districts=self.districts,
            district=self.district_filter,
            as_of=self.area.period.as_of(timezone.localdate()),
            **self.period_context(),
            overview_url=reverse("coverage_reports:overview", args=[self.plan.pk]) + self.query(),
        )
        return context


class PdfRequestView(PlanAreaMixin, View):
    def post(self, request, plan_id):
        wanted = request.POST.get("format", PdfReport.Format.PDF)
        if wanted not in PdfReport.Format.values:
            raise Http404
        pdf_requests.request_pdf(
            plan=self.plan,
            unit=self.area.unit,
            period=self.period.key,
            user=request.user,
            format=wanted,
        )
        messages.success(
            request, _("The document is being prepared. Reload this page in a moment.")
        )
        return redirect(reverse("coverage_reports:overview", args=[plan_id]) + self.query())


class PdfDownloadView(ReaderMixin, View):
    def get(self, request, pk):
        report = get_object_or_404(
            PdfReport, pk=pk, requested_by=request.user, status=PdfReport.Status.READY
        )
        types = {
            PdfReport.Format.PDF: "application/pdf",
            PdfReport.Format.DOCX: (
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            ),
        }
        return FileResponse(
            report.file.open("rb"),
            as_attachment=True,
            filename=f"bao-cao-{report.plan.pk}.{report.format}",
            content_type=types[report.format],
        )
