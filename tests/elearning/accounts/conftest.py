import pytest
from django.utils import timezone, translation

from tests.factories.geo import CommuneFactory, ProvinceFactory

THIS_YEAR = timezone.localdate().year


@pytest.fixture(autouse=True)
def _vietnamese():
    # A request to /en/ leaves English active in the thread, and reverse() follows it.
    with translation.override("vi"):
        yield


@pytest.fixture
def ba_dinh(db):
    hanoi = ProvinceFactory(code="01", name="Thành phố Hà Nội")
    return CommuneFactory(code="00004", name="Phường Ba Đình", province=hanoi)


@pytest.fixture
def signup_data(ba_dinh):
    """What a 25-year-old community learner sends from the sign-up form."""
    return {
        "commune_query": "ba dinh",
        "commune": ba_dinh.code,
        "birth_year": str(THIS_YEAR - 25),
        "sex": "female",
        "audience": "community",
        "agency": "",
        "guardian_name": "",
        "phone_number": "0987 654 321",
        "email": "",
        "password1": "Hoa-sen-2025!x",
        "password2": "Hoa-sen-2025!x",
    }
