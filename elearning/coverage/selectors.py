"""Reads of the coverage app: who may read what (scope), and the figures of a plan for an area,
from rollups, denominators and commune profiles only — never from learners' raw rows. Those
inputs of an area are cached (figures_cache); scope and "<5" are applied on every read."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from wagtail.models import Page

from elearning.accounts.choices import Audience
from elearning.geo.models import AdminCatalog, AdminUnit, AdminUnitLineage

from . import figures_cache
from .choices import SUPPRESS_BELOW, IndicatorCode, ModelType, Status
from .models import (
    CommuneProfile,
    Denominator,
    Indicator,
    Plan,
    ReportReader,
    Rollup,
    RollupTotal,
)

SUPPRESSED = "<5"
ALL = "all"
# Read once per cell of the unit tables: IndicatorCode.values builds a new list every time.
CODES = frozenset(IndicatorCode.values)


# --- Scope ----------------------------------------------------------------------------------


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

    @property
    def is_country(self) -> bool:
        return self.commune_ids is None


def area_for(*, plan: Plan, scope: ReaderScope, unit: AdminUnit | None = None) -> Area | None:
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
    label = str(focus) if focus else _("Whole country")
    if focus is not None and focus.catalog.key != AdminCatalog.CURRENT:
        label = _("%(unit)s (before 1/7/2025)") % {"unit": focus}
    return Area(plan=plan, unit=unit or scope.unit, commune_ids=communes, label=label)


# --- Figures --------------------------------------------------------------------------------


@dataclass
class Figure:
    code: str
    label: str
    numerator: int | None
    denominator: int | None
    person_based: bool = False
    # Pass rates: the denominator counts people too.
    denominator_person_based: bool = False
    target: Decimal | None = None
    status: str = ""
    is_detail: bool = False

    @staticmethod
    def _small(count) -> bool:
        return count is not None and 0 < count < SUPPRESS_BELOW

    @property
    def is_suppressed(self) -> bool:
        return (self.person_based and self._small(self.numerator)) or (
            self.denominator_person_based and self._small(self.denominator)
        )

    @property
    def value(self) -> float | None:
        if not self.denominator or self.numerator is None:
            return None
        return round(100 * self.numerator / self.denominator, 1)

    # What readers see and exports contain: a number, or "<5" for a small person count.
    @property
    def value_display(self):
        if self.is_suppressed:
            return SUPPRESSED
        return self.value

    @property
    def numerator_display(self):
        if self.person_based and self._small(self.numerator):
            return SUPPRESSED
        return self.numerator

    @property
    def denominator_display(self):
        if self.denominator_person_based and self._small(self.denominator):
            return SUPPRESSED
        return self.denominator

    @property
    def target_display(self):
        return float(self.target) if self.target is not None else None

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label) if self.status else ""

    @property
    def sort_value(self) -> float:
        if self.is_suppressed:
            return -1.0
        return self.value if self.value is not None else -2.0


def _pair() -> list:
    # A module-level factory: cached inputs are pickled, lambdas cannot be.
    return [0, 0]


@dataclass
class _Inputs:
    """What the figures of one area (or one child of it) are made of."""

    totals: dict = field(default_factory=lambda: defaultdict(_pair))
    population: int = 0  # aged 14–60, of the key communes
    headcounts: dict = field(default_factory=lambda: defaultdict(int))
    models: list = field(default_factory=list)  # one ModelType per commune
    communes: int = 0


def _as_of() -> date:
    return timezone.localdate()


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


def _collect(area: Area, *, children: bool, by_period: bool = False):
    """Inputs per key: ALL for the whole area, else each child (a province of the country,
    or a commune). With by_period, also the rollup sums per month for the whole area."""
    year = _as_of().year
    codes = _indicators()
    reach_id = next((pk for pk, code in codes.items() if code == IndicatorCode.REACH), None)
    country = area.is_country
    province_of = _province_of(area.commune_ids)
    if country:
        whole = None  # every province
    elif children:
        whole = set()  # communes are the children: read commune rows
    else:
        whole = _whole_provinces(province_of)
    profiles = _latest_profiles(area.commune_ids, year=year)
    key_ids = [pk for pk, (is_key, _model) in profiles.items() if is_key and pk in province_of]

    def child_of_commune(commune_id):
        if not children:
            return ALL
        return province_of.get(commune_id) if country else commune_id

    inputs = defaultdict(_Inputs)
    for commune_id in province_of:
        key = child_of_commune(commune_id)
        inputs[key].communes += 1
        inputs[key].models.append(profiles.get(commune_id, (False, ModelType.NONE))[1])

    # Rollups: province rows where a whole province is in the area, commune rows otherwise;
    # reach counts the key communes only. Two plain queries the indexes serve directly.
    if whole is None:
        others = Q(level=Rollup.Level.PROVINCE)
    else:
        leftover = [pk for pk, province in province_of.items() if province not in whole]
        others = Q(level=Rollup.Level.PROVINCE, unit_id__in=whole) | Q(
            level=Rollup.Level.COMMUNE, unit_id__in=leftover
        )
    # Without months, the totals kept beside the monthly cells: one row per figure.
    cells = Rollup if by_period else RollupTotal
    queries = [
        cells.objects.filter(others).exclude(indicator_id=reach_id),
        cells.objects.filter(
            indicator_id=reach_id, level=Rollup.Level.COMMUNE, unit_id__in=key_ids
        ),
    ]
    # Per child needs the unit of each row; the whole area is summed by the database.
    group = ["unit_id", "level"] if children else []
    group += ["indicator_id", "audience", "subject_id"]
    if by_period:
        group.append("period")
    series = defaultdict(_pair) if by_period else None
    for queryset in queries:
        for row in (
            queryset.values(*group)
            .annotate(n=Sum("numerator"), d=Sum("denominator"))
            .order_by()
            .values_list(*group, "n", "d")
        ):
            if children:
                unit_id, level, indicator_id, audience, subject_id, *period, n, d = row
                key = unit_id if level == Rollup.Level.PROVINCE else child_of_commune(unit_id)
            else:
                indicator_id, audience, subject_id, *period, n, d = row
                key = ALL
            cell_key = (codes[indicator_id], audience, subject_id)
            cell = inputs[key].totals[cell_key]
            cell[0] += n
            cell[1] += d
            if by_period:
                cell = series[(*cell_key, period[0])]
                cell[0] += n
                cell[1] += d

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
            key = child_of_commune(unit_id)
        elif children and not country:
            continue  # a province's headcount cannot be split between its communes
        else:
            key = province_id if children else ALL
        if code == IndicatorCode.REACH:
            if unit_id in key_set:
                inputs[key].population += value
        elif audience:
            inputs[key].headcounts[audience] += value

    return inputs, series


def dissemination_documents() -> list[tuple[int, str]]:
    """The legal documents marked for dissemination, as (page id, title)."""
    path = getattr(settings, "COVERAGE_DISSEMINATION_DOCUMENTS", "")
    if not path:
        return []
    pages = import_string(path)()
    return list(pages.values_list("pk", "title"))


def _elapsed(plan: Plan) -> float:
    """The share of the plan's period gone by (0..1)."""
    start, end = date(plan.year, 1, 1), date(plan.last_year, 12, 31)
    today = _as_of()
    return max(0.0, min(1.0, (today - start).days / max(1, (end - start).days)))


