"""A campaign as the public sees it on a phone, and the newsroom (demo site, campaign index,
review workflow, an editor and a moderator) that the editors' journey in
test_editor_journey.py works in: there an editor writes and schedules a campaign article on a
phone and on a PC, and a moderator approves it."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from cms.campaigns.editorial import EDITORS, MODERATORS, ensure_editorial_workflow
from tests.factories.accounts import UserFactory
from tests.factories.campaigns import SloganFactory, campaign_index, campaign_page, hero_image


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
