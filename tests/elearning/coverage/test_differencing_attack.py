"""The differencing attack across periods and units at once.

A province reader can open every period the report offers (each month, quarter and half of
the plan's year, the year itself, each beside the same period a year before), for every unit
(the province's overview, the commune table with its former-district subtotals, each
commune's own overview) and download each as XLSX. A national reader sees the country's
overview and its province table, drills into each province (its overview, its commune table
with the province's figures withheld as in the country's) and each commune, and downloads
each too: the country's figures are read from province rollups, a province's from commune
rows, both sums of the same communes' months. Every number shown is a linear equation over
the unknown counts of each commune in each month. This test collects all of them, as a
hostile reader would, and checks by exact elimination over the rationals that no count the
report hides as "<5" (1–4 people of a commune, a former district, a province or the country
in a period it offers) follows from the numbers shown.

What is modelled, and why it is linear: every person-based figure is a sum, over the months
of the period and the communes of the unit, of the people *first counted* in that month
(rollups count each person once, in their first month), so a period's count is additive over
months and over communes. Reach: people (a rate shown with its known population gives the
count back). Quiz pass rate: passers and triers per course, the indicator's figure their sums
over the courses; a rate of two hidden counts is an equation only when it is 0 % or 100 %.
Chart points are counts from the period's start to that month. (Legal documents count
documents with enough readers — a threshold, not a sum — and staff headcounts are not
secret; they are not modelled here.)"""

import datetime
import io
import random
from dataclasses import dataclass, field
from fractions import Fraction

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from elearning.coverage import periods, services
from elearning.coverage.choices import IndicatorCode
from elearning.coverage.models import Plan
from elearning.geo.models import AdminUnit, AdminUnitLineage
from tests.factories.coverage import PlanFactory, complete, page, profile, reader
from tests.factories.geo import CommuneFactory, LegacyCatalogFactory, ProvinceFactory

YEAR = timezone.localdate().year - 1  # a year that is over: every period can be picked
POPULATION = 100  # of each commune

# People first counted, by commune and month: many cells of 1–4.
REACH = {
    "A": {(YEAR, 1): 3, (YEAR, 2): 4, (YEAR, 4): 6, (YEAR, 7): 2, (YEAR - 1, 3): 7},
    "B": {(YEAR, 1): 4, (YEAR, 3): 1, (YEAR, 4): 5, (YEAR, 10): 3},
    "C": {(YEAR, 2): 6, (YEAR, 5): 2, (YEAR, 6): 5, (YEAR - 1, 6): 2},
    "D": {(YEAR, 1): 2, (YEAR, 8): 7, (YEAR, 11): 1, (YEAR - 1, 9): 6},
}
# Quiz takers of two courses: (commune, month) -> (passed, failed).
QUIZ = {
    "X": {("A", (YEAR, 1)): (3, 1), ("B", (YEAR, 1)): (4, 0), ("C", (YEAR, 2)): (2, 4)},
    "Y": {("A", (YEAR, 4)): (6, 0), ("D", (YEAR, 8)): (1, 1), ("B", (YEAR, 8)): (5, 2)},
}
DISTRICTS = {"Huyện Một": ["A", "B"], "Huyện Hai": ["C", "D"]}
PROVINCE = "Tỉnh Ninh Bình"  # A–D, formed from the communes of DISTRICTS


@dataclass(frozen=True)
class Counts:
    reach: dict
    quiz: dict
    # Province -> its communes; a national reader reads several, a province reader the first.
    provinces: dict = field(default_factory=lambda: {PROVINCE: "ABCD"})
    national: bool = False

    @property
    def names(self) -> str:
        return "".join(self.provinces.values())


def _scattered(seed: int, provinces=None, *, national=False) -> Counts:
    """Counts of 1–7 scattered over about a third of the months of each commune."""
    provinces = provinces or {PROVINCE: "ABCD"}
    names = "".join(provinces.values())
    generator = random.Random(seed)
    months = [(year, month) for year in (YEAR - 1, YEAR) for month in range(1, 13)]
    reach = {
        name: {m: generator.randint(1, 7) for m in months if generator.random() < 0.35}
        for name in names
    }
    quiz = {
        course: {
            (name, m): (generator.randint(0, 4), generator.randint(0, 3))
            for name in names
            for m in months[12:]
            if generator.random() < 0.12
        }
        for course in ("X", "Y")
    }
    return Counts(reach, quiz, provinces, national)


