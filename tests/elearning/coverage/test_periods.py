"""Reporting periods: a month, quarter, half-year or year of the plan, the same period a year
before, the "as of" date, and suppression that holds when one period is subtracted from
another."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from elearning.coverage import periods, selectors, services
from tests.factories.coverage import PlanFactory, complete, profile, reader

YEAR = timezone.localdate().year - 1  # a plan whose year is over: every period can be picked


def _on(year, month, day=15):
    return timezone.make_aware(datetime.datetime(year, month, day, 10))


@pytest.fixture
def plan(communes, ninh_binh):
    for commune in communes:
        profile(commune, population=100, year=YEAR - 1)
    # 6 people in January, 6 in February, 2 in April; 7 in March of the year before.
    for month, people in [(1, 6), (2, 6), (4, 2)]:
        complete(commune=communes[0], people=people, when=_on(YEAR, month))
    complete(commune=communes[0], people=7, when=_on(YEAR - 1, 3))
    for commune in communes:
        services.refresh_commune_rollups(commune_id=commune.pk)
    return PlanFactory(scope_unit=ninh_binh, year=YEAR, targets={"reach": 75})


def _reach(plan, unit, key=""):
    period = periods.parse(plan, key, today=timezone.localdate())
    scope = selectors.ReaderScope(unit=unit)
    area = selectors.area_for(plan=plan, scope=scope, period=period)
    figure = next(f for f in selectors.overview(area=area).figures if f.code == "reach")
    return figure.numerator_display


def test_periods_are_parsed_and_foreign_or_malformed_ones_refused(plan):
    today = timezone.localdate()
    assert periods.parse(plan, "", today=today) == periods.plan_period(plan)
    assert periods.parse(plan, str(YEAR), today=today) == periods.plan_period(plan)
    quarter = periods.parse(plan, f"{YEAR}-Q2", today=today)
    assert (quarter.start, quarter.end) == (datetime.date(YEAR, 4, 1), datetime.date(YEAR, 6, 30))
    assert periods.parse(plan, f"{YEAR}-02", today=today).end == datetime.date(
        YEAR, 2, 28 if YEAR % 4 else 29
    )
    for bad in ["abc", f"{YEAR}-Q5", f"{YEAR}-13", f"{YEAR - 1}", f"{YEAR + 5}-01", "2026-H3"]:
        assert periods.parse(plan, bad, today=today) is None, bad
    labels = [p.label for p in periods.choices(plan, today=today)]
    assert f"Quý II/{YEAR}" in labels and f"6 tháng đầu năm {YEAR}" in labels
    assert f"Tháng 4/{YEAR}" in labels


def test_a_malformed_period_in_the_address_is_a_404(client, plan, ninh_binh):
    client.force_login(reader(ninh_binh))
    for view in ("overview", "areas"):
        url = reverse(f"coverage_reports:{view}", args=[plan.pk])
        for bad in ["abc", f"{YEAR - 3}", "9" * 40, f"{YEAR}-Q9"]:
            assert client.get(url, {"period": bad}).status_code == 404, (view, bad)
    # The reader is told so in Vietnamese.
    page = client.get(url, {"period": "abc"}).content.decode()
    assert "Không tìm thấy trang bạn yêu cầu." in page and "could not be found" not in page


def test_a_period_counts_its_own_months(plan, ninh_binh):
    assert _reach(plan, ninh_binh) == 14  # the plan's year
    assert _reach(plan, ninh_binh, f"{YEAR}-01") == 6
    assert _reach(plan, ninh_binh, f"{YEAR}-Q2") == "<5"  # 2 people


def test_no_period_subtracted_from_another_reveals_a_hidden_count(plan, ninh_binh):
    """January 6, February 6, April 2: if the first quarter (12) and the half-year (14) were
    both shown, 14 − 12 would give April's 2. Every pair of periods shown, one inside the
    other, differs by 0 or at least 5."""
    today = timezone.localdate()
    shown = {}
    for period in periods.choices(plan, today=today):
        value = _reach(plan, ninh_binh, period.key)
        if isinstance(value, int):
            shown[period] = value
    assert shown[periods.plan_period(plan)] == 14
    for outer, big in shown.items():
        for inner, small in shown.items():
            if outer.start <= inner.start and inner.end <= outer.end:
                assert big - small == 0 or big - small >= 5, (outer.label, inner.label)
    assert _reach(plan, ninh_binh, f"{YEAR}-Q1") == "*"  # withheld, not 12
    assert _reach(plan, ninh_binh, f"{YEAR}-H1") == "*"


def test_the_same_period_a_year_before_and_the_as_of_date_on_screen_and_in_the_xlsx(
    client, plan, ninh_binh
):
    client.force_login(reader(ninh_binh))
    url = reverse("coverage_reports:overview", args=[plan.pk])
    page = client.get(url, {"compare": "1"})
    reach = next(f for f in page.context["object_list"] if f.code == "reach")
    assert (reach.value_display, reach.previous_display) == (4.7, 2.3)  # of 300 people
    content = page.content.decode()
    assert "Cùng kỳ năm trước (%)" in content
    assert f"Số liệu: Năm {YEAR}, tính đến ngày 31/12/{YEAR}." in content
    quarter = client.get(url, {"period": f"{YEAR}-Q1"}).content.decode()
    assert f"Số liệu: Quý I/{YEAR}, tính đến ngày 31/03/{YEAR}." in quarter
    areas = client.get(reverse("coverage_reports:areas", args=[plan.pk]), {"period": f"{YEAR}-01"})
    assert f"Số liệu: Tháng 1/{YEAR}" in areas.content.decode()
    assert f"period={YEAR}-01" in areas.content.decode()  # links keep the period
    response = client.get(url, {"period": f"{YEAR}-01", "export": "xlsx"})
    data = b"".join(response.streaming_content) if response.streaming else response.content
    info = {
        row[0]: row[1]
        for row in load_workbook(io.BytesIO(data))["Thông tin"].iter_rows(values_only=True)
    }
    assert info["Kỳ báo cáo"] == f"Tháng 1/{YEAR}"
    assert info["Số liệu tính đến ngày"] == f"31/01/{YEAR}"
