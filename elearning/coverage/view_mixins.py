"""What every coverage report view starts from: the reader's scope, and for a plan's pages
the plan, the unit drilled into and the period picked (all from the address, checked: a
malformed or foreign value is a 404, never a 500)."""

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from elearning.geo.models import AdminUnit

from . import periods, selectors, xlsx_report
from .models import Plan


class ReaderMixin:
    """Only report readers get in; each sees their own scope."""

    def dispatch(self, request, *args, **kwargs):
        self.scope = selectors.reader_scope(user=request.user)
        if self.scope is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PlanAreaMixin(ReaderMixin):
    lists_units = False

    def dispatch(self, request, *args, **kwargs):
        self.scope = selectors.reader_scope(user=request.user)
        if self.scope is None:
            raise PermissionDenied
        self.plan = get_object_or_404(
            Plan.objects.select_related("scope_unit__catalog"), pk=kwargs["plan_id"]
        )
        # A period the plan does not have ("2019" of a 2026 plan, "2026-Q5", "abc") is no page.
        self.period = periods.parse(
            self.plan, request.GET.get("period", "")[:16], today=timezone.localdate()
        )
        if self.period is None:
            raise Http404
        unit = None
        if unit_id := request.GET.get("unit"):
            # A unit id is digits only: "abc", "1.5", "%00" or a huge number is no unit.
            if not (unit_id.isascii() and unit_id.isdigit() and len(unit_id) <= 18):
                raise Http404
            unit = AdminUnit.objects.select_related("catalog").filter(pk=int(unit_id)).first()
            if unit is None:
                raise Http404
        self.area = selectors.area_for(
            plan=self.plan, scope=self.scope, unit=unit, period=self.period
        )
        if self.area is None:
            raise PermissionDenied
        return super(ReaderMixin, self).dispatch(request, *args, **kwargs)

    def query(self, unit=None) -> str:
        """The unit and period of this page, for a link to another view of them."""
        unit = unit or self.area.unit
        params = {"unit": unit.pk if unit else "", "period": self.period.key}
        params = {name: value for name, value in params.items() if value}
        return f"?{urlencode(params)}" if params else ""

    @cached_property
    def compare(self) -> bool:
        return self.request.GET.get("compare") == "1"

    def period_context(self) -> dict:
        """The period picker: the plan's periods, the chosen one, its "as of" date."""
        return {
            "periods": periods.choices(self.plan, today=timezone.localdate()),
            "period": self.period,
            "compare": self.compare,
        }

    def get_index_url(self):
        return self.request.path

    @cached_property
    def parents(self):
        return selectors.parent_areas(
            plan=self.plan, scope=self.scope, unit=self.area.unit, period=self.period
        )

    @cached_property
    def overview(self):
        return selectors.overview(area=self.area, parents=self.parents)

    def write_xlsx(self, queryset, output):
        """The workbook for the report upward (xlsx_report), not Wagtail's single sheet."""
        if self.lists_units:  # the unit table: its rows as shown (filtered, sorted)
            rows = list(queryset)
        else:
            rows = (
                selectors.area_rows(area=self.area, parents=self.parents)
                if self.area.has_children
                else []
            )
        label = _("By province") if self.area.is_country else _("By commune")
        output.write(xlsx_report.workbook(overview=self.overview, rows=rows, units_label=label))

    def get_breadcrumbs_items(self):
        items = [
            {"url": reverse("coverage_reports:index"), "label": _("Coverage reports")},
            {
                "url": reverse("coverage_reports:overview", args=[self.plan.pk]),
                "label": str(self.plan),
            },
        ]
        return self.breadcrumbs_items + items + [{"url": "", "label": self.get_page_title()}]
