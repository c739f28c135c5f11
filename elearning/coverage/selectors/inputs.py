"""What the figures of an area are made of: rollup sums, denominators and commune profiles,
read in a few plain queries (and cached by figures_cache) — never learners' raw rows."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from operator import add

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count, Q, Sum
from django.utils import timezone

from elearning.coverage import figures_cache
from elearning.coverage.choices import IndicatorCode, ModelType
from elearning.coverage.models import (
    MONTH_COUNTS,
    CommuneProfile,
    Denominator,
    Indicator,
    Rollup,
    RollupYear,
)
from elearning.coverage.periods import plan_period
from elearning.geo.models import AdminUnit

from .blocks import aligned, count_by_month
from .scope import Area

ALL = "all"


def _pair() -> list:
    # A module-level factory: cached inputs are pickled, lambdas cannot be.
    return [0, 0]


@dataclass
class Inputs:
    """What the figures of one area (or one child of it) are made of."""

    totals: dict = field(default_factory=lambda: defaultdict(_pair))
    population: int = 0  # aged 14–60, of the key communes
    headcounts: dict = field(default_factory=lambda: defaultdict(int))
    models: list = field(default_factory=list)  # one ModelType per commune
    communes: int = 0
    # Cells whose sum over the period could be taken from another period's to give a small
    # count (blocks.aligned, blocks.hidden_by_blocks): the figures made of them are withheld.
    unaligned: set = field(default_factory=set)
    # A child's cells by month, {cell key: (people, denominators)}, each a tuple with one
    # count per month of Period.months_of_its_years() (blocks.hidden_by_blocks).
    monthly: dict = field(default_factory=dict)


def as_of() -> date:
    return timezone.localdate()


def counted_to(area: Area) -> date:
    """The day the area's figures are counted to: today, or the end of a period that is over."""
    return area.period.as_of(as_of()) if area.period else as_of()


def _monthly() -> dict:
    return defaultdict(_pair)


def _indicators() -> dict[int, str]:
    return dict(Indicator.objects.values_list("id", "code"))


def _latest_profiles(commune_ids, *, year) -> dict[int, tuple[bool, str]]:
    profiles = CommuneProfile.objects.filter(year__lte=year)
    if commune_ids is not None:
        profiles = profiles.filter(unit_id__in=commune_ids)
    latest = {}
    for unit_id, is_key, model in profiles.order_by("year").values_list(
        "unit_id", "is_key_area", "model"
    ):
        latest[unit_id] = (is_key, model)
    return latest


def _province_of(commune_ids) -> dict[int, int]:
    units = AdminUnit.objects.current().communes()
    if commune_ids is not None:
        units = units.filter(pk__in=commune_ids)
    return dict(units.values_list("pk", "province_id"))


def _whole_provinces(province_of: dict[int, int]) -> set[int]:
    """Provinces all of whose communes are in the area: their province rollups can be read."""
    mine = defaultdict(int)
    for province_id in province_of.values():
        mine[province_id] += 1
    sizes = dict(
        AdminUnit.objects.current()
        .communes()
        .filter(province_id__in=mine)
        .values("province_id")
        .annotate(n=Count("pk"))
        .values_list("province_id", "n")
    )
    return {pk for pk, count in mine.items() if sizes.get(pk) == count}


@dataclass
class Frame:
    """What an area's figures are counted against, apart from the rollup sums: its communes
    and the child each belongs to, its key communes, and each child's communes, models,
    population and staff headcounts. figures_cache keeps it apart from the rollups, which
    change with every completion: it changes with a commune profile or a denominator (which
    bump all) or a new import of the units (seen within figures_cache.TIMEOUT)."""

    children: bool  # by child (else the whole area under ALL)
    country: bool  # the whole country: its children are provinces
    province_of: dict  # commune id -> province id
    whole: set | None  # provinces all of whose communes are in the area (None: every one)
    key_ids: list  # the key communes
    inputs: dict = field(default_factory=dict)  # ALL or a child -> Inputs without rollup sums

    def child_of_commune(self, commune_id: int):
        if not self.children:
            return ALL
        return self.province_of.get(commune_id) if self.country else commune_id

    def fresh_inputs(self) -> defaultdict:
        """Each child's Inputs, new objects to add the rollup sums to: the frame's own stay as
        they were cached."""
        inputs = defaultdict(Inputs)
        for key, unit in self.inputs.items():
            inputs[key] = Inputs(
                population=unit.population,
                headcounts=defaultdict(int, unit.headcounts),
                models=list(unit.models),
                communes=unit.communes,
            )
        return inputs