def _status(figure: Figure, *, elapsed: float) -> str:
    if figure.target is None:
        return Status.NO_TARGET if not figure.is_detail else ""
    value = figure.numerator if IndicatorCode(figure.code).is_count else figure.value
    if value is None or figure.is_suppressed:
        return ""
    if value >= float(figure.target):
        return Status.MET
    if value >= float(figure.target) * elapsed:
        return Status.ON_TRACK
    return Status.BEHIND


def _targets(plan: Plan) -> dict:
    return dict(plan.targets.values_list("indicator__code", "value"))


def _figures(inputs: _Inputs, *, plan, docs, courses, targets, details=True) -> list[Figure]:
    totals = inputs.totals
    figures = [
        Figure(
            IndicatorCode.REACH,
            str(IndicatorCode.REACH.label),
            totals.get((IndicatorCode.REACH, "", 0), [0, 0])[0],
            inputs.population or None,
            person_based=True,
        ),
        # Beside reach, never added to it: person-times and sessions, counts without a rate.
        Figure(
            IndicatorCode.SESSION_PARTICIPANTS,
            str(IndicatorCode.SESSION_PARTICIPANTS.label),
            totals.get((IndicatorCode.SESSION_PARTICIPANTS, "", 0), [0, 0])[0],
            None,
            person_based=True,
        ),
        Figure(
            IndicatorCode.SESSIONS_HELD,
            str(IndicatorCode.SESSIONS_HELD.label),
            totals.get((IndicatorCode.SESSIONS_HELD, "", 0), [0, 0])[0],
            None,
        ),
        Figure(
            IndicatorCode.IN_DEPTH_MODEL,
            str(IndicatorCode.IN_DEPTH_MODEL.label),
            inputs.models.count(ModelType.IN_DEPTH),
            inputs.communes or None,
        ),
        Figure(
            IndicatorCode.INTEGRATED_MODEL,
            str(IndicatorCode.INTEGRATED_MODEL.label),
            inputs.models.count(ModelType.INTEGRATED),
            inputs.communes or None,
        ),
    ]
    readers = {
        doc_id: totals.get((IndicatorCode.LEGAL_DISSEMINATED, "", doc_id), [0, 0])[0]
        for doc_id, _title in docs
    }
    figures.append(
        Figure(
            IndicatorCode.LEGAL_DISSEMINATED,
            str(IndicatorCode.LEGAL_DISSEMINATED.label),
            sum(1 for count in readers.values() if count >= plan.min_readers),
            len(docs) or None,
        )
    )
    if details:
        for doc_id, title in docs:
            figures.append(
                Figure(
                    IndicatorCode.LEGAL_DISSEMINATED,
                    _("%(document)s: learners who confirmed reading") % {"document": title},
                    readers[doc_id],
                    None,
                    person_based=True,
                    is_detail=True,
                )
            )
    agencies = [a for a in Audience.staff() if a in inputs.headcounts] + [
        a
        for (code, a, _s) in totals
        if code == IndicatorCode.STAFF_TRAINED and a not in inputs.headcounts
    ]
    staff = {a: totals.get((IndicatorCode.STAFF_TRAINED, a, 0), [0, 0])[0] for a in agencies}
    figures.append(
        Figure(
            IndicatorCode.STAFF_TRAINED,
            str(IndicatorCode.STAFF_TRAINED.label),
            sum(staff.values()),
            sum(inputs.headcounts.values()) or None,
            person_based=True,
        )
    )
    if details:
        for agency in dict.fromkeys(agencies):
            figures.append(
                Figure(
                    IndicatorCode.STAFF_TRAINED,
                    str(Audience(agency).label),
                    staff[agency],
                    inputs.headcounts.get(agency) or None,
                    person_based=True,
                    is_detail=True,
                )
            )
    passed = tried = 0
    course_figures = []
    for (code, _a, subject), (n, d) in sorted(totals.items(), key=lambda item: item[0][2]):
        if code != IndicatorCode.QUIZ_PASS_RATE:
            continue
        passed, tried = passed + n, tried + d
        course_figures.append(
            Figure(
                code,
                courses.get(subject, str(subject)),
                n,
                d or None,
                person_based=True,
                denominator_person_based=True,
                is_detail=True,
            )
        )
    figures.append(
        Figure(
            IndicatorCode.QUIZ_PASS_RATE,
            str(IndicatorCode.QUIZ_PASS_RATE.label),
            passed,
            tried or None,
            person_based=True,
            denominator_person_based=True,
        )
    )
    if details:
        figures.extend(course_figures)
    elapsed = _elapsed(plan)
    for figure in figures:
        if not figure.is_detail:
            figure.target = targets.get(figure.code)
        figure.status = _status(figure, elapsed=elapsed)
    return figures


