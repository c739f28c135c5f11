"""Reporting periods: a plan's own (its year, or its years) and the month, quarter, six months
or year inside it a reader picks, written as a short key in the address ("2026", "2026-H1",
"2026-Q3", "2026-05"; empty for the plan's whole period)."""

import calendar
import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

ROMAN = ["I", "II", "III", "IV"]
KEY = re.compile(r"^(\d{4})(?:-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$")


@dataclass(frozen=True)
class Period:
    start: date  # the first day of its first month
    end: date  # the last day of its last month
    key: str = ""  # "" for the plan's whole period

    @property
    def label(self) -> str:
        year, part = self.start.year, self.key[5:] if len(self.key) > 4 else ""
        if not self.key:
            if self.start.year == self.end.year:
                return _("Year %(year)s") % {"year": year}
            return _("%(start)s–%(end)s") % {"start": year, "end": self.end.year}
        if not part:
            return _("Year %(year)s") % {"year": year}
        if part.startswith("H"):
            return (
                _("First six months of %(year)s")
                if part == "H1"
                else _("Last six months of %(year)s")
            ) % {"year": year}
        if part.startswith("Q"):
            return _("Quarter %(quarter)s/%(year)s") % {
                "quarter": ROMAN[int(part[1]) - 1],
                "year": year,
            }
        return _("Month %(month)s/%(year)s") % {"month": int(part), "year": year}

    @property
    def whole_years(self) -> bool:
        """January to December: no reader can pick a part of it that is not a whole year too."""
        return self.start.month == 1 and self.end.month == 12

    @property
    def cache_key(self) -> str:
        return f"{self.start:%Y%m}-{self.end:%Y%m}"

    def months(self) -> list[date]:
        """The first day of each of its months."""
        months, day = [], self.start
        while day <= self.end:
            months.append(day)
            day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return months

    def months_of_its_years(self) -> list[date]:
        """Every month of the whole years it touches: what suppression compares it with."""
        return [
            date(year, month, 1)
            for year in range(self.start.year, self.end.year + 1)
            for month in range(1, 13)
        ]

    def as_of(self, today: date) -> date:
        """The day its figures are counted to: today, or its last day when it is over."""
        return min(self.end, today)

    def year_before(self) -> "Period":
        """The same months a year earlier (compared with, side by side)."""
        key = f"{self.start.year - 1}{self.key[4:]}" if self.key else ""
        end = date(self.end.year - 1, self.end.month, _last_day(self.end.year - 1, self.end.month))
        return Period(date(self.start.year - 1, self.start.month, 1), end, key)


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _span(year: int, first_month: int, last_month: int, key: str) -> Period:
    return Period(
        date(year, first_month, 1),
        date(year, last_month, _last_day(year, last_month)),
        key,
    )


def plan_period(plan) -> Period:
    return Period(date(plan.year, 1, 1), date(plan.last_year, 12, 31))


def from_key(key: str) -> Period | None:
    """The period a key names, or None when it names none."""
    match = KEY.match(key or "")
    if not match:
        return None
    year, part = int(match[1]), match[2]
    if part is None:
        return _span(year, 1, 12, key)
    if part.startswith("H"):
        first = 1 if part == "H1" else 7
        return _span(year, first, first + 5, key)
    if part.startswith("Q"):
        first = 3 * int(part[1]) - 2
        return _span(year, first, first + 2, key)
    return _span(year, int(part), int(part), key)


def choices(plan, *, today: date) -> list[Period]:
    """The periods a reader may pick: the plan's whole period, then each year of it with its
    halves, quarters and months, leaving out those that have not started yet."""
    whole = plan_period(plan)
    periods = [whole]
    for year in range(plan.year, plan.last_year + 1):
        keys = [str(year), f"{year}-H1", f"{year}-H2"]
        keys += [f"{year}-Q{q}" for q in range(1, 5)]
        keys += [f"{year}-{m:02d}" for m in range(1, 13)]
        for key in keys:
            period = from_key(key)
            if period.start <= today and (key != str(year) or plan.last_year != plan.year):
                periods.append(period)
    return periods


def parse(plan, key: str, *, today: date) -> Period | None:
    """The period a reader asked for: the plan's whole period when none is asked, None when
    the key is malformed or the period is outside the plan or has not started."""
    if not key:
        return plan_period(plan)
    period, whole = from_key(key), plan_period(plan)
    if period is not None and (period.start, period.end) == (whole.start, whole.end):
        return whole  # "2026" of a plan for 2026
    if period is None or period not in choices(plan, today=today):
        return None
    return period
