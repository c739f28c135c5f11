"""A commune officer records a session on their phone and shows its QR code; a participant
checks in from a second phone by the QR code's link; the officer sees the count; a province
reviewer confirms the session and the commune's figures move."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from elearning.coverage.models import Rollup
from tests.e2e.conftest import ARTIFACTS, new_phone, sign_in
from tests.factories.community import officer_of
from tests.factories.coverage import PlanFactory, indicator, profile
from tests.factories.geo import CommuneFactory, ProvinceFactory


@pytest.fixture
def commune(transactional_db):
    province = ProvinceFactory(code="37", name="Tỉnh Ninh Bình")
    commune = CommuneFactory(province=province, code="10001", name="Xã Gia Viễn")
    profile(commune, population=400)
    PlanFactory(scope_unit=province, targets={"reach": 75, "sessions_held": 4})
    officer_of(commune, username="canbo-xa")
    officer_of(province, reviewer=True, username="duyet-tinh")
    return commune


def _shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"community_{name}.png"), full_page=True)


def test_officer_records_a_session_a_participant_checks_in_and_a_reviewer_confirms(
    commune, browser, live_server, settings
):
    # The QR code names the configured public address: here, the test server.
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    officer, page = new_phone(browser, live_server, timeout=20_000)
    participant, phone = new_phone(browser, live_server, timeout=20_000)
    # The province reviewer works on an office PC.
    reviewer = browser.new_context(
        viewport={"width": 1366, "height": 768}, base_url=live_server.url, locale="vi-VN"
    )
    review = reviewer.new_page()
    review.set_default_timeout(20_000)
    try:
        sign_in(page, "canbo-xa", "/admin/community-sessions/new/")
        start = timezone.localtime() - timedelta(minutes=30)
        page.locator('input[name="starts_at"]').fill(start.strftime("%Y-%m-%d %H:%M"))
        page.locator('input[name="ends_at"]').fill(
            (start + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M")
        )
        page.keyboard.press("Escape")  # close the date picker
        page.locator('select[name="kind"]').select_option("meeting")
        page.locator('input[name="place"]').fill("Nhà văn hoá thôn 4")
        page.locator('select[name="counts-0-sex"]').select_option("female")
        page.locator('select[name="counts-0-age_band"]').select_option("18-60")
        page.locator('input[name="counts-0-count"]').fill("27")
        _shot(page, "1_officer_form")
        page.locator("footer button.button-longrunning").click()
        page.wait_for_url("**/inspect/**")
        expect(page.locator("[data-checkin-code]")).to_be_visible()
        expect(page.locator(".community-qr__code svg")).to_be_visible()
        _shot(page, "2_officer_qr")
        checkin_url = page.locator("[data-checkin-url]").get_attribute("href")

        # A participant opens the QR code's link on their own phone.
        phone.goto(checkin_url)
        phone.get_by_label("18–60").check()
        phone.get_by_label("Nữ").check()
        _shot(phone, "3_participant_form")
        phone.get_by_role("button", name="Điểm danh").click()
        expect(phone.locator("[data-checked-in]")).to_be_visible()
        _shot(phone, "4_participant_done")
        # The same phone again: nothing more is counted.
        phone.goto(checkin_url)
        expect(phone.locator("[data-checked-in]")).to_be_visible()

        # The officer's counter shows the check-in (refreshed on its own).
        expect(page.locator("[data-live-total]")).to_have_text("1", timeout=15_000)

        # The province reviewer confirms the session.
        sign_in(review, "duyet-tinh", "/admin/community-sessions/")
        _shot(review, "5_reviewer_list")
        review.get_by_role("link", name="Nhà văn hoá thôn 4").first.click()
        review.get_by_role("button", name="Xác nhận: tính buổi sinh hoạt này").click()
        expect(review.locator(".messages")).to_contain_text("Đã xác nhận")
        _shot(review, "6_reviewer_confirmed")
    finally:
        for context in (officer, participant, reviewer):
            context.close()

    cells = Rollup.objects.filter(level="commune", unit=commune)
    assert sum(c.numerator for c in cells.filter(indicator=indicator("session_participants"))) == 27
    assert sum(c.numerator for c in cells.filter(indicator=indicator("sessions_held"))) == 1
    assert sum(c.numerator for c in cells.filter(indicator=indicator("reach"))) == 1
