import pytest
from playwright.sync_api import expect


@pytest.fixture
def site(transactional_db):
    from cms.core.demo.site import load

    return load(out=lambda *args: None)


def test_home_page_in_vietnamese_then_switch_to_english(site, phone):
    phone.goto("/")
    expect(phone.locator("html")).to_have_attribute("lang", "vi")
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Chung tay phòng, chống mua bán người"
    )
    call = phone.locator('a[href="tel:111"]').first
    expect(call).to_be_visible()

    phone.get_by_role("banner").get_by_role("link", name="EN", exact=True).click()
    expect(phone.locator("html")).to_have_attribute("lang", "en")
    assert phone.url.endswith("/en/")
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Hand in hand against human trafficking"
    )

    phone.get_by_role("banner").get_by_role("link", name="VI", exact=True).click()
    expect(phone.locator("html")).to_have_attribute("lang", "vi")


def test_home_page_fits_a_phone_without_sideways_scrolling(site, phone):
    phone.goto("/")
    scroll_width = phone.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360
