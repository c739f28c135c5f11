"""Who may read what: the security boundary of the coverage reports. Every report view and
export starts here; a reader never sees a plan or a unit outside their scope."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from elearning.coverage.models import Plan, ReportReader
from elearning.coverage.periods import Period, plan_period
from elearning.geo.models import AdminCatalog, AdminUnit, AdminUnitLineage


@dataclass(frozen=True)
class ReaderScope:
    unit: AdminUnit | None  # None: the whole country


def reader_scope(*, user) -> ReaderScope | None:
    """The area a user may read reports for, or None when they may read none."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return ReaderScope(unit=None)
    reader = ReportReader.objects.filter(user=user).select_related("unit").first()
    return ReaderScope(unit=reader.unit) if reader else None


def communes_of(unit: AdminUnit | None) -> frozenset | None:
    """Current communes of a unit (None: the whole country). A legacy unit (before 1/7/2025)
    is read through the lineage: the current communes its communes became."""
    if unit is None:
        return None
    if unit.level == AdminUnit.Level.COMMUNE:
        units = AdminUnit.objects.filter(pk=unit.pk)
    elif unit.level == AdminUnit.Level.DISTRICT:
        units = AdminUnit.objects.communes().filter(parent=unit)
    else:
        units = AdminUnit.objects.communes().filter(province=unit)
    if unit.catalog.key == AdminCatalog.CURRENT:
        return frozenset(units.values_list("pk", flat=True))
    return frozenset(
        AdminUnitLineage.objects.filter(from_unit__in=units).values_list("to_unit_id", flat=True)
    )


def _intersect(a: frozenset | None, b: frozenset | None) -> frozenset | None:
    if a is None:
        return b
    if b is None:
        return a
    return a & b


def plans_for(*, scope: ReaderScope):
    """Plans whose scope overlaps the reader's."""
    readable = communes_of(scope.unit)
    plans = Plan.objects.select_related("scope_unit__catalog").order_by("-year", "title")
    return [
        plan
        for plan in plans
        if (communes := _intersect(communes_of(plan.scope_unit), readable)) is None or communes
    ]


@dataclass(frozen=True)
class Area:
    """What a report covers: the plan's scope narrowed by the reader's and by the unit drilled
    into. commune_ids None means the whole country."""

    plan: Plan
    unit: AdminUnit | None
    commune_ids: frozenset | None
    label: str
    # The months its figures are counted for (the plan's whole period unless one is picked).
    period: Period | None = None

    @property
    def is_country(self) -> bool:
        return self.commune_ids is None

    @property
    def legacy_scope(self) -> AdminUnit | None:
        """The plan's unit when it was set in the catalogue before 1/7/2025."""
        unit = self.plan.scope_unit
        return unit if unit is not None and unit.catalog.key != AdminCatalog.CURRENT else None

    @property
    def has_children(self) -> bool:
        """Whether it has a unit table (provinces of the country, or several communes)."""
        return self.is_country or len(self.commune_ids) > 1


def area_for(
    *, plan: Plan, scope: ReaderScope, unit: AdminUnit | None = None, period: Period | None = None
) -> Area | None:
    """The area a reader sees of a plan (drilled into a unit), or None if it is outside."""
    communes = _intersect(communes_of(plan.scope_unit), communes_of(scope.unit))
    if unit is not None:
        if unit.catalog.key != AdminCatalog.CURRENT or unit.level == AdminUnit.Level.DISTRICT:
            return None
        communes = _intersect(communes, communes_of(unit))
    if communes is not None and not communes:
        return None
    reader_commune = scope.unit if scope.unit and scope.unit.level == "commune" else None
    focus = unit or reader_commune or plan.scope_unit or scope.unit
    # One name everywhere, the unit's own; a plan set in the catalogue before 1/7/2025 is
    # explained once on the page (Area.legacy_scope).
    label = str(focus) if focus else _("Whole country")
    return Area(
        plan=plan,
        unit=unit or scope.unit,
        commune_ids=communes,
        label=label,
        period=period or plan_period(plan),
    )


def parent_areas(
    *, plan: Plan, scope: ReaderScope, unit: AdminUnit | None, period: Period | None = None
) -> tuple:
    """The areas whose unit tables list `unit` as a row, as this reader sees them (for the
    same period): the plan's whole area, and a commune's province."""
    if unit is None:
        return ()
    parents = [area_for(plan=plan, scope=scope, period=period)]
    if unit.level == AdminUnit.Level.COMMUNE and unit.province_id:
        province = AdminUnit.objects.select_related("catalog").get(pk=unit.province_id)
        parents.append(area_for(plan=plan, scope=scope, unit=province, period=period))
    # A reader of one province sees the plan's area as that province: one table, not two.
    distinct = []
    for parent in parents:
        if parent is not None and all(p.commune_ids != parent.commune_ids for p in distinct):
            distinct.append(parent)
    return tuple(distinct)
