"""On a phone: the menu opens without JavaScript and leads everywhere; error pages show the
hotline and a way home."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS


@pytest.fixture
def site(transactional_db):
    from cms.core.demo import site
    from cms.legal import demo as legal_demo

    site.load(out=lambda *args: None)
    legal_demo.load(out=lambda *args: None)


def test_menu_opens_without_javascript_and_reaches_the_legal_library(site, browser, live_server):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, java_script_enabled=False, base_url=live_server.url
    )
    page = context.new_page()
    try:
        page.goto("/")
        menu = page.get_by_role("navigation", name="Danh mục chính")
        expect(menu).to_be_hidden()
        page.locator("summary", has_text="Danh mục").click()
        expect(menu.get_by_role("link", name="Kiểm tra chứng nhận")).to_be_visible()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "menu-open-no-js.png"))
        menu.get_by_role("link", name="Thư viện pháp luật").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("pháp luật")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= 360
    finally:
        context.close()


def test_404_on_a_phone_has_the_hotline_and_a_way_home(site, phone, live_server):
    response = phone.goto("/khong-co-trang-nay/")
    assert response.status == 404
    expect(phone.get_by_role("heading", level=1)).to_have_text("Không tìm thấy trang này")
    expect(phone.locator('main a[href="tel:111"]')).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.get_by_role("link", name="Về trang chủ").click()
    expect(phone).to_have_url(f"{live_server.url}/")


@pytest.mark.urls("tests.cms.core.error_urls")
def test_500_on_a_phone_has_the_hotline_and_a_way_home(site, phone, settings):
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    response = phone.goto("/broken/")
    assert response.status == 500
    expect(phone.get_by_role("heading", level=1)).to_have_text("Đã có lỗi xảy ra")
    expect(phone.locator('a[href="tel:111"]')).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
