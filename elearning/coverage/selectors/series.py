"""The monthly series of an area's charts: each indicator's value month by month, with the
points a reader may see (none that would show a small count, or give one by subtraction)."""

from collections import defaultdict
from datetime import date

from elearning.coverage.choices import SUPPRESS_BELOW, IndicatorCode

from .blocks import allowed_points
from .inputs import Inputs, counted_to
from .scope import Area
from .suppression import shown_points


def _block_ends(table_cells: dict, period) -> dict:
    """Per indicator, the months at which its chart may show a point: the ends of the blocks
    of the table that lists the area (blocks.allowed_points), for every count it adds up."""
    by_key = defaultdict(dict)
    for (code, audience, subject, month), counts in table_cells.items():
        by_key[(code, audience, subject)][month] = counts
    allowed = {}
    for (code, _a, _s), by_month in by_key.items():
        points = allowed_points(by_month, period)
        points = set() if points is None else points
        allowed[code] = points if code not in allowed else allowed[code] & points
    return allowed


def series_of(area: Area, whole: Inputs, cells, *, docs, models_by_year, table_cells=None) -> dict:
    """Each indicator's value month by month (cumulative), None where it would show a small
    person count, or one that subtracting another point would show (suppression): points only
    at the ends of the blocks of months of the table that lists the area (table_cells: its
    cells by month), so that no point minus another, or minus a period's figure, is small."""
    if area.period is not None:
        cells = {k: v for k, v in cells.items() if area.period.start <= k[3] <= area.period.end}
    periods = sorted({key[3] for key in cells})
    today = counted_to(area).replace(day=1)
    if periods and periods[-1] < today:
        periods.append(today)
    series = {code: [] for code in IndicatorCode.values}
    running = defaultdict(lambda: [0, 0])
    counts = defaultdict(list)  # indicator code -> the person counts behind each point
    for period in periods:
        for (code, audience, subject, month), (n, d) in cells.items():
            if month == period:
                running[(code, audience, subject)][0] += n
                running[(code, audience, subject)][1] += d
        reach = running[(IndicatorCode.REACH, "", 0)][0]
        counts[IndicatorCode.REACH].append((reach,))
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
        counts[IndicatorCode.STAFF_TRAINED].append((staff,))
        series[IndicatorCode.STAFF_TRAINED].append(
            (period, _rate(staff, sum(whole.headcounts.values()), person_based=True))
        )
        passed = sum(n for (code, _a, _s), (n, _d) in running.items() if code == "quiz_pass_rate")
        tried = sum(d for (code, _a, _s), (_n, d) in running.items() if code == "quiz_pass_rate")
        counts[IndicatorCode.QUIZ_PASS_RATE].append((passed, tried))
        small = 0 < tried < SUPPRESS_BELOW
        series[IndicatorCode.QUIZ_PASS_RATE].append(
            (period, None if small else _rate(passed, tried, person_based=True))
        )
    ends = _block_ends(table_cells, area.period) if area.period and table_cells else {}
    for code, behind in counts.items():
        series[code] = [
            (day, value if shown and (code not in ends or day in ends[code]) else None)
            for (day, value), shown in zip(series[code], shown_points(behind), strict=True)
        ]
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