def _frame(area: Area, *, children: bool, year: int) -> Frame:
    country = area.is_country
    province_of = _province_of(area.commune_ids)
    whole = None if country else _whole_provinces(province_of)  # None: every province
    profiles = _latest_profiles(area.commune_ids, year=year)
    key_ids = [pk for pk, (is_key, _model) in profiles.items() if is_key and pk in province_of]
    frame = Frame(children, country, province_of, whole, key_ids)
    inputs = defaultdict(Inputs)
    for commune_id in province_of:
        key = frame.child_of_commune(commune_id)
        inputs[key].communes += 1
        inputs[key].models.append(profiles.get(commune_id, (False, ModelType.NONE))[1])

    # Denominators: the latest figure of each unit up to this year.
    denominators = Denominator.objects.filter(
        year__lte=year,
        indicator__code__in=[IndicatorCode.REACH, IndicatorCode.STAFF_TRAINED],
    )
    if not country:
        denominators = denominators.filter(
            Q(unit_id__in=list(province_of)) | Q(unit_id__in=list(whole or ()))
        )
    latest = {}
    for unit_id, level, province_id, code, audience, value in denominators.order_by(
        "year"
    ).values_list(
        "unit_id", "unit__level", "unit__province_id", "indicator__code", "audience", "value"
    ):
        latest[(unit_id, code, audience)] = (level, province_id, value)
    key_set = set(key_ids)
    for (unit_id, code, audience), (level, province_id, value) in latest.items():
        if level == AdminUnit.Level.COMMUNE:
            key = frame.child_of_commune(unit_id)
        elif children and not country:
            key = ALL  # a province's headcount cannot be split between its communes
        else:
            key = province_id if children else ALL
        if code == IndicatorCode.REACH:
            if unit_id in key_set:
                inputs[key].population += value
        elif audience:
            inputs[key].headcounts[audience] += value
    frame.inputs = dict(inputs)
    return frame


def collect(area: Area, *, children: bool, by_period: bool = False):
    """Inputs per key: ALL for the whole area, else each child (a province of the country,
    or a commune), for the area's period; with children, ALL holds what is the area's but no
    child's (a whole province's own staff headcounts). With by_period, also the rollup sums
    per month of the whole years the period touches, for the whole area."""
    year = counted_to(area).year
    frame = figures_cache.get_or_compute_apart_from_rollups(
        # "-v2": entries under "frame:" by the code before hold a Frame without its flags.
        f"frame-v2:{'children' if children else 'area'}:{year}",
        area.commune_ids,
        lambda: _frame(area, children=children, year=year),
    )
    codes = _indicators()  # read each time: ids and codes as the rollups have them
    reach_id = next((pk for pk, code in codes.items() if code == IndicatorCode.REACH), None)
    province_of, whole = frame.province_of, frame.whole
    inputs = frame.fresh_inputs()

    # Rollups: province rows where a whole province is in the area, commune rows otherwise;
    # reach counts the key communes only. Two plain queries the indexes serve directly, of the
    # monthly cells for the area's own figures, of their years for its children's.
    if whole is None:
        others = Q(level=Rollup.Level.PROVINCE)
        by_province = None  # every province
    else:
        # Communes are the children of a province: read their rows, not the province's.
        by_province = () if children else whole
        leftover = [pk for pk, p in province_of.items() if p not in by_province]
        others = Q(level=Rollup.Level.PROVINCE, unit_id__in=by_province) | Q(
            level=Rollup.Level.COMMUNE, unit_id__in=leftover
        )
    model = RollupYear if children else Rollup
    queries = [
        model.objects.filter(others).exclude(indicator_id=reach_id),
        model.objects.filter(indicator_id=reach_id).filter(
            _reach_rows(frame, by_province, _months_read(area, children), year)
        ),
    ]
    if children:
        _add_children_months(queries, area, inputs, codes=codes, key_of=frame.child_of_commune)
        series = None
    else:
        series = _add_area_months(queries, area, inputs[ALL], codes=codes, by_period=by_period)
    return inputs, series


def _months_read(area: Area, children: bool):
    """The period whose whole years collect() reads the months of (None: every month)."""
    if children:
        return area.period or plan_period(area.plan)
    return area.period


def _reach_rows(frame: Frame, by_province, period, year: int) -> Q:
    """The rollup rows of the reach of the area's key communes: a province's sums over its key
    communes where the whole province is read by province rows (None: every province) and
    every month read is of the year the frame's key communes are of (the sums take the key
    communes of each month's own year), the key communes' own rows otherwise."""
    commune_rows = Q(level=Rollup.Level.COMMUNE, unit_id__in=frame.key_ids)
    if period is None or not period.start.year == period.end.year == year:
        return commune_rows
    if by_province is None:
        return Q(level=Rollup.Level.KEY_COMMUNES)
    by_commune = [pk for pk in frame.key_ids if frame.province_of[pk] not in by_province]
    return Q(level=Rollup.Level.KEY_COMMUNES, unit_id__in=by_province) | Q(
        level=Rollup.Level.COMMUNE, unit_id__in=by_commune
    )


