"""A reader sees nothing outside their scope, on the page or in an export; a figure about
fewer than 5 people reads "<5" everywhere."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from elearning.coverage import services
from tests.factories.accounts import UserFactory
from tests.factories.coverage import PlanFactory, complete, profile, reader
from tests.spreadsheets import hidden_reason


@pytest.fixture
def country_plan(communes, hanoi_commune):
    for commune in communes:
        profile(commune, population=1000)
    profile(hanoi_commune, population=1000)
    complete(commune=communes[0], people=12)
    complete(commune=communes[1], people=3)  # a small count
    complete(commune=hanoi_commune, people=40)
    for commune in [*communes, hanoi_commune]:
        services.refresh_commune_rollups(commune_id=commune.pk)
    return PlanFactory(title="Kế hoạch toàn quốc", targets={"reach": 75})


def overview_url(plan, unit=None, export=None):
    url = reverse("coverage_reports:overview", args=[plan.pk])
    params = [f"unit={unit.pk}"] if unit else []
    if export:
        params.append(f"export={export}")
    return url + ("?" + "&".join(params) if params else "")


def areas_url(plan, unit=None, export=None):
    url = reverse("coverage_reports:areas", args=[plan.pk])
    params = [f"unit={unit.pk}"] if unit else []
    if export:
        params.append(f"export={export}")
    return url + ("?" + "&".join(params) if params else "")


def refused(response) -> bool:
    """The admin answers a forbidden page with 403 or a redirect to its dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and not response.url.startswith("/admin/coverage")
    )


def xlsx_book(response):
    return load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )


def csv_rows(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_a_province_reader_sees_only_their_province(client, country_plan, ninh_binh, ha_noi):
    client.force_login(reader(ninh_binh))
    page = client.get(overview_url(country_plan))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Tỉnh Ninh Bình" in content
    reach = next(f for f in page.context["object_list"] if f.code == "reach")
    assert (reach.numerator, reach.denominator) == (15, 3000)  # Hà Nội's 40 are not there

    areas = client.get(areas_url(country_plan)).content.decode()
    assert "Xã Gia Viễn" in areas and "Phường Ba Đình" not in areas

    # Drilling into another province, or one of its communes, is refused.
    assert refused(client.get(overview_url(country_plan, unit=ha_noi)))
    hanoi_commune = ha_noi.children.first()
    assert refused(client.get(overview_url(country_plan, unit=hanoi_commune)))
    assert refused(client.get(areas_url(country_plan, unit=ha_noi, export="xlsx")))


def test_exports_follow_the_scope(client, country_plan, ninh_binh):
    client.force_login(reader(ninh_binh))
    book = xlsx_book(client.get(areas_url(country_plan, export="xlsx")))
    names = [row[0] for row in list(book["Theo xã"].iter_rows(values_only=True))[1:]]
    assert sorted(names) == ["Phường Hoa Lư", "Xã Gia Viễn", "Xã Kim Sơn"]
    everything = " ".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
    )
    assert "Ba Đình" not in everything and "Hà Nội" not in everything
    text = "".join(
        ",".join(row) for row in csv_rows(client.get(areas_url(country_plan, export="csv")))
    )
    assert "Ba Đình" not in text


def test_a_commune_reader_sees_only_their_commune(client, country_plan, communes):
    client.force_login(reader(communes[0]))
    page = client.get(overview_url(country_plan))
    reach = next(f for f in page.context["object_list"] if f.code == "reach")
    assert (reach.numerator, reach.denominator) == (12, 1000)
    assert refused(client.get(overview_url(country_plan, unit=communes[1])))


def test_a_national_reader_and_a_superuser_see_the_country(client, country_plan):
    client.force_login(reader(None))
    reach = next(
        f
        for f in client.get(overview_url(country_plan)).context["object_list"]
        if f.code == "reach"
    )
    assert reach.numerator == 55
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(areas_url(country_plan)).status_code == 200


