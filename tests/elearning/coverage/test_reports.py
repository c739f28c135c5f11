"""The overview, the drill-down, the map, the PDF, and a legacy-catalogue plan."""

import io
import json
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from elearning.community import services as community
from elearning.coverage import selectors, services
from elearning.coverage.models import PdfReport
from elearning.geo.models import AdminUnitLineage
from tests.factories.accounts import UserFactory
from tests.factories.community import held, officer_of
from tests.factories.coverage import PlanFactory, complete, headcount, profile, reader
from tests.factories.geo import CommuneFactory, LegacyCatalogFactory, ProvinceFactory


@pytest.fixture
def plan(communes, ninh_binh):
    profile(communes[0], population=100, model="in_depth")
    profile(communes[1], population=100, model="integrated")
    profile(communes[2], population=100, key=False)
    complete(commune=communes[0], people=30)
    complete(commune=communes[1], people=6)
    complete(commune=communes[2], people=50)  # not a key area: not counted for reach
    headcount(ninh_binh, agency="police", value=20)
    for commune in communes:
        services.refresh_commune_rollups(commune_id=commune.pk)
    return PlanFactory(
        scope_unit=ninh_binh, targets={"reach": 75, "in_depth_model": 30, "integrated_model": 30}
    )


def test_overview_values_targets_status_and_charts(client, plan, ninh_binh):
    client.force_login(reader(ninh_binh))
    response = client.get(reverse("coverage_reports:overview", args=[plan.pk]))
    figures = {f.code: f for f in response.context["object_list"] if not f.is_detail}
    assert (figures["reach"].numerator, figures["reach"].denominator) == (36, 200)
    assert figures["reach"].status in {"behind", "on_track"}
    assert figures["in_depth_model"].value == 33.3 and figures["in_depth_model"].status == "met"
    assert figures["integrated_model"].status == "met"
    assert figures["staff_trained"].denominator == 20
    content = response.content.decode()
    assert content.count('class="coverage-chart"') == 6
    charts = content.split('id="coverage-charts-heading"')[1].split("</section>")[0]
    assert "<polyline" in charts or "<circle" in charts
    assert "http" not in charts.replace("http://www.w3.org/2000/svg", "")
    # The target as the tables and documents write it: "75 %", not "75,0%" or "75.0%".
    assert "chỉ tiêu 75 %" in charts and "Chỉ tiêu: 75 %" in charts


def test_drill_down_from_province_to_commune(client, plan, ninh_binh, communes):
    client.force_login(reader(ninh_binh))
    table = client.get(reverse("coverage_reports:areas", args=[plan.pk]) + "?ordering=-reach_sort")
    names = [row.name for row in table.context["object_list"]]
    assert names[0] == "Phường Hoa Lư"  # 30 %: the highest reach first
    # Rates are headed with "%", the session counts are not.
    headings = table.content.decode()
    assert "(%)" in headings and "Buổi sinh hoạt cộng đồng đã tổ chức" in headings
    assert "Buổi sinh hoạt cộng đồng đã tổ chức (%)" not in headings
    ascending = client.get(
        reverse("coverage_reports:areas", args=[plan.pk]) + "?ordering=reach_sort"
    )
    # Kim Sơn is not a key area (no reach figure): last whichever way the column is sorted.
    assert [row.name for row in ascending.context["object_list"]] == [
        "Xã Gia Viễn",
        "Phường Hoa Lư",
        "Xã Kim Sơn",
    ]
    assert names[-1] == "Xã Kim Sơn"
    link = reverse("coverage_reports:overview", args=[plan.pk]) + f"?unit={communes[0].pk}"
    assert link in table.content.decode()
    commune_page = client.get(link)
    reach = next(f for f in commune_page.context["object_list"] if f.code == "reach")
    assert (reach.numerator, reach.denominator) == (30, 100)


def test_map_is_drawn_from_coordinates_without_outside_requests(client, plan, ninh_binh):
    client.force_login(reader(ninh_binh))
    content = client.get(
        reverse("coverage_reports:areas", args=[plan.pk]) + "?indicator=in_depth_model"
    ).content.decode()
    svg = content.split('<div class="coverage-map">')[1].split("</svg>")[0]
    assert svg.count("<circle") == 3
    assert "Phường Hoa Lư: 100 %" in svg  # as the tables write it
    assert "tile" not in content and "openstreetmap" not in content


