import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS, PHONE

THIS_YEAR = timezone.localdate().year


@pytest.fixture
def communes(transactional_db):
    from cms.core.demo.site import load
    from tests.factories.geo import CommuneFactory, ProvinceFactory

    load(out=lambda *args: None)
    hanoi = ProvinceFactory(code="01", name="Thành phố Hà Nội")
    CommuneFactory(code="00004", name="Phường Ba Đình", province=hanoi)
    CommuneFactory(code="00008", name="Phường Ngọc Hà", province=hanoi)
    lao_cai = ProvinceFactory(code="15", name="Tỉnh Lào Cai")
    return CommuneFactory(code="02671", name="Xã Bản Lầu", province=lao_cai)


def fill_the_rest(page, phone_number):
    page.get_by_label("Năm sinh", exact=True).fill(str(THIS_YEAR - 19))
    page.get_by_label("Nữ", exact=True).check()
    page.get_by_label("Số điện thoại", exact=True).fill(phone_number)
    page.get_by_label("Mật khẩu", exact=True).fill("Hoa-sen-2025!x")
    page.get_by_label("Nhập lại mật khẩu").fill("Hoa-sen-2025!x")


def test_sign_up_on_a_phone_choosing_a_commune_by_typing_without_diacritics(communes, phone):
    from elearning.accounts.models import LearnerProfile

    phone.goto("/accounts/signup/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Đăng ký")
    phone.get_by_label("Xã/phường nơi bạn sống").press_sequentially("ba dinh", delay=40)
    choice = phone.get_by_label("Phường Ba Đình, Thành phố Hà Nội")
    expect(choice).to_be_visible()
    choice.check()
    # The guardian's fields appear only for a learner under 16.
    guardian = phone.get_by_label("Họ tên cha, mẹ hoặc người giám hộ")
    expect(guardian).to_be_hidden()
    phone.get_by_label("Năm sinh", exact=True).fill(str(THIS_YEAR - 15))
    expect(guardian).to_be_visible()
    fill_the_rest(phone, "0912 345 678")
    expect(guardian).to_be_hidden()
    phone.screenshot(path=str(ARTIFACTS / "signup_filled_in.png"), full_page=True)
    phone.get_by_role("button", name="Tạo tài khoản").click()

    expect(phone.locator("html")).to_have_attribute("lang", "vi")
    phone.wait_for_url("**/")
    profile = LearnerProfile.objects.select_related("commune", "user").get()
    assert (profile.user.phone_number, profile.commune.name) == ("+84912345678", "Phường Ba Đình")
    expect(phone.get_by_text(f"Tên đăng nhập của bạn là {profile.user.username}")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_sign_up_without_javascript_uses_the_find_button(communes, browser, live_server):
    from elearning.accounts.models import LearnerProfile

    context = browser.new_context(
        viewport=PHONE, is_mobile=True, base_url=live_server.url, java_script_enabled=False
    )
    page = context.new_page()
    try:
        page.goto("/accounts/signup/")
        page.get_by_label("Xã/phường nơi bạn sống").fill("ban lau")
        page.get_by_role("button", name="Tìm").click()
        choice = page.get_by_label("Xã Bản Lầu, Tỉnh Lào Cai")
        expect(choice).to_be_visible()
        choice.check()
        fill_the_rest(page, "0987 654 321")
        page.screenshot(path=str(ARTIFACTS / "signup_without_javascript.png"), full_page=True)
        page.get_by_role("button", name="Tạo tài khoản").click()
        page.wait_for_url("**/")
        assert LearnerProfile.objects.get().commune.name == "Xã Bản Lầu"
    finally:
        context.close()


def test_errors_are_summarised_at_the_top_and_the_summary_is_read_first(communes, phone):
    from elearning.accounts.models import LearnerProfile

    phone.goto("/accounts/signup/")
    phone.get_by_label("Năm sinh", exact=True).fill(str(THIS_YEAR - 19))
    phone.get_by_label("Số điện thoại", exact=True).fill("12345")
    phone.get_by_label("Mật khẩu", exact=True).fill("Hoa-sen-2025!x")
    phone.get_by_label("Nhập lại mật khẩu").fill("Hoa-sen-2025!y")
    phone.get_by_role("button", name="Tạo tài khoản").click()

    summary = phone.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Vui lòng sửa những chỗ sau")
    phone.screenshot(path=str(ARTIFACTS / "signup_errors.png"))
    summary.get_by_role("link", name="Số điện thoại").click()
    expect(phone.get_by_label("Số điện thoại", exact=True)).to_be_focused()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert not LearnerProfile.objects.exists()
