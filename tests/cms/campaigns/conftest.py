import pytest
from django.contrib.auth.models import Group

from cms.campaigns.editorial import EDITORS, MODERATORS, ensure_editorial_workflow

# The coverage tests' provinces and communes (Ninh Bình and its three communes, Hà Nội): posters.
from tests.elearning.coverage.conftest import communes, ha_noi, hanoi_commune, ninh_binh  # noqa: F401
from tests.factories.accounts import UserFactory
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


@pytest.fixture
def workflow(campaigns):
    return ensure_editorial_workflow(pages=[campaigns])


@pytest.fixture
def editor(workflow):
    user = UserFactory(username="bientap")
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.fixture
def moderator(workflow):
    user = UserFactory(username="kiemduyet")
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user