def test_pdf_is_made_in_the_background_then_offered(
    client, plan, ninh_binh, django_capture_on_commit_callbacks
):
    client.force_login(reader(ninh_binh))
    overview = reverse("coverage_reports:overview", args=[plan.pk])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("coverage_reports:pdf", args=[plan.pk]))
    assert PdfReport.objects.get().status == "pending"
    assert "Đang chuẩn bị bản PDF" in client.get(overview).content.decode()
    for callback in callbacks:  # the commit: the task runs (eagerly in tests)
        callback()
    report = PdfReport.objects.get()
    assert report.status == "ready"
    assert (
        reverse("coverage_reports:pdf_download", args=[report.pk])
        in client.get(overview).content.decode()
    )
    response = client.get(reverse("coverage_reports:pdf_download", args=[report.pk]))
    data = b"".join(response.streaming_content)
    assert data.startswith(b"%PDF") and b"DejaVuSans" in data
    # Somebody else's PDF is not theirs to download.
    client.force_login(reader(ninh_binh))
    assert client.get(reverse("coverage_reports:pdf_download", args=[report.pk])).status_code == 404


def test_a_legacy_plan_is_read_through_the_lineage(communes, ninh_binh):
    legacy = LegacyCatalogFactory()
    old_province = ProvinceFactory(catalog=legacy, code="37", name="Tỉnh Ninh Bình")
    old = [
        CommuneFactory(catalog=legacy, province=old_province, code=f"1{i:04d}", name=name)
        for i, name in enumerate(["Xã Ninh Nhất", "Xã Ninh Phúc"])
    ]
    AdminUnitLineage.objects.create(from_unit=old[0], to_unit=communes[0])
    AdminUnitLineage.objects.create(from_unit=old[1], to_unit=communes[0])
    AdminUnitLineage.objects.create(from_unit=old[1], to_unit=communes[1], is_partial=True)
    profile(communes[0], population=100)
    profile(communes[1], population=100)
    complete(commune=communes[0], people=10)
    complete(commune=communes[1], people=10)
    complete(commune=communes[2], people=10)  # not a successor of the old province's communes
    for commune in communes:
        services.refresh_commune_rollups(commune_id=commune.pk)
    plan = PlanFactory(scope_unit=old_province)

    area = selectors.area_for(plan=plan, scope=selectors.ReaderScope(unit=None))
    assert area.commune_ids == {communes[0].pk, communes[1].pk}
    # One name, the unit's; the page explains once that it is a unit before 1/7/2025.
    assert area.label == "Tỉnh Ninh Bình" and area.legacy_scope == old_province
    reach = next(f for f in selectors.overview(area=area).figures if f.code == "reach")
    assert (reach.numerator, reach.denominator) == (20, 200)
    rows = {row.name: row for row in selectors.area_rows(area=area)}
    assert rows["Phường Hoa Lư"].formerly == "Xã Ninh Nhất, Xã Ninh Phúc"


def test_a_reader_finds_a_commune_by_name_without_diacritics(client, plan, ninh_binh):
    client.force_login(reader(ninh_binh))
    url = reverse("coverage_reports:areas", args=[plan.pk])
    found = client.get(url + "?q=hoa+lu")
    assert [row.name for row in found.context["object_list"]] == ["Phường Hoa Lư"]
    assert [row.name for row in client.get(url + "?q=GIA%20VIEN").context["object_list"]] == [
        "Xã Gia Viễn"
    ]
    assert client.get(url + "?q=zzz").context["object_list"] == []