def _plain_rows(queryset) -> list[tuple]:
    """The rows of a values_list of plain integers and strings, read with the database's own
    cursor: Django's converters (an int() of each int) took a third of a large read."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # "unit_id IN ()": nothing to read
        return []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _add_children_months(queries, area: Area, inputs: dict, *, codes: dict, key_of) -> None:
    """Each child's cells by month over the whole years the period touches (Inputs.monthly,
    for blocks.hidden_by_blocks) and summed over the period (Inputs.totals). Read from the
    RollupYear rows, a row per unit, cell and year with its months side by side: a large
    province has some 36,000 monthly cells, and grouping them on each read was most of a
    cold page."""
    period = _months_read(area, children=True)
    months = period.months_of_its_years()
    years = sorted({month.year for month in months})
    first = months.index(period.start.replace(day=1))
    last = months.index(period.end.replace(day=1)) + 1
    padding = {
        year: ((0,) * 12 * index, (0,) * 12 * (len(years) - index - 1))
        for index, year in enumerate(years)
    }
    cell_keys = {}  # one tuple per cell, shared by every child (smaller pickles, less garbage)
    for queryset in queries:
        rows = (
            queryset.filter(year__in=years)
            .order_by()
            .values_list(
                "unit_id", "level", "indicator_id", "audience", "subject_id", "year", *MONTH_COUNTS
            )
        )
        for row in _plain_rows(rows):
            unit_id, level, indicator_id, audience, subject_id, year = row[:6]
            key = key_of(unit_id) if level == Rollup.Level.COMMUNE else unit_id
            raw = (indicator_id, audience, subject_id)
            cell_key = cell_keys.get(raw)
            if cell_key is None:
                cell_key = cell_keys[raw] = (codes[indicator_id], audience, subject_id)
            people, denominators = row[6:18], row[18:30]  # MONTH_COUNTS: numerators first
            monthly = inputs[key].monthly
            if len(years) > 1:  # a plan of several years: its months year after year
                earlier, later = padding[year]
                people, denominators = earlier + people + later, earlier + denominators + later
            if cell_key in monthly:  # the reach of several communes of one province
                before = monthly[cell_key]
                people = tuple(map(add, before[0], people))
                denominators = tuple(map(add, before[1], denominators))
            monthly[cell_key] = (people, denominators)
    for unit_inputs in inputs.values():
        for cell_key, (people, denominators) in unit_inputs.monthly.items():
            unit_inputs.totals[cell_key] = [sum(people[first:last]), sum(denominators[first:last])]
            if not period.whole_years and not aligned(
                count_by_month(months, people, denominators), period
            ):
                unit_inputs.unaligned.add(cell_key)


def _add_area_months(queries, area: Area, whole: Inputs, *, codes: dict, by_period: bool):
    """The whole area's cells summed over the period (and, with by_period, the sums per month
    of the whole years it touches, for the charts): the database adds the units up."""
    period = area.period
    # Monthly cells of the whole years the period touches: the period's sums, and whether a
    # sum could be subtracted from another period's (blocks.aligned works year by year).
    if period is not None:
        touched = period.months_of_its_years()
        queries = [q.filter(period__gte=touched[0], period__lte=touched[-1]) for q in queries]
    group = ["indicator_id", "audience", "subject_id", "period"]
    series = defaultdict(_pair) if by_period else None
    months = defaultdict(_monthly)  # cell key -> {month: [n, d]}
    for queryset in queries:
        rows = (
            queryset.values(*group)
            .annotate(n=Sum("numerator"), d=Sum("denominator"))
            .order_by()
            .values_list(*group, "n", "d")
        )
        for indicator_id, audience, subject_id, month, n, d in rows:
            cell = months[(codes[indicator_id], audience, subject_id)][month]
            cell[0] += n
            cell[1] += d
    for cell_key, by_month in months.items():
        total = whole.totals[cell_key]
        for month, (n, d) in by_month.items():
            if by_period:
                series[(*cell_key, month)][0] += n
                series[(*cell_key, month)][1] += d
            if period is None or period.start <= month <= period.end:
                total[0] += n
                total[1] += d
        if period is not None and not aligned(by_month, period):
            whole.unaligned.add(cell_key)
    return series


def model_counts_by_year(commune_ids, *, year: int) -> list[tuple[int, int, int]]:
    """(year, communes with an in-depth model, with an integrated one), each commune as its
    latest profile up to that year: prevention models change once a year, with the profiles."""
    profiles = CommuneProfile.objects.filter(year__lte=year)
    if commune_ids is not None:
        profiles = profiles.filter(unit_id__in=commune_ids)
    by_year = defaultdict(dict)
    for unit_id, year, model in profiles.order_by().values_list("unit_id", "year", "model"):
        by_year[year][unit_id] = model
    latest, counts = {}, []
    for year in sorted(by_year):
        latest.update(by_year[year])
        models = list(latest.values())
        counts.append((year, models.count(ModelType.IN_DEPTH), models.count(ModelType.INTEGRATED)))
    return counts
