"""The editors' product end to end: an editor drafts and submits a campaign in the Wagtail
admin, a moderator approves it, a learner reads it on a phone."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from cms.campaigns.editorial import EDITORS, MODERATORS, ensure_editorial_workflow
from cms.campaigns.models import CampaignPage
from tests.admin_screens import english_on_screen
from tests.e2e.conftest import ARTIFACTS
from tests.factories.accounts import PASSWORD, UserFactory
from tests.factories.campaigns import SloganFactory, campaign_index, campaign_page, hero_image

DESKTOP = {"width": 1366, "height": 768}


def serve_media(context):
    """The live server does not serve media; answer /media/ from the test storage (in memory)
    so that screenshots show the pictures and slogan cards."""
    import mimetypes
    from urllib.parse import unquote, urlparse

    from django.conf import settings
    from django.core.files.storage import default_storage

    def fulfil(route):
        name = unquote(urlparse(route.request.url).path).removeprefix(settings.MEDIA_URL)
        if not default_storage.exists(name):
            return route.fulfill(status=404)
        with default_storage.open(name) as file:
            body = file.read()
        route.fulfill(body=body, content_type=mimetypes.guess_type(name)[0])

    context.route("**/media/**", fulfil)


@pytest.fixture
def newsroom(transactional_db):
    from cms.core.demo.site import load

    home = load(out=lambda *args: None)
    index = campaign_index(home=home)
    ensure_editorial_workflow(pages=[index])
    editor = UserFactory(username="bientap")
    editor.groups.add(Group.objects.get(name=EDITORS))
    moderator = UserFactory(username="kiemduyet")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    return index


def sign_in(browser, live_server, username):
    context = browser.new_context(viewport=DESKTOP, base_url=live_server.url, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto("/accounts/login/?next=/admin/")
    page.locator('input[name="login"]').fill(username)
    page.locator('input[name="password"]').fill(PASSWORD)
    page.locator('main form button[type="submit"]').click()
    expect(page).to_have_url(f"{live_server.url}/admin/")
    return page


def test_editor_submits_moderator_approves_learner_reads(newsroom, browser, live_server, phone):
    title = "Ngày toàn dân phòng, chống mua bán người 30/7/2026"

    editor = sign_in(browser, live_server, "bientap")
    editor.goto(f"/admin/pages/add/campaigns/campaignpage/{newsroom.pk}/")
    editor.locator("#id_title").fill(title)
    editor.locator("#id_title").blur()
    # The slug is written as the title is typed, in plain ASCII (Wagtail's JS has no
    # Vietnamese table: the project's formatters map the letters first).
    expect(editor.locator("#id_slug")).to_have_value(
        "ngay-toan-dan-phong-chong-mua-ban-nguoi-3072026"
    )
    editor.locator("#id_theme").fill("Chung tay vì cộng đồng an toàn")
    editor.locator("#id_intro").fill("Cùng tìm hiểu thủ đoạn của kẻ mua bán người.")
    # Editors cannot publish: the menu offers "submit for review", not "publish".
    expect(editor.locator('button[name="action-publish"]')).to_have_count(0)
    editor.locator("footer .w-dropdown__toggle").first.click()
    editor.locator('button[name="action-submit"]').click()
    expect(editor.locator(".messages")).to_contain_text(title)
    expect(editor.locator(".messages")).to_contain_text("gửi duyệt")
    editor.screenshot(path=str(ARTIFACTS / "admin-editor-submitted-1366.png"))
    assert not english_on_screen(editor.content())  # as the browser shows it, scripts run

    campaign = CampaignPage.objects.get(title=title)
    assert not campaign.live
    assert campaign.current_workflow_state is not None
    editor.context.close()

    phone.goto("/chien-dich/")
    expect(phone.get_by_text(title)).to_have_count(0)  # not published yet

    moderator = sign_in(browser, live_server, "kiemduyet")
    moderator.goto(f"/admin/pages/{campaign.pk}/edit/")
    moderator.locator("footer .w-dropdown__toggle").first.click()
    assert not english_on_screen(moderator.content())
    moderator.locator('button[data-workflow-action-name="approve"]').first.click()
    expect(moderator.locator(".messages")).to_contain_text(title)
    assert not english_on_screen(moderator.content())
    moderator.context.close()

    campaign.refresh_from_db()
    assert campaign.live
    assert campaign.url.isascii(), campaign.url

    phone.goto("/")
    phone.get_by_role("link", name=title).first.click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(title)
    expect(phone.get_by_text("Toàn quốc")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.fixture
def full_campaign(newsroom):
    slogan = SloganFactory(text="Chung tay phòng, chống mua bán người", year=2017)
    return campaign_page(
        index=newsroom,
        year=2026,
        title="Ngày toàn dân phòng, chống mua bán người 30/7/2026",
        theme="Chung tay vì cộng đồng an toàn",
        intro="Cùng tìm hiểu thủ đoạn của kẻ mua bán người.",
        hero_image=hero_image(),
        hero_alt_text="Hình minh họa chiến dịch",
        slogans=[slogan],
        body=[
            ("key_messages", {"heading": "Thông điệp chính", "messages": ["Cảnh giác", "Báo tin"]}),
            ("call_to_action", {"heading": "Cần giúp đỡ?", "text": "Gọi ngay, miễn phí."}),
            ("share_slogan", {"slogan": slogan, "invitation": "Chia sẻ khẩu hiệu này"}),
        ],
    )


def test_campaign_page_on_a_phone_without_javascript(full_campaign, browser, live_server):
    from tests.e2e.conftest import ARTIFACTS, PHONE

    context = browser.new_context(
        viewport=PHONE, base_url=live_server.url, java_script_enabled=False, is_mobile=True
    )
    serve_media(context)
    page = context.new_page()
    page.goto(full_campaign.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(full_campaign.title)
    expect(page.locator(".share-slogan__image")).to_be_visible()
    expect(page.locator('a[href="tel:111"]').first).to_be_visible()
    og_image = page.locator('meta[property="og:image"]').get_attribute("content")
    # Shared links name the site's configured host (WAGTAILADMIN_BASE_URL), not the request's.
    assert og_image.startswith(settings.WAGTAILADMIN_BASE_URL) and og_image.endswith(".png")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "campaign_page_phone.png"), full_page=True)
    page.goto(full_campaign.get_parent().url)
    page.screenshot(path=str(ARTIFACTS / "campaign_index_phone.png"), full_page=True)
    page.goto("/")
    expect(page.locator(".home-campaign")).to_contain_text(full_campaign.title)
    page.screenshot(path=str(ARTIFACTS / "home_campaign_section_phone.png"), full_page=True)
    context.close()
