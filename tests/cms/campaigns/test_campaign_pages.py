import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale

from cms.campaigns.models import SloganStatus
from tests.factories.campaigns import SloganFactory, campaign_page, hero_image
from tests.factories.geo import CommuneFactory

pytestmark = pytest.mark.django_db


def test_event_date_defaults_to_30_july_of_the_year(campaigns):
    page = campaign_page(index=campaigns, year=2017)
    assert page.event_date == datetime.date(2017, 7, 30)


def test_event_date_outside_the_year_is_refused_in_vietnamese(campaigns):
    page = campaign_page(index=campaigns, year=2026)
    page.event_date = datetime.date(2025, 7, 30)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "Ngày sự kiện phải nằm trong năm của chiến dịch." in str(error.value)


def test_campaign_page_shows_slogans_region_and_nationwide(client, campaigns, campaign):
    html = client.get(campaign.url).content.decode()
    assert "Chung tay phòng, chống mua bán người" in html
    assert "30/07/2026" in html
    assert "Toàn quốc" in html
    assert "Chủ đề" in html and "An toàn cho mọi người" in html

    commune = CommuneFactory(name="Xã Mường Lát")
    local = campaign_page(index=campaigns, year=2025, region=commune)
    assert "Xã Mường Lát" in client.get(local.url).content.decode()


def test_a_slogan_awaiting_review_is_labelled_neutrally_for_the_public(client, campaigns, editor):
    unconfirmed = SloganFactory(status=SloganStatus.NEEDS_REVIEW)
    page = campaign_page(index=campaigns, year=2024, slogans=[unconfirmed])
    html = client.get(page.url).content.decode()
    assert "đang cập nhật" in html
    assert "biên tập viên" not in html
    client.force_login(editor)  # editors see why
    assert "đang chờ biên tập viên xác nhận" in client.get(page.url).content.decode()


def test_retired_slogans_are_not_shown(client, campaigns):
    retired = SloganFactory(text="Khẩu hiệu cũ", status=SloganStatus.RETIRED)
    page = campaign_page(index=campaigns, year=2023, slogans=[retired])
    assert "Khẩu hiệu cũ" not in client.get(page.url).content.decode()


def test_the_slogan_card_is_the_open_graph_image(client, campaign):
    html = client.get(campaign.url).content.decode()
    og_image = re.search(r'<meta property="og:image" content="([^"]+)"', html).group(1)
    assert og_image.startswith("http://testserver/")
    assert og_image.endswith(".png")
    assert '<meta property="og:image:width" content="1200">' in html


def test_hotline_call_to_action_uses_the_site_setting(client, campaigns, slogan):
    page = campaign_page(
        index=campaigns,
        year=2022,
        body=[
            ("call_to_action", {"heading": "Cần giúp đỡ?", "text": "Gọi ngay."}),
            ("key_messages", {"heading": "Thông điệp", "messages": ["Cảnh giác", "Báo tin"]}),
            ("share_slogan", {"slogan": slogan, "invitation": ""}),
        ],
    )
    html = client.get(page.url).content.decode()
    assert 'href="tel:111"' in html and "Cần giúp đỡ?" in html
    assert "<li>Cảnh giác</li>" in html
    assert "Chia sẻ khẩu hiệu này" in html
    assert "facebook.com/sharer" in html


def test_english_campaign_shows_the_english_slogan(client, campaign, slogan):
    en = Locale.objects.get(language_code="en")
    english_slogan = slogan.copy_for_translation(en)
    english_slogan.text = "Hand in hand against human trafficking"
    english_slogan.save()
    english = campaign.copy_for_translation(en, copy_parents=True)
    english.save_revision().publish()

    html = client.get(english.url).content.decode()
    assert english.url.startswith("/en/")
    assert "Hand in hand against human trafficking" in html
    assert "Nationwide" in html


def test_campaign_index_lists_live_campaigns_newest_first(client, campaigns, campaign):
    campaign_page(index=campaigns, year=2017, title="Chiến dịch 2017")
    campaign_page(index=campaigns, year=2027, title="Chiến dịch 2027 (nháp)", publish=False)
    html = client.get(campaigns.url).content.decode()
    assert html.index(campaign.title) < html.index("Chiến dịch 2017")
    assert "2027 (nháp)" not in html


def test_hero_image_is_responsive_with_alt_text(client, campaigns):
    page = campaign_page(
        index=campaigns, year=2021, hero_image=hero_image(), hero_alt_text="Bàn tay nắm tay"
    )
    html = client.get(page.url).content.decode()
    assert "<picture" in html
    assert 'type="image/avif"' in html and 'type="image/webp"' in html
    assert 'alt="Bàn tay nắm tay"' in html
