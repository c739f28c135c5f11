"""A commune officer on a phone prints the campaign's poster for their commune (the PDF
downloads), and a guest's phone that scans it lands on the campaign page with the commune
remembered; an editor's poster screen at 1366×768 (screenshots looked at)."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from cms.campaigns.models import CampaignPosterScan
from tests.e2e.conftest import ARTIFACTS, new_phone, sign_in
from tests.factories.campaigns import SloganFactory, campaign_index, campaign_page
from tests.factories.community import officer_of
from tests.factories.geo import CommuneFactory, ProvinceFactory

SHOTS = Path("/tmp/i20d-shots")


@pytest.fixture
def campaign(transactional_db):
    from cms.core.demo.site import load as load_site

    home = load_site(out=lambda *args: None)
    slogan = SloganFactory(text="Chung tay phòng, chống mua bán người", year=2017)
    return campaign_page(index=campaign_index(home=home), year=2026, slogans=[slogan])


@pytest.fixture
def commune(transactional_db):
    province = ProvinceFactory(code="37", name="Tỉnh Ninh Bình")
    commune = CommuneFactory(province=province, code="10001", name="Xã Gia Viễn")
    officer_of(commune, username="canbo-xa")
    return commune


def _shot(page, name):
    for folder in (ARTIFACTS, SHOTS):
        folder.mkdir(exist_ok=True)
        page.screenshot(path=str(folder / f"campaign_poster_{name}.png"), full_page=True)


def test_an_officer_prints_the_poster_and_a_guest_scans_it(
    campaign, commune, browser, live_server, settings, tmp_path
):
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    context, page = new_phone(browser, live_server, timeout=20_000)
    guest, phone = new_phone(browser, live_server, timeout=20_000)
    try:
        sign_in(page, "canbo-xa", "/admin/campaign-posters/")
        page.get_by_role("link", name=campaign.title).click()
        expect(page.locator('select[name="commune"]')).to_have_value(commune.code)
        page.get_by_label("A3").check()
        _shot(page, "1_officer_phone")
        with page.expect_download() as download:
            page.get_by_role("button", name="In áp phích (PDF)").click()
        pdf = tmp_path / "poster.pdf"
        download.value.save_as(pdf)
        assert pdf.read_bytes().startswith(b"%PDF")

        phone.goto(f"{campaign.url}?xa={commune.code}")
        phone.wait_for_url(f"**{campaign.url}")
        expect(phone.locator("h1")).to_contain_text(campaign.title)
        assert CampaignPosterScan.objects.get().commune_id == commune.pk
        assert any(cookie["name"] == "ct_guest" for cookie in guest.cookies())
    finally:
        context.close()
        guest.close()


def test_the_editors_poster_screen(campaign, commune, browser, live_server):
    from django.contrib.auth.models import Group

    from cms.campaigns.editorial import EDITORS, ensure_editorial_workflow
    from tests.factories.accounts import UserFactory

    ha_noi = ProvinceFactory(code="01", name="Thành phố Hà Nội")
    CommuneFactory(province=ha_noi, code="00004", name="Phường Ba Đình")  # two provinces
    ensure_editorial_workflow(pages=[campaign.get_parent()])
    editor = UserFactory(username="bientap")
    editor.groups.add(Group.objects.get(name=EDITORS))
    context = browser.new_context(
        viewport={"width": 1366, "height": 768}, base_url=live_server.url, locale="vi-VN"
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        sign_in(page, "bientap", f"/admin/pages/{campaign.pk}/edit/")
        page.goto(f"/admin/campaign-poster/{campaign.pk}/")
        page.locator('select[name="province"]').select_option("37")
        page.get_by_role("button", name="Xem các xã, phường").click()
        expect(page.locator('select[name="commune"]')).to_be_visible()
        _shot(page, "2_editor_desktop")
    finally:
        context.close()
