"""A learner on a phone finds a law without typing diacritics, reads it, and confirms once."""

import datetime

import pytest
from playwright.sync_api import expect

from elearning.dissemination.models import ReadReceipt
from tests.e2e.conftest import ARTIFACTS
from tests.factories.accounts import PASSWORD, LearnerFactory
from tests.factories.geo import CommuneFactory
from tests.factories.legal import legal_document, legal_index


@pytest.fixture
def library(transactional_db):
    from cms.core.demo.site import load

    home = load(out=lambda *args: None)
    index = legal_index(home=home, intro="Các văn bản pháp luật về phòng, chống mua bán người.")
    old = legal_document(
        index=index,
        number="66/2011/QH12",
        title="Luật Phòng, chống mua bán người",
        issuing_body="Quốc hội",
        signed_date=datetime.date(2011, 3, 29),
        status="replaced",
    )
    law = legal_document(
        index=index,
        number="53/2024/QH15",
        title="Luật Phòng, chống mua bán người (2024)",
        issuing_body="Quốc hội",
        signed_date=datetime.date(2024, 11, 28),
        effective_date=datetime.date(2025, 7, 1),
        summary="Luật phòng, chống mua bán người hiện hành.",
        needs_review=True,
        marked_for_dissemination=True,
    )
    old.replaced_by = law
    old.save_revision().publish()
    legal_document(
        index=index,
        number="13/2023/NĐ-CP",
        title="Nghị định về bảo vệ dữ liệu cá nhân",
        document_type="decree",
        signed_date=datetime.date(2023, 4, 17),
    )
    return index


def test_learner_finds_reads_and_confirms_a_law_once(library, phone):
    commune = CommuneFactory(name="Xã Mường Lát")
    learner = LearnerFactory(username="hoa", profile__commune=commune)

    phone.goto("/accounts/login/?next=" + library.url)
    phone.locator('input[name="login"]').fill(learner.username)
    phone.locator('input[name="password"]').fill(PASSWORD)
    phone.locator('main form button[type="submit"]').click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Thư viện pháp luật")

    phone.get_by_label("Tìm kiếm").fill("MUA BAN NGUOI")
    phone.get_by_role("button", name="Tìm").click()
    expect(phone.get_by_text("2 văn bản")).to_be_visible()
    expect(phone.get_by_text("13/2023/NĐ-CP")).to_have_count(0)
    phone.screenshot(path=str(ARTIFACTS / "legal_library_search_phone.png"), full_page=True)

    phone.get_by_role("link", name="53/2024/QH15").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Luật Phòng, chống mua bán người (2024)"
    )
    expect(phone.get_by_text("Nội dung đang được cập nhật.")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

    button = phone.get_by_role("button", name="Tôi đã đọc và hiểu")
    button.dblclick()
    expect(phone.get_by_text("Bạn đã xác nhận đã đọc và hiểu văn bản này")).to_be_visible()
    assert ReadReceipt.objects.filter(learner=learner).count() == 1
    assert ReadReceipt.objects.get().commune == commune


def test_library_reads_without_javascript_and_explains_bad_filters(library, browser, live_server):
    from tests.e2e.conftest import PHONE

    context = browser.new_context(
        viewport=PHONE, base_url=live_server.url, java_script_enabled=False, is_mobile=True
    )
    page = context.new_page()
    page.goto(library.url + "?type=khong-co&q=793")
    expect(page.get_by_text("Hãy chọn một mục trong danh sách.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(ARTIFACTS / "legal_library_phone.png"), full_page=True)
    page.goto(library.url + "66-2011-qh12/")
    expect(page.get_by_text("Được thay thế bởi")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "legal_document_phone.png"), full_page=True)
    context.close()