def test_a_report_reader_lands_on_their_plans(client, plan, ninh_binh, ha_noi):
    user = reader(ninh_binh)
    client.force_login(user)
    # One plan: straight to it.
    response = client.get("/admin/")
    assert response.url == reverse("coverage_reports:overview", args=[plan.pk])
    # Several: the list, each with its headline status, in Vietnamese.
    PlanFactory(scope_unit=ninh_binh, title="Kế hoạch thứ hai", targets={"reach": 1})
    assert client.get("/admin/").url == reverse("coverage_reports:index")
    listing = client.get(reverse("coverage_reports:index")).content.decode()
    assert "Kế hoạch thứ hai" in listing and "1 đạt" in listing
    assert "2 mục" in listing and "2 items" not in listing  # the count under the list
    assert "Chỉ số so với chỉ tiêu" in listing
    # The menu item is top level (in the main menu's data) and Vietnamese.
    assert '"label": ' + json.dumps("Độ bao phủ so với kế hoạch") in listing
    # An editor keeps Wagtail's dashboard.
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get("/admin/").status_code == 200


def test_the_xlsx_has_a_title_block_and_a_sheet_per_view(client, plan, ninh_binh):
    client.force_login(reader(ninh_binh))
    response = client.get(reverse("coverage_reports:overview", args=[plan.pk]) + "?export=xlsx")
    data = b"".join(response.streaming_content) if response.streaming else response.content
    book = load_workbook(io.BytesIO(data))  # opened by openpyxl, as Excel would open it
    assert book.sheetnames[:3] == ["Thông tin", "Tổng quan", "Theo xã"]
    info = {row[0]: row[1] for row in book["Thông tin"].iter_rows(values_only=True)}
    assert info["Số kế hoạch"] == plan.number and info["Kế hoạch"] == plan.title
    assert info["Cơ quan ban hành"] == plan.issuer and info["Địa bàn"] == "Tỉnh Ninh Bình"
    assert info["Kỳ báo cáo"] == f"Năm {plan.year}" and info["Số liệu tính đến ngày"]
    assert "<5" in info["Số liệu nhỏ"]
    assert "÷" in info["Người 14–60 tuổi ở địa bàn trọng điểm được tiếp cận"]
    overview = book["Tổng quan"]
    assert overview.freeze_panes == "B2"
    reach = next(row for row in overview.iter_rows(values_only=True) if row[0].startswith("Người"))
    assert reach[1] == 18.0 and reach[4] == 36 and reach[5] == 200  # numbers, not text
    assert overview.column_dimensions["A"].width > 40
    communes = {row[0]: row for row in book["Theo xã"].iter_rows(values_only=True)}
    assert communes["Phường Hoa Lư"][2] == 30.0


def test_community_sessions_are_counted_in_the_commune_table_and_its_exports(
    client, plan, ninh_binh, communes
):
    officer, reviewer = officer_of(communes[1]), officer_of(communes[1], reviewer=True)
    for people in (12, 9):
        session = held(officer=officer, commune=communes[1], counts=[("female", "18-60", people)])
        community.confirm_session(user=reviewer, session_id=session.pk)  # then it counts
    services.refresh_commune_rollups(commune_id=communes[1].pk)
    client.force_login(reader(ninh_binh))
    url = reverse("coverage_reports:areas", args=[plan.pk])
    page = client.get(url + "?ordering=-sessions_held_sort").content.decode()
    rows = [row for row in page.split("<tr")[1:] if 'id="unit-' in row]
    # The commune that held two sessions comes first, with its counts as numbers, not "—".
    assert "Xã Gia Viễn" in rows[0] and ">2</td>" in rows[0] and ">21</td>" in rows[0]
    assert "Buổi sinh hoạt cộng đồng đã tổ chức (%)" not in page
    response = client.get(url + "?export=xlsx")
    data = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(data))["Theo xã"]
    headings = next(sheet.iter_rows(values_only=True))
    gia_vien = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "Xã Gia Viễn")
    held_column = headings.index("Buổi sinh hoạt cộng đồng đã tổ chức")
    assert gia_vien[held_column] == 2 and "Người 14–60" in headings[2] and "(%)" in headings[2]


