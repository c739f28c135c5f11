"""Each learner page asks the shared cache (Redis in production) a pinned number of times, as
tests/performance/test_query_budget.py pins its SQL queries: a round trip to Redis costs the
request about as much as a query. The content cache's generation is read once per request
(common.generation_cache) and what is derived from the content (routes, settings, menus,
renditions in rendered fragments, Wagtail's site root paths) is kept in the process for that
generation: what is left is the generation and a signed-in learner's session.

Pages are measured as the site renders them (a cookie of the visitor's own keeps the page
cache out: its one round trip is its own), the second time they are asked for."""

import pytest
from django.core.cache import caches

from .test_query_budget import PAGES as QUERY_PAGES

pytestmark = pytest.mark.django_db

# page: (anonymous, signed-in learner) — the most round trips to the cache each may take:
# the generation, and the signed-in learner's session.
PAGES = {
    "home": (1, 2),
    "campaign index": (1, 2),
    "campaign": (1, 2),
    "course index": (1, 2),
    "course": (1, 2),
    "lesson": (1, 2),
    "lesson_h5p": (1, 2),
    "quiz": (1, 2),
    "legal index": (1, 2),
    "legal search": (1, 2),
    "legal_document": (1, 2),
    "my learning": (0, 3),  # + Wagtail's site root paths: not a page the router serves
    "home (en)": (1, 2),
    "lesson_h5p (en)": (1, 2),
    "course (en)": (1, 2),
}


class CacheCalls:
    """Counts calls to the shared cache (the real backend, answering as usual): each is a
    round trip to Redis. A call made by another (LocMemCache's get_many calls get) is part
    of it."""

    METHODS = (
        "get", "get_many", "has_key", "set", "set_many", "add", "get_or_set", "touch",
        "delete", "delete_many", "incr", "decr",
    )  # fmt: skip

    def __init__(self, monkeypatch):
        self.calls = []
        self.depth = 0
        backends = {id(caches[alias]): caches[alias] for alias in caches}
        for backend in backends.values():
            for name in self.METHODS:
                monkeypatch.setattr(backend, name, self._counting(name, getattr(backend, name)))

    def _counting(self, name, method):
        def counted(*args, **kwargs):
            if not self.depth:
                self.calls.append((name, args[0] if args else None))
            self.depth += 1
            try:
                return method(*args, **kwargs)
            finally:
                self.depth -= 1

        return counted


def test_every_page_of_the_query_budget_has_a_round_trip_budget():
    assert set(PAGES) == set(QUERY_PAGES)


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed in"])
@pytest.mark.parametrize("page", PAGES)
def test_each_page_asks_the_cache_within_its_budget(
    client, demo_site, monkeypatch, page, signed_in
):
    if signed_in:
        client.force_login(demo_site["learner"])
    elif page == "my learning":
        pytest.skip("signed-in learners only")
    client.cookies["own"] = "1"  # rendered by the site, not answered by the page cache
    url = demo_site[page]
    assert client.get(url).status_code == 200  # fills the content cache
    calls = CacheCalls(monkeypatch)
    assert client.get(url).status_code == 200
    assert len(calls.calls) <= PAGES[page][signed_in], calls.calls


def test_a_page_cache_miss_reads_the_generation_once(client, demo_site, monkeypatch):
    """The page cache reads the generation with its entry; the page rendered on a miss uses
    that read instead of asking the shared cache again."""
    from cms.core import content_cache

    content_cache.generation()  # a running site has one
    calls = CacheCalls(monkeypatch)
    response = client.get(demo_site["campaign"])
    assert response.status_code == 200 and response["X-Page-Cache"] == "miss"
    generation_reads = [
        call for call in calls.calls if call[0] == "get" and call[1] == "content-cache:generation"
    ]
    assert generation_reads == [], calls.calls
