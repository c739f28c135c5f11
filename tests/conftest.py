import pytest
from django.core.cache import cache

from tests.celery_worker import celery_worker  # noqa: F401 (a fixture for every test)


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate limits and settings live in the cache; one test must not spend another's budget.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_page(db):
    """The site as `make run` sets it up: home page in Vietnamese and English, hotline 111."""
    from cms.core.demo.site import load

    return load(out=lambda *args: None)