def _course_titles(inputs_list) -> dict[int, str]:
    ids = {
        subject
        for inputs in inputs_list
        for (code, _a, subject) in inputs.totals
        if code == IndicatorCode.QUIZ_PASS_RATE
    }
    return dict(Page.objects.filter(pk__in=ids).values_list("pk", "title"))


@dataclass
class Overview:
    area: Area
    figures: list
    series: dict  # indicator code -> [(date, value or None)]
    as_of: date


def _overview_inputs(area: Area):
    inputs, cells = _collect(area, children=False, by_period=True)
    return inputs[ALL], cells, _model_counts_by_year(area.commune_ids)


def overview(*, area: Area) -> Overview:
    whole, cells, models_by_year = figures_cache.get_or_compute(
        "overview", area.commune_ids, lambda: _overview_inputs(area)
    )
    docs = dissemination_documents()
    figures = _figures(
        whole,
        plan=area.plan,
        docs=docs,
        courses=_course_titles([whole]),
        targets=_targets(area.plan),
    )
    return Overview(
        area=area,
        figures=figures,
        series=_series(area, whole, cells, docs=docs, models_by_year=models_by_year),
        as_of=_as_of(),
    )


def _model_counts_by_year(commune_ids) -> list[tuple[int, int, int]]:
    """(year, communes with an in-depth model, with an integrated one), each commune as its
    latest profile up to that year: prevention models change once a year, with the profiles."""
    profiles = CommuneProfile.objects.filter(year__lte=_as_of().year)
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


