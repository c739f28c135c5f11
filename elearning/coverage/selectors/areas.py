"""The units of an area (provinces of the country, or communes) with each indicator's value:
the drill-down table and the map."""

from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _

from common.text import normalise
from elearning.coverage import figures_cache
from elearning.coverage.choices import IndicatorCode
from elearning.geo.models import AdminCatalog, AdminUnit, AdminUnitLineage
from elearning.geo.selectors import former_districts

from .blocks import digest, hidden_by_blocks
from .figures import (
    course_titles,
    dissemination_documents,
    figures_of,
    is_whole_period,
    targets_of,
)
from .inputs import ALL, Inputs, collect
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
    # A former district's subtotal row (unit None): the communes it adds up.
    units: list = field(default_factory=list)

    @property
    def is_subtotal(self) -> bool:
        return self.unit is None

    def __getattr__(self, name):
        # Columns and exports read "<code>_display" and "<code>_sort".
        code, _sep, what = name.rpartition("_")
        if code in CODES and what in {"display", "sort"}:
            figure = self.__dict__["figures"][code]
            return figure.headline_display if what == "display" else figure.sort_value
        raise AttributeError(name)

    @property
    def name(self) -> str:
        if self.unit is None:
            return _("Total of %(district)s") % {"district": self.district}
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
    if area.unit is None:
        return withheld
    # A parent of the same communes has the same figures (a province of one commune): its row
    # in the tables above is the area's row too.
    rows_of_area = {area.unit.pk} | {
        parent.unit.pk
        for parent in parents
        if parent is not None and parent.unit and parent.commune_ids == area.commune_ids
    }
    for index, parent in enumerate(parents):
        if parent is None or parent.commune_ids == area.commune_ids:
            continue
        _total, rows = protected_table(parent, docs=docs, parents=parents[:index])
        for row in rows:
            if row.unit is not None and row.unit.pk in rows_of_area:
                withheld |= {f.key for f in row.all_figures if f.is_suppressed}
    return withheld


def withhold(figures: list, keys: set) -> set:
    """Withhold the figures of these keys ("<5" stays "<5"); returns the keys of the person
    counts it withheld."""
    counts = set()
    for figure in figures:
        if figure.key in keys and not figure.is_small:
            figure.withheld = True
            figure.status = ""
            if figure.person_based:
                counts.add(figure.key)
    return counts


def _sum_inputs(parts: list[Inputs]) -> Inputs:
    """What a group of units' figures are made of: their inputs added up."""
    whole = Inputs()
    for part in parts:
        for key, (n, d) in part.totals.items():
            whole.totals[key][0] += n
            whole.totals[key][1] += d
        whole.population += part.population
        for agency, value in part.headcounts.items():
            whole.headcounts[agency] += value
        whole.models += part.models
        whole.communes += part.communes
    return whole


def _district_groups(units, districts: dict) -> dict[tuple, list]:
    """The communes by the former district(s) they were formed from (a commune formed from
    communes of two districts is a group of its own): {(district ids): [unit ids]}."""
    groups = defaultdict(list)
    for unit in units:
        if districts.get(unit.pk):
            groups[tuple(pk for pk, _name in districts[unit.pk])].append(unit.pk)
    return dict(groups)


def _hidden_by_blocks(area: Area, inputs: dict, unit_ids: list, groups: dict) -> dict:
    """What each unit and district subtotal withholds for the period (blocks.py)."""
    if area.period is None:
        return {}
    children = {pk: inputs[pk].monthly for pk in unit_ids}
    return dict(hidden_by_blocks(children, groups, area.period, memo=figures_cache.CountMemo()))


def _inputs_and_blocks(area: Area, units: list, groups: dict) -> tuple[dict, Inputs, dict]:
    """Each unit's inputs, the area's (its units' added up, with what is the area's own) and
    what the blocks withhold, cached together: the months are needed for the blocks only, and
    dropped before caching (unpickling a large province's months on every read cost more than
    the rest of the warm page)."""
    unit_ids = [unit.pk for unit in units]
    inputs = collect(area, children=True)[0]
    whole = _sum_inputs([inputs[pk] for pk in unit_ids] + ([inputs[ALL]] if ALL in inputs else []))
    hidden = _hidden_by_blocks(area, inputs, unit_ids, groups)
    whole.unaligned = hidden.pop("area", set())
    for unit_inputs in inputs.values():
        unit_inputs.monthly = {}
    return inputs, whole, hidden