def test_someone_without_a_scope_reads_nothing(client, country_plan):
    user = UserFactory()
    services.readers_group()
    client.force_login(user)
    assert refused(client.get(overview_url(country_plan)))
    assert refused(client.get(reverse("coverage_reports:index")))


def test_a_plan_outside_the_scope_is_not_listed_nor_readable(client, communes, ha_noi, ninh_binh):
    hanoi_plan = PlanFactory(title="Kế hoạch Hà Nội", scope_unit=ha_noi)
    own = PlanFactory(title="Kế hoạch Ninh Bình", scope_unit=ninh_binh)
    client.force_login(reader(ninh_binh))
    listing = client.get(reverse("coverage_reports:index")).content.decode()
    assert "Kế hoạch Ninh Bình" in listing and "Kế hoạch Hà Nội" not in listing
    assert refused(client.get(overview_url(hanoi_plan)))
    assert client.get(overview_url(own)).status_code == 200


def test_small_counts_show_as_less_than_5_on_the_page_and_in_exports(
    client, country_plan, communes
):
    client.force_login(reader(None))
    page = client.get(overview_url(country_plan, unit=communes[1]))
    reach = next(f for f in page.context["object_list"] if f.code == "reach")
    assert reach.numerator_display == "<5" and reach.value_display == "<5"
    assert "&lt;5" in page.content.decode()
    assert ">3<" not in page.content.decode()

    book = xlsx_book(client.get(overview_url(country_plan, unit=communes[1], export="xlsx")))
    sheet = book["Tổng quan"]
    reach_row = next(row for row in sheet.iter_rows() if row[0].value == reach.label)
    # Left empty, flagged grey with its reason, never "<5" text in a numeric column.
    assert reach_row[1].value is None and reach_row[4].value is None
    assert reach_row[1].fill.fgColor.rgb.endswith("DDDDDD")
    assert hidden_reason(reach_row[1]) == "<5: Dưới 5 người: không hiển thị."
    assert reach_row[6].value == "<5" and hidden_reason(reach_row[0]) is None
    rows = csv_rows(client.get(overview_url(country_plan, unit=communes[1], export="csv")))
    reach_row = next(row for row in rows if row[0] == reach.label)
    assert reach_row[1] == "<5" and reach_row[4] == "<5"

    book = xlsx_book(client.get(areas_url(country_plan, unit=communes[1].province, export="xlsx")))
    cells = {row[0].value: row for row in list(book["Theo xã"].iter_rows())[1:]}
    by_name = {name: [cell.value for cell in row] for name, row in cells.items()}
    assert by_name["Xã Gia Viễn"][2] is None and by_name["Xã Gia Viễn"][-1] == "<5"
    assert hidden_reason(cells["Xã Gia Viễn"][2]) == "<5: Dưới 5 người: không hiển thị."
    # 12 of 1000, withheld: the province's 15 minus it would give Gia Viễn's 3.
    assert by_name["Phường Hoa Lư"][2] is None and by_name["Phường Hoa Lư"][-1] == "*"
    assert hidden_reason(cells["Phường Hoa Lư"][2]) == (
        "*: Ẩn thêm để không thể suy ra số liệu dưới 5 từ một số tổng hoặc từ kỳ báo cáo khác."
    )
    assert by_name["Xã Kim Sơn"][2] == 0.0  # a real number in a numeric cell
    assert hidden_reason(cells["Xã Kim Sơn"][2]) is None


def test_five_people_are_shown(client, communes, ninh_binh):
    profile(communes[0], population=100)
    complete(commune=communes[0], people=5)
    services.refresh_commune_rollups(commune_id=communes[0].pk)
    plan = PlanFactory(scope_unit=ninh_binh)
    client.force_login(reader(ninh_binh))
    reach = next(
        f for f in client.get(overview_url(plan)).context["object_list"] if f.code == "reach"
    )
    assert (reach.numerator_display, reach.value_display) == (5, 5.0)
