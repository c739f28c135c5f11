"""Coverage reports in the Wagtail admin, on ReportView (so CSV/XLSX export comes with them).
Every view reads through the reader's scope; exports are built from the same rows as the
page, so they carry the same "<5"."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.formats import localize
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView

from elearning.geo.models import AdminUnit

from . import charts, pdf_requests, selectors
from .choices import IndicatorCode
from .models import PdfReport, Plan


class FigureColumn(Column):
    """A figure's cell written directly rather than through a template: the commune table of a
    large province has a thousand of them, and per-cell templates were most of its render time.
    The output is the template's: the value localised and escaped, nothing when there is none."""

    def render_cell_html(self, instance, parent_context):
        value = self.get_value(instance)
        return format_html("<td>{}</td>", "" if value is None else localize(value))


class UnitColumn(TitleColumn):
    """The unit's name linking to its overview, written directly like FigureColumn."""

    def render_cell_html(self, instance, parent_context):
        return format_html(
            '<td class="title"><div class="title-wrapper"><a href="{}">{}</a></div></td>',
            self.get_link_url(instance, parent_context),
            self.get_value(instance),
        )


class ReaderMixin:
    """Only report readers get in; each sees their own scope."""

    def dispatch(self, request, *args, **kwargs):
        self.scope = selectors.reader_scope(user=request.user)
        if self.scope is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PlanAreaMixin(ReaderMixin):
    def dispatch(self, request, *args, **kwargs):
        self.scope = selectors.reader_scope(user=request.user)
        if self.scope is None:
            raise PermissionDenied
        self.plan = get_object_or_404(
            Plan.objects.select_related("scope_unit__catalog"), pk=kwargs["plan_id"]
        )
        unit = None
        if unit_id := request.GET.get("unit"):
            unit = AdminUnit.objects.select_related("catalog").filter(pk=unit_id).first()
            if unit is None:
                raise Http404
        self.area = selectors.area_for(plan=self.plan, scope=self.scope, unit=unit)
        if self.area is None:
            raise PermissionDenied
        return super(ReaderMixin, self).dispatch(request, *args, **kwargs)

    def unit_query(self, unit=None) -> str:
        unit = unit or self.area.unit
        return f"?unit={unit.pk}" if unit else ""

    def get_index_url(self):
        return self.request.path

    def get_breadcrumbs_items(self):
        items = [
            {"url": reverse("coverage_reports:index"), "label": _("Coverage reports")},
            {
                "url": reverse("coverage_reports:overview", args=[self.plan.pk]),
                "label": str(self.plan),
            },
        ]
        return self.breadcrumbs_items + items + [{"url": "", "label": self.get_page_title()}]


class PlanIndexView(ReaderMixin, ReportView):
    page_title = gettext_lazy("Coverage reports")
    header_icon = "table"
    index_url_name = "coverage_reports:index"
    paginate_by = 50
    export_filename = "coverage-plans"
    list_export = ["number", "title", "issuer", "scope", "year"]
    export_headings = {
        "number": gettext_lazy("Number"),
        "title": gettext_lazy("Title"),
        "issuer": gettext_lazy("Issuing body"),
        "scope": gettext_lazy("Scope"),
        "year": gettext_lazy("Year"),
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
            Column("scope", label=_("Scope")),
            Column("year", label=_("Year")),
        ]

    def get_queryset(self):
        plans = selectors.plans_for(scope=self.scope)
        for plan in plans:
            plan.scope = str(plan.scope_unit) if plan.scope_unit else _("Whole country")
        return plans


class OverviewView(PlanAreaMixin, ReportView):
    template_name = "coverage/overview.html"
    header_icon = "table"
    paginate_by = None
    list_export = [
        "label",
        "value_display",
        "target_display",
        "status_label",
        "numerator_display",
        "denominator_display",
    ]
    export_headings = {
        "label": gettext_lazy("Indicator"),
        "value_display": gettext_lazy("Value (%)"),
        "target_display": gettext_lazy("Target (%)"),
        "status_label": gettext_lazy("Status"),
        "numerator_display": gettext_lazy("Counted"),
        "denominator_display": gettext_lazy("Out of"),
    }

    def get_page_title(self):
        return self.area.label

    def get_filename(self):
        return f"coverage-{self.plan.pk}-{self.area.unit.code if self.area.unit else 'vn'}"

    @cached_property
    def columns(self):
        return [
            Column("label", label=_("Indicator")),
            Column("value_display", label=_("Value (%)")),
            Column("target_display", label=_("Target (%)")),
            Column("status_label", label=_("Status")),
            Column("numerator_display", label=_("Counted")),
            Column("denominator_display", label=_("Out of")),
        ]

    @cached_property
    def overview(self):
        return selectors.overview(area=self.area)

    def get_queryset(self):
        return self.overview.figures

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Rates are charted; counts of community sessions have no percentage to chart.
        main = [
            figure
            for figure in self.overview.figures
            if not figure.is_detail and not IndicatorCode(figure.code).is_count
        ]
        context.update(
            plan=self.plan,
            area=self.area,
            as_of=self.overview.as_of,
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
            areas_url=reverse("coverage_reports:areas", args=[self.plan.pk]) + self.unit_query(),
            pdf_url=reverse("coverage_reports:pdf", args=[self.plan.pk]) + self.unit_query(),
            pdf=PdfReport.objects.filter(
                plan=self.plan, unit=self.area.unit, requested_by=self.request.user
            ).first(),
            drill_down=self.area.is_country or len(self.area.commune_ids) > 1,
        )
        return context


