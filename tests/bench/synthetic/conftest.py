from tests.elearning.coverage.conftest import communes, ninh_binh  # noqa: F401