# A national reader: three provinces, the first with former districts, the last of one
# commune. Where the country's table withholds a province's figure beside another's small one,
# the figure once came back: from Tỉnh Hai's communes, one of them hidden beside it in each
# period but not the same one (October–December, beside Ninh Bình's 2), and from Tỉnh Ba's
# only commune, whose own figures are the province's (June a year before, beside Ninh Bình's 1).
NATIONAL = {PROVINCE: "ABCD", "Tỉnh Hai": "EF", "Tỉnh Ba": "G"}
NATIONAL_REACH = {
    "A": {(YEAR, 1): 3, (YEAR, 6): 7, (YEAR - 1, 3): 7},
    "B": {(YEAR, 2): 4},
    "C": {(YEAR, 3): 6, (YEAR, 12): 2},
    "D": {(YEAR, 5): 2, (YEAR - 1, 6): 1, (YEAR - 1, 9): 6},
    "E": {(YEAR, 3): 5, (YEAR, 8): 5, (YEAR, 10): 5, (YEAR - 1, 4): 3},
    "F": {(YEAR, 7): 6, (YEAR - 1, 4): 2},
    "G": {(YEAR - 1, 6): 6, (YEAR, 4): 5},
}
NATIONAL_QUIZ = {
    "X": {("A", (YEAR, 1)): (3, 1), ("E", (YEAR, 7)): (4, 2)},
    "Y": {("C", (YEAR, 3)): (5, 0), ("F", (YEAR, 8)): (1, 1)},
}
SCENARIOS = {
    "small-cells": Counts(REACH, QUIZ),
    "scattered": _scattered(16),
    "national": Counts(NATIONAL_REACH, NATIONAL_QUIZ, NATIONAL, national=True),
}


def _on(year, month):
    return timezone.make_aware(datetime.datetime(year, month, 15, 10))


@pytest.fixture(params=list(SCENARIOS))
def counts(request) -> Counts:
    return SCENARIOS[request.param]


@dataclass
class World:
    plan: Plan
    provinces: dict  # name -> current province
    communes: dict  # name -> current commune
    courses: dict  # code -> course page
    # Each unit a reader can meet in a table -> the communes it adds up.
    names_of: dict


def _units(counts: Counts) -> tuple[dict, dict]:
    """The current provinces and communes, and the first province's former districts (the
    lineage from a catalogue before 1/7/2025)."""
    provinces, communes = {}, {}
    for p, (province_name, names) in enumerate(counts.provinces.items()):
        province = ProvinceFactory(code=f"{37 + p}", name=province_name)
        provinces[province_name] = province
        for name in names:
            i = counts.names.index(name)
            communes[name] = CommuneFactory(province=province, code=f"2{i:04d}", name=f"Xã {name}")
    legacy = LegacyCatalogFactory()
    old_province = ProvinceFactory(catalog=legacy, code="37", name=PROVINCE)
    for d, (district, names) in enumerate(DISTRICTS.items()):
        old_district = AdminUnit.objects.create(
            catalog=legacy,
            level="district",
            code=f"36{d}",
            name=district,
            parent=old_province,
            province=old_province,
        )
        for name in names:
            old = CommuneFactory(
                catalog=legacy,
                province=old_province,
                parent=old_district,
                code=f"9{d}{'ABCD'.index(name)}00",
            )
            AdminUnitLineage.objects.create(from_unit=old, to_unit=communes[name])
    return provinces, communes