def test_the_exports_list_communes_in_the_order_a_reader_looks_names_up(
    client, plan, ninh_binh, communes
):
    CommuneFactory(province=ninh_binh, code="09990", name="Xã Đông Sơn")
    CommuneFactory(province=ninh_binh, code="09991", name="Xã Yên Mô")
    CommuneFactory(province=ninh_binh, code="09992", name="Xã Yên Mạc")
    client.force_login(reader(ninh_binh))
    response = client.get(reverse("coverage_reports:overview", args=[plan.pk]) + "?export=xlsx")
    data = b"".join(response.streaming_content) if response.streaming else response.content
    names = [
        row[0] for row in load_workbook(io.BytesIO(data))["Theo xã"].iter_rows(values_only=True)
    ]
    # Đ among the D's and "Mạc" before "Mô", as a reader looks them up (the database's order
    # put "Xã Đông Sơn" after "Xã Yên Mô").
    assert names[1:] == [
        "Phường Hoa Lư",
        "Xã Đông Sơn",
        "Xã Gia Viễn",
        "Xã Kim Sơn",
        "Xã Yên Mạc",
        "Xã Yên Mô",
    ]


def test_another_period_keeps_the_order_and_the_map_s_indicator(client, plan, ninh_binh):
    client.force_login(reader(ninh_binh))
    url = reverse("coverage_reports:areas", args=[plan.pk])
    page = client.get(url + "?ordering=-reach_sort&indicator=in_depth_model&q=hoa").content
    period_form = page.decode().split('class="coverage-period-form"')[1].split("</form>")[0]
    assert '<input type="hidden" name="ordering" value="-reach_sort">' in period_form
    assert '<input type="hidden" name="indicator" value="in_depth_model">' in period_form
    assert '<input type="hidden" name="q" value="hoa">' in period_form
    # A hostile value comes back escaped, and the view checks it as it does any other.
    page = client.get(url + '?indicator="><script>x</script>').content.decode()
    assert "<script>x</script>" not in page


def test_a_plan_that_is_over_says_not_met_rather_than_behind(client, communes, ninh_binh):
    last_year = timezone.localdate().year - 1
    profile(communes[0], model="in_depth", year=last_year)
    profile(communes[1], year=last_year)
    PlanFactory(
        scope_unit=ninh_binh, year=last_year, targets={"in_depth_model": 30, "integrated_model": 60}
    )
    PlanFactory(scope_unit=ninh_binh, targets={"integrated_model": 60})  # under way
    client.force_login(reader(ninh_binh))
    listing = client.get(reverse("coverage_reports:index")).content.decode()
    # In-depth 1 of 3 communes (33,3 % ≥ 30): met; integrated 0 % of 60 when the year is over.
    assert "1 đạt · 1 không đạt" in listing
    assert "1 chậm tiến độ" in listing  # this year's plan, under way, is still behind


def test_the_spreadsheet_is_a_link_on_the_page_itself(client, plan, ninh_binh):
    client.force_login(reader(ninh_binh))
    year = plan.year
    for view in ("overview", "areas"):
        url = reverse(f"coverage_reports:{view}", args=[plan.pk]) + f"?period={year}-Q1"
        page = client.get(url).content.decode()
        link = page.split("Tải bảng tính (XLSX)")[0].rsplit("<a ", 1)[1]
        href = link.split('href="')[1].split('"')[0].replace("&amp;", "&")
        assert "export=xlsx" in href and f"period={year}-Q1" in href  # the period shown
        response = client.get(reverse(f"coverage_reports:{view}", args=[plan.pk]) + href)
        data = b"".join(response.streaming_content) if response.streaming else response.content
        assert load_workbook(io.BytesIO(data)).sheetnames[0] == "Thông tin"


def test_a_plan_on_its_last_day_is_still_behind_not_yet_not_met(
    client, communes, ninh_binh, monkeypatch
):
    from elearning.coverage.selectors import figures

    year = timezone.localdate().year
    profile(communes[1])
    plan = PlanFactory(scope_unit=ninh_binh, targets={"integrated_model": 60})
    monkeypatch.setattr(figures, "as_of", lambda: date(year, 12, 31))  # the clock, not ours
    area = selectors.area_for(plan=plan, scope=selectors.ReaderScope(unit=None))
    status = {f.code: f.status for f in selectors.overview(area=area).figures}
    assert status["integrated_model"] == "behind"
    monkeypatch.setattr(figures, "as_of", lambda: date(year + 1, 1, 1))
    status = {f.code: f.status for f in selectors.overview(area=area).figures}
    assert status["integrated_model"] == "not_met"
