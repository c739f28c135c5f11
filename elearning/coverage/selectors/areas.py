"""The units of an area (provinces of the country, or communes) with each indicator's value:
the drill-down table and the map."""

from collections import defaultdict
from dataclasses import dataclass, field

from elearning.coverage import figures_cache
from elearning.coverage.choices import IndicatorCode
from elearning.geo.models import AdminCatalog, AdminUnit, AdminUnitLineage
from elearning.geo.selectors import former_districts

from .figures import (
    area_figures,
    course_titles,
    dissemination_documents,
    figures_of,
    is_whole_period,
    targets_of,
)
from .inputs import collect
from .scope import Area
from .suppression import protect

# Read once per cell of the unit tables: IndicatorCode.values builds a new list every time.
CODES = frozenset(IndicatorCode.values)


@dataclass
class AreaRow:
    unit: AdminUnit
    figures: dict  # indicator code -> the indicator's Figure
    all_figures: list  # with the details (agencies, courses, documents)
    former_units: list = field(default_factory=list)  # legacy units it came from (legacy plans)
    # The districts (before 1/7/2025) its former communes belonged to, as (id, name).
    former_districts: list = field(default_factory=list)

    def __getattr__(self, name):
        # Columns and exports read "<code>_display" and "<code>_sort".
        code, _sep, what = name.rpartition("_")
        if code in CODES and what in {"display", "sort"}:
            figure = self.__dict__["figures"][code]
            return figure.value_display if what == "display" else figure.sort_value
        raise AttributeError(name)

    @property
    def name(self) -> str:
        return self.unit.name

    @property
    def formerly(self) -> str:
        return ", ".join(self.former_units)

    @property
    def district(self) -> str:
        return ", ".join(name for _pk, name in self.former_districts)


def area_rows(*, area: Area, parents: tuple = ()) -> list[AreaRow]:
    """One row per child of the area (provinces of the country, else communes), with each
    indicator's value."""
    return protected_table(area, docs=dissemination_documents(), parents=parents)[1]


def withheld_in_parents(area: Area, *, docs, parents: tuple) -> set:
    """The keys of the figures withheld in the area's row of its parents' tables (parents:
    the outermost first, as scope.parent_areas gives them)."""
    withheld = set()
    for index, parent in enumerate(parents):
        if parent is None or parent.commune_ids == area.commune_ids or area.unit is None:
            continue
        _total, rows = protected_table(parent, docs=docs, parents=parents[:index])
        for row in rows:
            if row.unit.pk == area.unit.pk:
                withheld |= {f.key for f in row.all_figures if f.is_suppressed}
    return withheld


def withhold(figures: list, keys: set) -> None:
    for figure in figures:
        if figure.key in keys and not figure.is_small:
            figure.withheld = True
            figure.status = ""


def protected_table(area: Area, *, docs, parents: tuple = ()) -> tuple[list, list[AreaRow]]:
    """The area's own figures and its rows, suppressed together: the rows are the parts of
    the area's figures, so a hidden row must not be the area's figure minus the others. What
    the parents' tables hide of the area is hidden in its figures first, so that adding up
    its rows cannot give it back."""
    inputs = figures_cache.get_or_compute(
        f"areas:{area.period.cache_key if area.period else ''}",
        area.commune_ids,
        lambda: collect(area, children=True)[0],
    )
    units = AdminUnit.objects.current()
    if area.is_country:
        units = units.provinces()
    else:
        units = units.communes().filter(pk__in=area.commune_ids)
    formerly = {}
    if area.plan.scope_unit and area.plan.scope_unit.catalog.key != AdminCatalog.CURRENT:
        names = defaultdict(list)
        for to_id, name in AdminUnitLineage.objects.filter(
            to_unit_id__in=area.commune_ids or (), from_unit__catalog=area.plan.scope_unit.catalog
        ).values_list("to_unit_id", "from_unit__name"):
            names[to_id].append(name)
        formerly = {pk: sorted(n) for pk, n in names.items()}
    districts = {} if area.is_country else former_districts(area.commune_ids)
    rows = []
    courses = course_titles(inputs.values())
    targets = targets_of(area.plan)
    for unit in units.order_by("name"):
        figures = figures_of(
            inputs[unit.pk],
            plan=area.plan,
            docs=docs,
            courses=courses,
            targets=targets,
            whole_period=is_whole_period(area),
        )
        rows.append(
            AreaRow(
                unit=unit,
                figures={figure.code: figure for figure in figures if not figure.is_detail},
                all_figures=figures,
                former_units=formerly.get(unit.pk, []),
                former_districts=districts.get(unit.pk, []),
            )
        )
    total = area_figures(area, docs=docs)
    withhold(total, withheld_in_parents(area, docs=docs, parents=parents))
    protect(rows=[row.all_figures for row in rows], total_row=total)
    return total, rows
