"""On a phone without JavaScript: open the header menu, search without accents, read the
results; and the verification page of a certificate that was issued again."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS, PHONE


@pytest.fixture
def site(transactional_db):
    from cms.core.demo.site import load
    from tests.factories.campaigns import campaign_index, campaign_page
    from tests.factories.learning import make_course
    from tests.factories.legal import legal_document, legal_index

    home = load(out=lambda *args: None)
    campaign_page(index=campaign_index(home=home), theme="Chung tay phòng, chống mua bán người")
    make_course(home, title="Nhận biết thủ đoạn mua bán người", summary="Dấu hiệu và cách tránh.")
    legal_document(
        index=legal_index(home=home),
        number="53/2024/QH15",
        title="Luật Phòng, chống mua bán người",
        summary="Có hiệu lực từ ngày 1/7/2025.",
    )
    return home


def test_searching_from_the_menu_without_javascript(site, browser, live_server):
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, base_url=live_server.url, java_script_enabled=False
    )
    page = context.new_page()
    try:
        page.goto("/")
        page.get_by_text("Danh mục").click()  # the <details> menu opens without script
        page.get_by_label("Tìm chiến dịch, khóa học và văn bản pháp luật").fill("mua ban nguoi")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "search_menu.png"))
        page.get_by_role("button", name="Tìm", exact=True).first.click()

        page.wait_for_url("**/search/?q=mua+ban+nguoi")
        results = page.locator(".search-result")
        expect(results).to_have_count(3)
        expect(page.get_by_role("heading", name="3 kết quả cho “mua ban nguoi”")).to_be_visible()
        expect(results.filter(has_text="Văn bản pháp luật")).to_contain_text("53/2024/QH15")
        expect(results.filter(has_text="Khóa học")).to_contain_text("Nhận biết thủ đoạn")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.screenshot(path=str(ARTIFACTS / "search_results.png"), full_page=True)

        page.goto("/search/?q=xe+dap+dien")
        expect(page.get_by_text("Không có trang nào chứa đủ mọi từ bạn gõ")).to_be_visible()
        page.screenshot(path=str(ARTIFACTS / "search_no_results.png"), full_page=True)
    finally:
        context.close()


def test_a_replaced_certificate_says_so_on_a_phone(site, phone):
    from elearning.progress import services
    from tests.factories.accounts import LearnerFactory

    holder = LearnerFactory()
    first = services.issue_certificate(
        user=holder,
        course=site,
        score_percent=90,
        learner_name="Trần Minh",
        agency="Công an xã Tân Lập",
        context=None,
    )
    new = services.reissue_certificate(
        certificate=first, learner_name="Trần Văn Minh", agency="Công an tỉnh Ninh Bình"
    )

    phone.goto(f"/certificates/{first.verification_code}/")
    expect(phone.get_by_text("Chứng nhận này là thật nhưng đã được thay thế")).to_be_visible()
    phone.screenshot(path=str(ARTIFACTS / "certificate_replaced.png"), full_page=True)
    phone.get_by_role("link", name="Xem chứng nhận thay thế").click()
    expect(phone.get_by_role("heading", name="✓ Chứng nhận này là thật")).to_be_visible()
    expect(phone.get_by_text("Trần Văn Minh")).to_be_visible()
    expect(phone.get_by_text(first.verification_code)).to_be_visible()
    assert new.verification_code in phone.url
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.screenshot(path=str(ARTIFACTS / "certificate_replacement.png"), full_page=True)
