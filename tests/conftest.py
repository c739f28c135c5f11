import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from common import coalesced_tasks
from tests.celery_worker import broker_queue, celery_worker  # noqa: F401 (fixtures for every test)


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate limits and settings live in the cache; one test must not spend another's budget.
    # What processes remember beside the cache goes with it.
    cache.clear()
    coalesced_tasks.forget_waiting_calls()
    yield
    cache.clear()
    coalesced_tasks.forget_waiting_calls()


@pytest.fixture(autouse=True)
def _default_language():
    # A request to /en/ leaves English active in the test thread; start every test in Vietnamese.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def home_page(db):
    """The site as `make run` sets it up: home page in Vietnamese and English, hotline 111."""
    from cms.core.demo.site import load

    return load(out=lambda *args: None)