@pytest.fixture
def world(db, counts) -> World:
    provinces, communes = _units(counts)
    for commune in communes.values():
        profile(commune, population=POPULATION, year=YEAR - 1)
    lesson = page("Bài học cộng đồng")
    for name, months in counts.reach.items():
        for (year, month), people in months.items():
            complete(commune=communes[name], people=people, content=lesson, when=_on(year, month))
    courses = {code: page(f"Khoá {code}") for code in counts.quiz}
    for code, cells in counts.quiz.items():
        quiz = page(f"Bài kiểm tra {code}")
        for (name, (year, month)), (passed, failed) in cells.items():
            for ok, people in ((True, passed), (False, failed)):
                if people:
                    complete(
                        commune=communes[name],
                        people=people,
                        content=quiz,
                        course=courses[code],
                        content_audience="staff",  # not a community lesson: not reach
                        passed=ok,
                        best_score=90 if ok else 20,
                        created_at=_on(year, month),
                        when=_on(year, month),
                    )
    for commune in communes.values():
        services.refresh_commune_rollups(commune_id=commune.pk)
    scope = None if counts.national else provinces[PROVINCE]
    plan = PlanFactory(scope_unit=scope, year=YEAR, targets={"reach": 50})
    names_of = {c.pk: [name] for name, c in communes.items()}
    names_of |= {p.pk: sorted(counts.provinces[name]) for name, p in provinces.items()}
    return World(plan, provinces, communes, courses, names_of)


# Unknowns: (commune name, (year, month), key), key "reach" or (course, "n" | "d").


def _months(period) -> list:
    return [(day.year, day.month) for day in period.months()]


def _vector(names, months, keys) -> dict:
    return {(name, month, key): 1 for name in names for month in months for key in keys}


def _true(vector, counts: Counts) -> int:
    total = 0
    for (name, (year, month), key), coefficient in vector.items():
        if key == "reach":
            value = counts.reach[name].get((year, month), 0)
        else:
            course, column = key
            passed, failed = counts.quiz[course].get((name, (year, month)), (0, 0))
            value = passed if column == "n" else passed + failed
        total += coefficient * value
    return total


class Attacker:
    """Every number a reader was shown, as equations; what the report hides, as targets.
    Exact Gauss-Jordan elimination over the rationals, each basis row remembering which shown
    numbers it was made of, so that a failure says how the count was worked out."""

    def __init__(self, counts: Counts):
        self.counts = counts
        self.basis = {}  # pivot -> (row, sources): row = sum of sources' equations
        self.seen = []  # (where, value) of each number shown

    @staticmethod
    def _subtract(row, other, factor):
        for k, v in other.items():
            row[k] = row.get(k, 0) - factor * v
            if not row[k]:
                del row[k]

    def _reduce(self, row: dict, sources: dict) -> tuple[dict, dict]:
        row = {k: Fraction(v) for k, v in row.items() if v}
        for pivot, (base, base_sources) in self.basis.items():
            if pivot in row:
                factor = row[pivot]
                self._subtract(row, base, factor)
                self._subtract(sources, base_sources, factor)
        return row, sources

    def learn(self, vector: dict, value, where: str):
        """A number shown: checked against the truth (the model is right), then kept."""
        assert _true(vector, self.counts) == value, (where, value)
        self.seen.append((where, value))
        row, sources = self._reduce(vector, {len(self.seen) - 1: Fraction(1)})
        if not row:
            return
        pivot = min(row, key=str)
        factor = row[pivot]
        row = {k: v / factor for k, v in row.items()}
        sources = {k: v / factor for k, v in sources.items()}
        for other, other_sources in self.basis.values():
            if pivot in other:
                f = other[pivot]
                self._subtract(other, row, f)
                self._subtract(other_sources, sources, f)
        self.basis[pivot] = (row, sources)

    def explain(self, vector: dict) -> list | None:
        """The shown numbers (with their signs) that add up to the vector, or None."""
        row, sources = self._reduce(vector, {})
        if row:
            return None
        return [(str(-v), *self.seen[k]) for k, v in sources.items()]


