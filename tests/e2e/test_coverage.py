"""A province report reader signs in, opens the plan, drills into a commune and downloads the
commune table as XLSX (administrators read reports on an office PC)."""

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from elearning.coverage import services
from tests.factories.accounts import PASSWORD
from tests.factories.coverage import PlanFactory, complete, profile, reader
from tests.factories.geo import CommuneFactory, ProvinceFactory

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def ninh_binh_plan(transactional_db):
    province = ProvinceFactory(code="37", name="Tỉnh Ninh Bình")
    other = ProvinceFactory(code="01", name="Thành phố Hà Nội")
    communes = [
        CommuneFactory(
            province=province,
            code=f"1{i:04d}",
            name=name,
            latitude=20.2 + i / 50,
            longitude=105.9 + i / 50,
        )
        for i, name in enumerate(["Phường Hoa Lư", "Xã Gia Viễn", "Xã Kim Sơn"])
    ]
    hanoi = CommuneFactory(province=other, code="00004", name="Phường Ba Đình")
    for commune, people in zip([*communes, hanoi], [60, 3, 25, 80], strict=True):
        profile(commune, population=400)
        complete(commune=commune, people=people)
        services.refresh_commune_rollups(commune_id=commune.pk)
    reader(province, username="baocao-ninhbinh")
    return PlanFactory(
        title="Kế hoạch thực hiện Chương trình phòng, chống mua bán người",
        number="38/KH-BCĐ",
        targets={"reach": 75, "in_depth_model": 30},
    )


def test_province_reader_drills_into_a_commune_and_downloads_xlsx(
    ninh_binh_plan, browser, live_server
):
    context = browser.new_context(
        viewport=DESKTOP, base_url=live_server.url, locale="vi-VN", accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        page.goto("/accounts/login/?next=/admin/coverage/reports/")
        page.locator('input[name="login"]').fill("baocao-ninhbinh")
        page.locator('input[name="password"]').fill(PASSWORD)
        page.locator('form button[type="submit"]').click()

        page.get_by_role("link", name=ninh_binh_plan.title).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Ninh Bình")
        expect(page.locator("svg.coverage-chart").first).to_be_visible()
        page.get_by_role("link", name="Theo xã").click()
        expect(page.locator("svg.coverage-map circle")).to_have_count(3)
        assert "Ba Đình" not in page.content()  # another province: out of scope
        page.screenshot(path=str(ARTIFACTS / "coverage-communes.png"), full_page=True)

        page.get_by_role("link", name="Xã Gia Viễn").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Xã Gia Viễn")
        expect(page.locator("table.listing")).to_contain_text("<5")  # three people: suppressed
        page.screenshot(path=str(ARTIFACTS / "coverage-commune.png"), full_page=True)

        page.go_back()
        page.locator('[aria-label="Actions"], [aria-label="Thao tác"]').first.click()
        with page.expect_download() as download_info:
            page.get_by_role("link", name="Tải XLSX").click()
        download = download_info.value
        assert download.suggested_filename.endswith(".xlsx")
        book = load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
        rows = list(book.active.iter_rows(values_only=True))
        names = sorted(row[0] for row in rows[1:])
        assert names == ["Phường Hoa Lư", "Xã Gia Viễn", "Xã Kim Sơn"]
        assert {row[0]: row[1] for row in rows[1:]}["Xã Gia Viễn"] == "<5"
    finally:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "test_coverage_province_reader.png"), full_page=True)
        context.close()