class AreaView(PlanAreaMixin, ReportView):
    """The units of an area (provinces of the country, or communes), sortable by each
    indicator, with a map coloured by the chosen one."""

    template_name = "coverage/areas.html"
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
        fields = ["name"]
        if self.is_legacy:
            fields.append("formerly")
        return fields + [f"{code}_display" for code, _label in self.indicator_columns]

    @cached_property
    def export_headings(self):
        headings = {"name": _("Unit"), "formerly": _("Formerly")}
        headings.update(
            {f"{code}_display": f"{label} (%)" for code, label in self.indicator_columns}
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
                get_url=lambda row: f"{overview}?unit={row.unit.pk}",
            )
        ]
        if self.is_legacy:
            columns.append(Column("formerly", label=_("Formerly"), width="20rem"))
        columns += [
            FigureColumn(f"{code}_display", label=f"{label} (%)", sort_key=f"{code}_sort")
            for code, label in self.indicator_columns
        ]
        return columns

    def get_valid_orderings(self):
        return ["name", "-name"] + [
            f"{sign}{code}_sort" for code, _l in self.indicator_columns for sign in ("", "-")
        ]

    def order_queryset(self, queryset):
        ordering = self.ordering or "name"
        key = ordering.lstrip("-")
        return sorted(queryset, key=lambda row: getattr(row, key), reverse=ordering.startswith("-"))

    def get_base_queryset(self):
        return selectors.area_rows(area=self.area)

    @cached_property
    def indicator(self):
        code = self.request.GET.get("indicator")
        return code if code in IndicatorCode.values else IndicatorCode.REACH

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = context["object_list"]
        items = [
            (
                row.name,
                row.unit.latitude,
                row.unit.longitude,
                getattr(row, f"{self.indicator}_display"),
                getattr(row, f"{self.indicator}_display"),
            )
            for row in rows
        ]
        numbers = [item[3] for item in items if isinstance(item[3], (int, float))]
        label = dict(IndicatorCode.choices)[self.indicator]
        context.update(
            plan=self.plan,
            area=self.area,
            indicators=IndicatorCode.choices,
            indicator=self.indicator,
            map_svg=charts.dot_map(items, title=str(label)),
            legend=charts.legend(max(numbers or [0])),
            overview_url=reverse("coverage_reports:overview", args=[self.plan.pk])
            + self.unit_query(),
        )
        return context


class PdfRequestView(PlanAreaMixin, View):
    def post(self, request, plan_id):
        pdf_requests.request_pdf(plan=self.plan, unit=self.area.unit, user=request.user)
        messages.success(request, _("The PDF is being prepared. Reload this page in a moment."))
        return redirect(reverse("coverage_reports:overview", args=[plan_id]) + self.unit_query())


class PdfDownloadView(ReaderMixin, View):
    def get(self, request, pk):
        report = get_object_or_404(
            PdfReport, pk=pk, requested_by=request.user, status=PdfReport.Status.READY
        )
        return FileResponse(
            report.file.open("rb"),
            as_attachment=True,
            filename=f"bao-cao-{report.plan.pk}.pdf",
            content_type="application/pdf",
        )


class ImportView(WagtailAdminTemplateMixin, TemplateView):
    """Upload a CSV/XLSX file, see every bad row, import only a file without any."""

    template_name = "coverage/import.html"
    session_key = "coverage_import"
    header_icon = "upload"

    def get_page_title(self):
        return self.kind.label

    def dispatch(self, request, kind):
        from . import imports

        self.kind = imports.KINDS.get(kind)
        if self.kind is None:
            raise Http404
        if not (
            request.user.has_perm("coverage.add_denominator")
            and request.user.has_perm("coverage.change_denominator")
            and request.user.has_perm("coverage.add_communeprofile")
        ):
            raise PermissionDenied
        return super().dispatch(request, kind)

    def render(self, **context):
        return self.render_to_response(self.get_context_data(kind=self.kind, **context))

    def get(self, request, kind):
        return self.render()

    def post(self, request, kind):
        from . import imports

        if "confirm" in request.POST:
            pending = request.session.get(self.session_key) or {}
            if pending.get("kind") != self.kind.key or not pending.get("rows"):
                messages.error(request, _("Nothing to import: upload the file again."))
                return redirect(request.path)
            count = imports.import_rows(kind=self.kind, rows=pending["rows"])
            del request.session[self.session_key]
            messages.success(request, _("Imported %(count)s rows.") % {"count": count})
            return redirect(request.path)
        upload = request.FILES.get("file")
        if upload is None:
            return self.render(errors=[_("Choose a CSV or XLSX file.")])
        preview = imports.preview(kind=self.kind, upload=upload)
        if preview.is_valid:
            request.session[self.session_key] = {"kind": self.kind.key, "rows": preview.rows}
        else:
            request.session.pop(self.session_key, None)
        return self.render(preview=preview, errors=preview.errors)