def _former_districts(area: Area) -> dict:
    """The units' former districts: they change only with a new import of the administrative
    units (then within figures_cache.TIMEOUT), not with a completion."""
    if area.is_country:
        return {}
    return figures_cache.get_or_compute_apart_from_rollups(
        "districts", area.commune_ids, lambda: former_districts(area.commune_ids)
    )


def protected_table(area: Area, *, docs, parents: tuple = ()) -> tuple[list, list[AreaRow]]:
    """The area's own figures and its rows, suppressed together: the rows are the parts of
    the area's figures, so a hidden row must not be the area's figure minus the others. What
    the parents' tables hide of the area is hidden in its figures and all its rows, so that
    no sum of rows gives it back. A unit's figure is shown only where the table of each block
    of months in the period may show it (blocks.hidden_by_blocks). Former districts' subtotal
    rows (is_subtotal) follow the rows of their communes, when there are any."""
    units = AdminUnit.objects.current()
    if area.is_country:
        units = units.provinces()
    else:
        units = units.communes().filter(pk__in=area.commune_ids)
    units = list(units.order_by("name"))
    formerly = {}
    if area.plan.scope_unit and area.plan.scope_unit.catalog.key != AdminCatalog.CURRENT:
        names = defaultdict(list)
        for to_id, name in AdminUnitLineage.objects.filter(
            to_unit_id__in=area.commune_ids or (), from_unit__catalog=area.plan.scope_unit.catalog
        ).values_list("to_unit_id", "from_unit__name"):
            names[to_id].append(name)
        formerly = {pk: sorted(n) for pk, n in names.items()}
    districts = _former_districts(area)
    groups = _district_groups(units, districts)
    inputs, whole, hidden = figures_cache.get_or_compute(
        # A name of its own: entries under "unit-table-v2:" by the code before hold another
        # shape. The groups are in it: what is withheld was worked out for them, and the
        # districts are cached apart (a new import of the units may change them).
        f"unit-table-v3:{area.period.cache_key if area.period else ''}:{digest(list(groups.items()))}",
        area.commune_ids,
        lambda: _inputs_and_blocks(area, units, groups),
    )
    rows = []
    courses = course_titles(inputs.values())
    targets = targets_of(area.plan)

    def figures(unit_inputs: Inputs, withheld: set) -> list:
        return figures_of(
            replace(unit_inputs, unaligned=unit_inputs.unaligned | withheld),
            plan=area.plan,
            docs=docs,
            courses=courses,
            targets=targets,
            whole_period=is_whole_period(area),
        )

    by_pk = {}
    for unit in units:
        unit_figures = figures(inputs[unit.pk], hidden.get(unit.pk, set()))
        by_pk[unit.pk] = AreaRow(
            unit=unit,
            figures={figure.code: figure for figure in unit_figures if not figure.is_detail},
            all_figures=unit_figures,
            former_units=formerly.get(unit.pk, []),
            former_districts=districts.get(unit.pk, []),
        )
        rows.append(by_pk[unit.pk])
    subtotals = []
    for key, members in groups.items():
        group_figures = figures(
            _sum_inputs([inputs[pk] for pk in members]), hidden.get(("group", key), set())
        )
        subtotal = AreaRow(
            unit=None,
            figures={f.code: f for f in group_figures if not f.is_detail},
            all_figures=group_figures,
            former_districts=districts[members[0]],
            units=[by_pk[pk].unit for pk in members],
        )
        subtotals.append((subtotal, [by_pk[pk] for pk in members]))
    # The area's own figures from its rows' inputs: the same as its overview's (the rollups
    # of a province are the sums of its communes'), without reading the rollups again.
    total = figures(whole, set())
    hidden_totals = withhold(total, withheld_in_parents(area, docs=docs, parents=parents))
    # In all its rows: one row hidden beside it, a different one in each period, let the rows
    # shown in other periods add back up to it (a quarter's: its half's less the other's).
    for row in [*rows, *(subtotal for subtotal, _members in subtotals)]:
        withhold(row.all_figures, hidden_totals)
    protect(
        rows=[row.all_figures for row in rows],
        total_row=total,
        subtotals=[
            (subtotal.all_figures, [row.all_figures for row in members])
            for subtotal, members in subtotals
        ],
    )
    # In the order a reader looks a name up (the documents keep it; the page sorts its own):
    # "Xã Đông …" among the D's, not after "Xã Yên …" as the database's order put it. Sorted
    # only now: which of two equal cells is withheld follows the order they were protected in.
    rows.sort(key=lambda row: normalise(row.name))
    subtotals.sort(key=lambda item: normalise(item[0].district))
    return total, rows + [subtotal for subtotal, _members in subtotals]
