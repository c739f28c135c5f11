from tests.elearning.coverage.conftest import communes, ha_noi, hanoi_commune, ninh_binh  # noqa: F401
