"""A province report reader's journey at 1,366×768 (office PC) and 360×740 (phone): sign in,
the plan list, the overview, the commune table sorted by an indicator, the map, then the XLSX,
the PDF and the DOCX downloaded and opened."""

import io
import subprocess
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import expect

from elearning.coverage import services
from elearning.geo.models import AdminUnit, AdminUnitLineage
from tests.factories.accounts import PASSWORD
from tests.factories.coverage import PlanFactory, complete, profile, reader
from tests.factories.geo import CommuneFactory, LegacyCatalogFactory, ProvinceFactory

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SHOTS = Path("/tmp/i16d-shots")


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
    # Former districts (before 1/7/2025): Hoa Lư from Hoa Lư city, the others from Gia Viễn.
    legacy = LegacyCatalogFactory()
    old_province = ProvinceFactory(catalog=legacy, code="37", name="Tỉnh Ninh Bình")
    for number, (district, members) in enumerate(
        [("Thành phố Hoa Lư", communes[:1]), ("Huyện Gia Viễn", communes[1:])]
    ):
        old_district = AdminUnit.objects.create(
            catalog=legacy,
            level="district",
            code=f"36{number}",
            name=district,
            parent=old_province,
            province=old_province,
        )
        for commune in members:
            old = CommuneFactory(
                catalog=legacy, province=old_province, parent=old_district, code=f"9{commune.code}"
            )
            AdminUnitLineage.objects.create(from_unit=old, to_unit=commune)
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


def _no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"the page scrolls sideways ({width} px)"


def _download(page, click):
    with page.expect_download() as download_info:
        click()
    download = download_info.value
    return download.suggested_filename, Path(download.path()).read_bytes()


@pytest.mark.parametrize(
    "viewport", [{"width": 1366, "height": 768}, {"width": 360, "height": 740}], ids=["pc", "phone"]
)
def test_province_reader_journey(ninh_binh_plan, browser, live_server, viewport, tmp_path):
    name = f"coverage-{viewport['width']}"
    PlanFactory(
        title="Kế hoạch tuyên truyền năm nay",
        number="12/KH-BCĐ",
        scope_unit=ninh_binh_plan.scope_unit,
        targets={"reach": 5},
    )
    context = browser.new_context(
        viewport=viewport, base_url=live_server.url, locale="vi-VN", accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        page.goto("/admin/login/?next=/admin/")
        page.locator('input[name="login"]').fill("baocao-ninhbinh")
        page.locator('input[name="password"]').fill(PASSWORD)
        page.locator('main form button[type="submit"]').click()

        # Two plans: the list, each with its indicators against targets.
        expect(page.get_by_role("heading", level=1)).to_contain_text("Báo cáo độ bao phủ")
        expect(page.locator("table.listing")).to_contain_text("Kế hoạch tuyên truyền năm nay")
        expect(page.locator("table.listing")).to_contain_text("đạt")
        _no_sideways_scroll(page)
        page.screenshot(path=str(ARTIFACTS / f"{name}-plans.png"), full_page=True)

        page.get_by_role("link", name=ninh_binh_plan.title).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Ninh Bình")
        expect(page.locator("table.listing")).to_contain_text("÷")  # definitions
        _no_sideways_scroll(page)
        page.screenshot(path=str(ARTIFACTS / f"{name}-overview.png"), full_page=True)

        page.get_by_role("link", name="Theo xã").click()
        expect(page.locator("svg.coverage-map circle")).to_have_count(3)
        assert "Ba Đình" not in page.content()  # another province: out of scope
        # Sorted by reach, highest first: rows without a figure stay last.
        page.goto(
            page.url + "&ordering=-reach_sort"
            if "?" in page.url
            else page.url + "?ordering=-reach_sort"
        )
        names = page.locator("table.listing tbody tr td:first-child").all_inner_texts()
        assert names[0].strip() == "Phường Hoa Lư", names
        # Gia Viễn "<5" and Kim Sơn "*" (withheld beside it): after every figure; the former
        # districts' subtotals after the communes.
        assert [n.strip() for n in names[1:]] == [
            "Xã Gia Viễn",
            "Xã Kim Sơn",
            "Cộng Huyện Gia Viễn",
            "Cộng Thành phố Hoa Lư",
        ]
        expect(page.locator("svg.coverage-map")).to_contain_text("15 %")  # 60 of 400
        _no_sideways_scroll(page)
        page.screenshot(path=str(ARTIFACTS / f"{name}-communes.png"), full_page=True)
        # Grouped by former district: each district's subtotal after its communes, a number
        # (28 of 800 people) although both its communes are hidden; the first column sticky.
        page.goto(page.url.replace("ordering=-reach_sort", "ordering=district"))
        subtotal = page.locator("table.listing tbody tr", has_text="Cộng Huyện Gia Viễn")
        expect(subtotal).to_contain_text("3,5")
        names = page.locator("table.listing tbody tr td:first-child").all_inner_texts()
        assert [n.strip() for n in names] == [
            "Xã Gia Viễn",
            "Xã Kim Sơn",
            "Cộng Huyện Gia Viễn",
            "Phường Hoa Lư",
            "Cộng Thành phố Hoa Lư",
        ]
        _no_sideways_scroll(page)
        sticky = page.locator("table.listing tbody tr td:first-child").first
        assert sticky.evaluate("e => getComputedStyle(e).position") == "sticky"
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}-districts.png"), full_page=True)
        subtotal.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"{name}-districts-table.png"))

        page.locator('[aria-label="Actions"], [aria-label="Thao tác"]').first.click()
        filename, data = _download(page, lambda: page.get_by_role("link", name="Tải XLSX").click())
        assert filename.endswith(".xlsx")
        book = load_workbook(io.BytesIO(data))
        assert book.sheetnames[:3] == ["Thông tin", "Tổng quan", "Theo xã"]
        rows = {row[0]: row for row in book["Theo xã"].iter_rows(values_only=True)}
        assert rows["Phường Hoa Lư"][2] == "Thành phố Hoa Lư"  # its former district
        assert rows["Phường Hoa Lư"][3] == 15.0  # a number, not text
        assert rows["Cộng Huyện Gia Viễn"][3] == 3.5  # the district's subtotal
        assert rows["Xã Gia Viễn"][3] is None and rows["Xã Gia Viễn"][-1] == "<5"

        page.get_by_role("link", name="Quay lại tổng quan").click()
        for kind in ("PDF", "DOCX"):
            page.get_by_role("button", name=f"Lập bản {kind}").click()
            link = page.get_by_role("link", name=f"Tải {kind}")
            expect(link).to_be_visible()
            filename, data = _download(page, link.click)
            (tmp_path / filename).write_bytes(data)
            if kind == "DOCX":
                document = Document(io.BytesIO(data))
                text = "\n".join(p.text for p in document.paragraphs)
                header = "\n".join(c.text for c in document.tables[0].rows[0].cells)
                assert "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header and "Số:" in header
                assert "BÁO CÁO" in text and "38/KH-BCĐ" in text
                assert "Nơi nhận:" in document.tables[-1].rows[0].cells[0].text
            else:
                subprocess.run(
                    [
                        "pdftoppm",
                        "-png",
                        "-r",
                        "60",
                        "-f",
                        "1",
                        "-l",
                        "1",
                        str(tmp_path / filename),
                        str(ARTIFACTS / f"{name}-report-pdf"),
                    ],
                    check=True,
                )
        page.screenshot(path=str(ARTIFACTS / f"{name}-documents.png"), full_page=True)
    finally:
        page.screenshot(path=str(ARTIFACTS / f"{name}-last.png"), full_page=True)
        context.close()
