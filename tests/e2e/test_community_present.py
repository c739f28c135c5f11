"""Presenting mode: the officer shows the session's QR code full screen on their phone
(360×740) or the hall's projector (1366×768). The QR code fits the screen whole, the short
code and the counter are on it, and a participant's check-in shows on the counter by itself."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from elearning.community import checkin
from tests.factories.accounts import PASSWORD
from tests.factories.community import held, officer_of
from tests.factories.geo import CommuneFactory, ProvinceFactory

SHOTS = Path("/tmp/i20-shots")


@pytest.fixture
def session(transactional_db):
    province = ProvinceFactory(code="37", name="Tỉnh Ninh Bình")
    commune = CommuneFactory(province=province, code="10001", name="Xã Gia Viễn")
    officer = officer_of(commune, username="canbo-xa")
    return held(officer=officer, commune=commune, kind="talk", place="Nhà văn hoá thôn Đồng Quỹ")


def _sign_in(page, next_url):
    page.goto(f"/accounts/login/?next={next_url}")
    page.locator('input[name="login"]').fill("canbo-xa")
    page.locator('input[name="password"]').fill(PASSWORD)
    page.locator('main form button[type="submit"]').click()
    page.wait_for_url(f"**{next_url}")


@pytest.mark.parametrize(
    ("name", "viewport", "mobile"),
    [
        ("phone", {"width": 360, "height": 740}, True),
        ("projector", {"width": 1366, "height": 768}, False),
    ],
)
def test_the_qr_code_fills_the_screen_and_the_counter_moves(
    session, browser, live_server, settings, name, viewport, mobile
):
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    SHOTS.mkdir(exist_ok=True)
    context = browser.new_context(
        viewport=viewport,
        is_mobile=mobile,
        has_touch=mobile,
        base_url=live_server.url,
        locale="vi-VN",
    )
    participant = browser.new_context(
        viewport={"width": 360, "height": 740}, base_url=live_server.url
    )
    try:
        page = context.new_page()
        page.set_default_timeout(20_000)
        inspect = f"/admin/community-sessions/inspect/{session.pk}/"
        _sign_in(page, inspect)
        page.get_by_role("link", name="Trình chiếu toàn màn hình").click()
        page.wait_for_url("**/present/**")

        qr = page.locator(".present__qr svg")
        box = qr.bounding_box()
        # Whole on the screen, and large: at least 60 % of the shorter side.
        assert box["x"] >= 0 and box["y"] >= 0
        assert box["x"] + box["width"] <= viewport["width"]
        assert box["y"] + box["height"] <= viewport["height"]
        assert box["width"] >= 0.6 * min(viewport["width"], viewport["height"])
        expect(page.locator("[data-checkin-code]")).to_have_text(session.checkin_code)
        expect(page.locator("[data-live-total]")).to_have_text("0")
        # No side-scrolling on a phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        page.screenshot(path=str(SHOTS / f"present_{name}_0.png"))

        phone = participant.new_page()
        phone.goto(checkin.checkin_url(session.pk))
        phone.get_by_label("18–60").check()
        phone.get_by_role("button", name="Điểm danh").click()
        expect(phone.locator("[data-checked-in]")).to_be_visible()

        expect(page.locator("[data-live-total]")).to_have_text("1", timeout=20_000)
        page.screenshot(path=str(SHOTS / f"present_{name}_1.png"))
    finally:
        context.close()
        participant.close()
