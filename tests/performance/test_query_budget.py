"""Every learner page in at most 6 SQL queries (issue 18), for an anonymous visitor and for a
signed-in learner with some history, on SQLite and PostgreSQL alike. Each page's own count is
pinned, so that a query added to a page fails here; the timings are in bench/pages.py.

What is measured is a page as a second visitor gets it: the first view of a page after a
publication fills the content cache (the route, the course's steps, the breadcrumbs...)."""

import pytest
from django.core.cache import caches

pytestmark = pytest.mark.django_db

BUDGET = 6

# page: (anonymous, signed-in learner) — the most queries each may take, rendered by the site
# (the anonymous visitor carries a cookie of their own: without one, the page cache answers).
PAGES = {
    "home": (1, 3),
    "campaign index": (1, 2),
    "campaign": (1, 2),
    "course index": (1, 3),
    "course": (1, 3),
    "lesson": (1, 3),
    "lesson_h5p": (2, 5),
    "quiz": (1, 3),
    "legal index": (2, 3),
    "legal search": (3, 4),
    "legal_document": (1, 3),
    "my learning": (0, 6),
    "home (en)": (1, 3),
    "lesson_h5p (en)": (2, 5),
    "course (en)": (1, 4),
}


def test_no_page_is_pinned_above_the_budget():
    assert all(count <= BUDGET for pair in PAGES.values() for count in pair)


@pytest.mark.parametrize("page", PAGES)
def test_an_anonymous_visitor_gets_each_page_within_its_queries(
    client, demo_site, django_assert_max_num_queries, page
):
    client.cookies["own"] = "1"  # rendered by the site, not answered by the page cache
    url = demo_site[page]
    assert client.get(url).status_code == 200  # fills the content cache
    with django_assert_max_num_queries(PAGES[page][0]):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("page", PAGES)
def test_a_signed_in_learner_gets_each_page_within_its_queries(
    client, demo_site, django_assert_max_num_queries, page
):
    client.force_login(demo_site["learner"])
    url = demo_site[page]
    assert client.get(url).status_code == 200
    with django_assert_max_num_queries(PAGES[page][1]):
        response = client.get(url)
    assert response.status_code == 200
    # The learner's own history is on the page they asked for (not someone's cached page).
    if page == "my learning":
        assert response.context["mine"].in_progress


def test_the_quiz_result_page_is_within_the_budget(
    client, demo_site, django_assert_max_num_queries
):
    client.force_login(demo_site["learner"])
    url = demo_site["quiz_review"]
    assert client.get(url).status_code == 200
    with django_assert_max_num_queries(BUDGET):
        response = client.get(url)
    assert response.context["attempt"] is not None


class CacheWrites:
    """Counts writes to the shared cache (the real one, written through as usual)."""

    METHODS = ("set", "set_many", "add", "delete", "delete_many", "incr")

    def __init__(self, monkeypatch):
        self.calls = []
        backends = {id(caches[alias]): caches[alias] for alias in caches}
        for backend in backends.values():
            for name in self.METHODS:
                monkeypatch.setattr(backend, name, self._counting(name, getattr(backend, name)))

    def _counting(self, name, method):
        def counted(*args, **kwargs):
            self.calls.append((name, args[0] if args else None))
            return method(*args, **kwargs)

        return counted


@pytest.mark.parametrize("page", ["campaign", "home", "lesson_h5p", "legal_document"])
def test_viewing_a_page_again_writes_nothing_to_the_cache(client, demo_site, monkeypatch, page):
    url = demo_site[page]
    client.get(url)  # draws image renditions and slogan cards, fills the content cache
    writes = CacheWrites(monkeypatch)
    assert client.get(url).status_code == 200
    assert writes.calls == []


def test_a_learner_gets_no_editor_user_bar_and_an_editor_does(client, demo_site):
    from tests.factories.accounts import StaffFactory

    client.force_login(demo_site["learner"])
    assert b"w-userbar" not in client.get(demo_site["lesson"]).content

    editor = StaffFactory(is_superuser=True)
    client.force_login(editor)
    assert b"w-userbar" in client.get(demo_site["lesson"]).content


def test_production_renders_templates_with_the_cached_loader():
    """Templates are parsed once per process. Production and the tests share
    config.settings.base's TEMPLATES, which names no loaders: Django then wraps the filesystem
    and app loaders in the cached one."""
    from django.template import engines

    engine = engines["django"].engine
    assert [type(loader).__module__ for loader in engine.template_loaders] == [
        "django.template.loaders.cached"
    ]