def _series(area: Area, whole: _Inputs, cells, *, docs, models_by_year) -> dict:
    """Each indicator's value month by month (cumulative), None where it would show a small
    person count."""
    periods = sorted({key[3] for key in cells})
    today = _as_of().replace(day=1)
    if periods and periods[-1] < today:
        periods.append(today)
    series = {code: [] for code in IndicatorCode.values}
    running = defaultdict(lambda: [0, 0])
    for period in periods:
        for (code, audience, subject, month), (n, d) in cells.items():
            if month == period:
                running[(code, audience, subject)][0] += n
                running[(code, audience, subject)][1] += d
        reach = running[(IndicatorCode.REACH, "", 0)][0]
        series[IndicatorCode.REACH].append(
            (period, _rate(reach, whole.population, person_based=True))
        )
        if docs:
            done = sum(
                1
                for doc_id, _t in docs
                if running[(IndicatorCode.LEGAL_DISSEMINATED, "", doc_id)][0]
                >= area.plan.min_readers
            )
            series[IndicatorCode.LEGAL_DISSEMINATED].append((period, 100 * done / len(docs)))
        staff = sum(n for (code, _a, _s), (n, _d) in running.items() if code == "staff_trained")
        series[IndicatorCode.STAFF_TRAINED].append(
            (period, _rate(staff, sum(whole.headcounts.values()), person_based=True))
        )
        passed = sum(n for (code, _a, _s), (n, _d) in running.items() if code == "quiz_pass_rate")
        tried = sum(d for (code, _a, _s), (_n, d) in running.items() if code == "quiz_pass_rate")
        small = 0 < tried < SUPPRESS_BELOW
        series[IndicatorCode.QUIZ_PASS_RATE].append(
            (period, None if small else _rate(passed, tried, person_based=True))
        )
    if whole.communes:
        for year, in_depth, integrated in models_by_year:
            for code, count in (
                (IndicatorCode.IN_DEPTH_MODEL, in_depth),
                (IndicatorCode.INTEGRATED_MODEL, integrated),
            ):
                series[code].append((date(year, 12, 31), 100 * count / whole.communes))
    return series


def _rate(numerator, denominator, *, person_based) -> float | None:
    if not denominator:
        return None
    if person_based and 0 < numerator < SUPPRESS_BELOW:
        return None
    return 100 * numerator / denominator


# --- Areas (drill-down) ---------------------------------------------------------------------


@dataclass
class AreaRow:
    unit: AdminUnit
    figures: dict  # indicator code -> Figure
    formerly: str = ""  # legacy units this commune came from (legacy plans)

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


def area_rows(*, area: Area) -> list[AreaRow]:
    """One row per child of the area (provinces of the country, else communes), with each
    indicator's value."""
    inputs = figures_cache.get_or_compute(
        "areas", area.commune_ids, lambda: _collect(area, children=True)[0]
    )
    docs = dissemination_documents()
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
        formerly = {pk: ", ".join(sorted(n)) for pk, n in names.items()}
    rows = []
    courses = _course_titles(inputs.values())
    targets = _targets(area.plan)
    for unit in units.order_by("name"):
        figures = _figures(
            inputs[unit.pk],
            plan=area.plan,
            docs=docs,
            courses=courses,
            targets=targets,
            details=False,
        )
        rows.append(
            AreaRow(
                unit=unit,
                figures={figure.code: figure for figure in figures},
                formerly=formerly.get(unit.pk, ""),
            )
        )
    return rows