class Reader:
    """Reads the pages and workbooks as a reader would, turning each number into equations."""

    def __init__(self, client, world: World, attacker):
        self.client, self.attacker, self.world = client, attacker, world
        self.plan = world.plan
        self.course_of = {page.pk: code for code, page in world.courses.items()}

    def figure(self, names, months, code, part, *, numerator, denominator, value, where):
        if code not in ("reach", "quiz_pass_rate"):
            return
        if code == "reach":
            vector = _vector(names, months, ["reach"])
            if isinstance(numerator, int):
                self.attacker.learn(vector, numerator, where)
            if isinstance(value, (int, float)):  # × the population it shows: the count
                self.attacker.learn(vector, round(value * POPULATION * len(names) / 100), where)
            return
        courses = [self.course_of[part]] if part else list(self.attacker.counts.quiz)
        passed = _vector(names, months, [(c, "n") for c in courses])
        tried = _vector(names, months, [(c, "d") for c in courses])
        if isinstance(numerator, int):
            self.attacker.learn(passed, numerator, where)
        if isinstance(denominator, int):
            self.attacker.learn(tried, denominator, where)
        if value == 0:
            self.attacker.learn(passed, 0, where)
        elif value == 100:
            self.attacker.learn({**passed, **dict.fromkeys(tried, -1)}, 0, where)

    def overview(self, unit, names, period):
        url = reverse("coverage_reports:overview", args=[self.plan.pk])
        params = {"period": period.key, "compare": "1"}
        if unit:
            params["unit"] = unit.pk
        response = self.client.get(url, params)
        assert response.status_code == 200
        where = f"overview {names} {period.label}"
        before = period.year_before()
        for f in response.context["object_list"]:
            part = f.key[1] if f.is_detail else ""
            self.figure(
                names,
                _months(period),
                f.code,
                part,
                numerator=f.numerator_display,
                denominator=f.denominator_display,
                value=f.value_display,
                where=where,
            )
            self.figure(
                names,
                _months(before),
                f.code,
                part,
                numerator=None,
                denominator=None,
                value=f.previous_display,
                where=f"{where} (a year before)",
            )
        # The charts: each point counts from the period's start to its month.
        series = response.context["view"].overview.series
        for day, value in series.get("reach", []):
            if value is not None:
                months = [m for m in _months(period) if m <= (day.year, day.month)]
                self.attacker.learn(
                    _vector(names, months, ["reach"]),
                    round(value * POPULATION * len(names) / 100),
                    f"{where} chart {day}",
                )
        labels = {
            f.label: (f.code, f.key[1] if f.is_detail else "")
            for f in response.context["object_list"]
        }
        self.workbook(url, params, names, period, labels)

    def areas(self, unit, period):
        url = reverse("coverage_reports:areas", args=[self.plan.pk])
        params = {"period": period.key}
        if unit:
            params["unit"] = unit.pk
        response = self.client.get(url, params)
        assert response.status_code == 200
        for row in response.context["object_list"]:
            names = self.row_names(row)
            for code in ("reach", "quiz_pass_rate"):
                self.figure(
                    names,
                    _months(period),
                    code,
                    "",
                    numerator=None,
                    denominator=None,
                    value=getattr(row, f"{code}_display"),
                    where=f"table {names} {period.label}",
                )
        self.workbook(url, params, None, period)

    def row_names(self, row) -> list:
        units = getattr(row, "units", None) or [row.unit]
        return sorted(name for unit in units for name in self.world.names_of[unit.pk])

    def workbook(self, url, params, names, period, labels=None):
        response = self.client.get(url, {**params, "export": "xlsx"})
        data = b"".join(response.streaming_content) if response.streaming else response.content
        book = load_workbook(io.BytesIO(data))
        where = f"xlsx {params}"
        if names is not None:
            self._overview_sheet(book["Tổng quan"], names, period, where, labels)
        for units in ("Theo xã", "Theo tỉnh"):
            if units in book.sheetnames:
                self._unit_sheet(book[units], period, where)

    def _overview_sheet(self, sheet, names, period, where, labels):
        for row in list(sheet.iter_rows(values_only=True))[1:]:
            label, value, _target, _status, numerator, denominator = row[:6]
            if (label or "").strip() not in labels:
                continue
            code, part = labels[label.strip()]
            self.figure(
                names,
                _months(period),
                code,
                part,
                numerator=numerator,
                denominator=denominator,
                value=value,
                where=where,
            )

    def _unit_sheet(self, sheet, period, where):
        rows = list(sheet.iter_rows(values_only=True))
        headings = list(rows[0])
        with translation.override("vi"):
            reach = headings.index(f"{IndicatorCode.REACH.label} (%)")
            quiz = headings.index(f"{IndicatorCode.QUIZ_PASS_RATE.label} (%)")
        units = [*self.world.communes.values(), *self.world.provinces.values()]
        by_code = {unit.code: self.world.names_of[unit.pk] for unit in units}
        district_names = {d: sorted(n) for d, n in DISTRICTS.items()}
        for row in rows[1:]:
            if row[1] in by_code:
                names = by_code[row[1]]
            else:  # a former district's subtotal row: "Cộng <district>"
                district = next((d for d in DISTRICTS if row[0] and d in row[0]), None)
                if district is None:
                    continue
                names = district_names[district]
            for index, code in ((reach, "reach"), (quiz, "quiz_pass_rate")):
                self.figure(
                    names,
                    _months(period),
                    code,
                    "",
                    numerator=None,
                    denominator=None,
                    value=row[index],
                    where=f"{where} {row[0]}",
                )


