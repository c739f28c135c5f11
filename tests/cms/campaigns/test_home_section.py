import pytest
from django.utils import timezone

from tests.factories.campaigns import SloganFactory, campaign_page

pytestmark = pytest.mark.django_db


def test_home_page_shows_this_years_campaign_and_slogans(client, campaigns):
    this_year = timezone.localdate().year
    campaign_page(index=campaigns, year=2017, title="Chiến dịch 2017")
    slogan = SloganFactory(text="Chung tay phòng, chống mua bán người")
    current = campaign_page(
        index=campaigns, year=this_year, title=f"Chiến dịch {this_year}", slogans=[slogan]
    )
    html = client.get("/").content.decode()
    assert current.title in html
    assert "Chung tay phòng, chống mua bán người" in html
    assert current.url in html
    assert "Chiến dịch 2017" not in html


def test_home_page_falls_back_to_the_latest_campaign(client, campaigns):
    campaign_page(index=campaigns, year=2017, title="Chiến dịch 2017")
    campaign_page(index=campaigns, year=2020, title="Chiến dịch 2020")
    html = client.get("/").content.decode()
    assert "Chiến dịch 2020" in html
    assert "Chiến dịch 2017" not in html


def test_home_page_without_campaigns_still_renders(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    assert "home-campaign" not in response.content.decode()
