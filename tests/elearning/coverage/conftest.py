import pytest

from tests.factories.geo import CommuneFactory, ProvinceFactory


@pytest.fixture
def ninh_binh(db):
    return ProvinceFactory(code="37", name="Tỉnh Ninh Bình")


@pytest.fixture
def ha_noi(db):
    return ProvinceFactory(code="01", name="Thành phố Hà Nội")


@pytest.fixture
def communes(ninh_binh):
    """Three communes of Ninh Bình, with coordinates for the map."""
    return [
        CommuneFactory(
            province=ninh_binh,
            code=f"1{i:04d}",
            name=name,
            latitude=20.25 + i / 100,
            longitude=105.97 + i / 100,
        )
        for i, name in enumerate(["Phường Hoa Lư", "Xã Gia Viễn", "Xã Kim Sơn"])
    ]


@pytest.fixture
def hanoi_commune(ha_noi):
    return CommuneFactory(province=ha_noi, code="00004", name="Phường Ba Đình")