def _hidden_targets(offered, counts: Counts) -> list:
    """Every count the report would show as "<5": each unit (commune, former district,
    province, the country) × each period offered (and the same period a year before) × each
    count."""
    units = [[n] for n in counts.names] + [sorted(n) for n in DISTRICTS.values()]
    units += [sorted(n) for n in counts.provinces.values()]
    if counts.national:
        units.append(sorted(counts.names))
    keys = [["reach"]] + [[(c, col) for c in counts.quiz] for col in ("n", "d")]
    keys += [[(c, col)] for c in counts.quiz for col in ("n", "d")]
    targets = []
    for period in offered:
        for months in (_months(period), _months(period.year_before())):
            for names in units:
                for key in keys:
                    vector = _vector(names, months, key)
                    if 0 < _true(vector, counts) < 5:
                        targets.append((names, months[0], months[-1], key, vector))
    return targets


def _read_everything(reading: Reader, world: World, counts: Counts, offered) -> None:
    """Every page and workbook the reader can open: their whole area's overview and table,
    each province's (a national reader) and each commune's overview, for every period."""
    for period in offered:
        reading.overview(None, sorted(counts.names), period)
        reading.areas(None, period)
        if counts.national:
            for province in world.provinces.values():
                reading.overview(province, world.names_of[province.pk], period)
                reading.areas(province, period)
        for name, commune in world.communes.items():
            reading.overview(commune, [name], period)


def test_no_hidden_count_follows_from_every_number_a_reader_can_get(client, world, counts):
    client.force_login(reader(None if counts.national else world.provinces[PROVINCE]))
    attacker = Attacker(counts)
    offered = periods.choices(world.plan, today=timezone.localdate())
    assert len(offered) == 19  # the year, 2 halves, 4 quarters, 12 months
    _read_everything(Reader(client, world, attacker), world, counts, offered)
    targets = _hidden_targets(offered, counts)
    assert len(targets) > 50
    found = [(t[:4], attacker.explain(t[4])) for t in targets]
    found = [(target, how) for target, how in found if how is not None]
    assert not found, "\n".join(
        [f"{len(found)} hidden counts can be worked out, e.g.:"]
        + [f"{target}: {how}" for target, how in found[:3]]
    )
    # The report still says something: the whole area's year, and where they are safe its
    # quarters, communes and former districts' subtotals (and a national reader's provinces).
    seen = {where for where, _value in attacker.seen}
    assert f"overview {sorted(counts.names)} Năm {YEAR}" in seen
    if counts.national:
        assert any(where.startswith("table ['E', 'F']") for where in seen)
        assert f"table ['E'] Quý I/{YEAR}" in seen  # a commune of a province shown
    if counts is not SCENARIOS["small-cells"]:
        return
    assert f"overview ['A', 'B', 'C', 'D'] Quý I/{YEAR}" in seen
    assert any(where.startswith("table ['C']") for where in seen)
    assert any("Cộng Huyện Một" in where for where in seen)
