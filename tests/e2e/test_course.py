"""A community learner on a phone finds a course on the home page, reads a lesson to the end,
marks it finished (a plain form, no JavaScript needed) and sees where to continue."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS
from tests.factories.accounts import PASSWORD, LearnerFactory


@pytest.fixture
def courses(transactional_db):
    from cms.core.demo.site import load as load_site
    from cms.learning.demo import load as load_courses

    load_site(out=lambda *args: None)
    load_courses(out=lambda *args: None)


def test_home_course_lesson_finished_then_continue(courses, browser, live_server):
    learner = LearnerFactory(username="hoa.nguyen")
    # JavaScript off: the lesson and the "finished" button must work without it.
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        base_url=live_server.url,
        java_script_enabled=False,
    )
    phone = context.new_page()
    try:
        phone.goto("/accounts/login/")
        phone.locator('input[name="login"]').fill(learner.username)
        phone.locator('input[name="password"]').fill(PASSWORD)
        phone.locator('main form button[type="submit"]').click()

        phone.goto("/")
        courses = phone.locator(".home-courses")
        expect(courses.get_by_role("heading", name="Khóa học")).to_be_visible()
        courses.get_by_role("link", name="Nhận biết thủ đoạn lừa đảo và tìm sự giúp đỡ").click()
        expect(phone.get_by_role("heading", level=1)).to_have_text(
            "Nhận biết thủ đoạn lừa đảo và tìm sự giúp đỡ"
        )
        phone.get_by_role("link", name="Bắt đầu khóa học").click()
        expect(phone.get_by_role("heading", level=1)).to_have_text(
            "Dấu hiệu của một lời mời đáng ngờ"
        )
        phone.get_by_role("button", name="Tôi đã học xong bài này").click()
        expect(phone.get_by_text("Đã hoàn thành bài học. Làm tốt lắm!")).to_be_visible()
        expect(phone.get_by_role("heading", level=1)).to_have_text("Tìm sự giúp đỡ ở đâu")

        phone.goto("/")
        home = phone.locator(".home-courses")
        expect(home.get_by_text("Đã xong 1/3 phần (33%)")).to_be_visible()
        phone.screenshot(path=str(ARTIFACTS / "home_courses_progress.png"), full_page=True)
        home.get_by_role("link", name="Học tiếp").click()
        expect(phone.get_by_role("heading", level=1)).to_have_text("Tìm sự giúp đỡ ở đâu")
        expect(phone.locator('a[href="tel:111"]').first).to_be_visible()

        phone.get_by_role("link", name="Nhận biết thủ đoạn lừa đảo và tìm sự giúp đỡ").click()
        expect(phone.get_by_role("link", name="Học tiếp từ chỗ bạn dừng")).to_be_visible()
        expect(phone.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "33")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        phone.screenshot(
            path=str(ARTIFACTS / "test_home_course_lesson_finished_then_continue.png"),
            full_page=True,
        )
        context.close()
