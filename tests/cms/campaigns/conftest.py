import pytest

from tests.factories.campaigns import SloganFactory, campaign_index, campaign_page


@pytest.fixture
def campaigns(home_page):
    return campaign_index(home=home_page)


@pytest.fixture
def slogan(home_page):
    return SloganFactory(text="Chung tay phòng, chống mua bán người", year=2017)


@pytest.fixture
def campaign(campaigns, slogan):
    return campaign_page(
        index=campaigns, year=2026, slogans=[slogan], theme="An toàn cho mọi người"
    )
