import pytest

from cms.campaigns.cards import card_key
from tests.factories.campaigns import SloganFactory, campaign_index, campaign_page

pytestmark = pytest.mark.django_db


def test_the_2026_campaign_shares_a_card_that_names_2026_and_zalo_beside_facebook(
    client, home_page
):
    slogan = SloganFactory(text="Chung tay phòng, chống mua bán người", year=2017)
    page = campaign_page(index=campaign_index(home=home_page), year=2026, slogans=[slogan])
    html = client.get(page.url).content.decode()
    caption = "30/7 · Ngày toàn dân phòng, chống mua bán người"
    footer_2026 = card_key(
        text=slogan.text, caption=caption, footer="Chung Tay · 2026 · Đường dây nóng 111"
    )
    footer_2017 = card_key(
        text=slogan.text, caption=caption, footer="Chung Tay · 2017 · Đường dây nóng 111"
    )
    assert footer_2026 in html
    assert footer_2017 not in html
    # Shared on the site's public address, not the demo Site's "localhost".
    assert (
        f"facebook.com/sharer/sharer.php?u=http%3A%2F%2Ftestserver{page.url.replace('/', '%2F')}"
        in html
    )
    assert "Zalo" in html
    assert "localhost" not in html
