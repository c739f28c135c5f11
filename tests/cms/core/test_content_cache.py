"""The content cache keeps what is derived from published pages until any page or view
restriction changes; then everything in it is rebuilt on the next read."""

import pytest
from wagtail.models import Page, PageViewRestriction, Site

from cms.core import content_cache
from tests.factories.pages import plain_page

pytestmark = pytest.mark.django_db


def counting_builder():
    builds = []

    def build():
        builds.append(1)
        return f"built {len(builds)}"

    return builds, build


def test_a_value_is_built_once_then_read_from_the_cache():
    builds, build = counting_builder()
    assert content_cache.get_or_build(("x",), build) == "built 1"
    assert content_cache.get_or_build(("x",), build) == "built 1"
    assert len(builds) == 1


def test_nothing_is_kept_for_none():
    calls = []
    content_cache.get_or_build(("missing",), lambda: calls.append(1))
    content_cache.get_or_build(("missing",), lambda: calls.append(1))
    assert len(calls) == 2


@pytest.mark.parametrize(
    "change",
    [
        lambda page: page.save_revision().publish(),
        lambda page: page.unpublish(),
        lambda page: page.delete(),
        lambda page: page.move(page.get_parent().get_parent(), pos="last-child"),
        lambda page: PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.LOGIN
        ),
        lambda page: Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "chungtay.example.org", "root_page": page}
        ),
    ],
    ids=["publish", "unpublish", "delete", "move", "view restriction", "site"],
)
def test_a_change_to_the_page_tree_empties_the_cache_once_committed(
    change, django_capture_on_commit_callbacks
):
    section = plain_page(title="Mục")
    page = section.add_child(instance=Page(title="Trang", slug="trang", locale=section.locale))
    builds, build = counting_builder()
    content_cache.get_or_build(("x",), build)

    with django_capture_on_commit_callbacks() as callbacks:
        change(page)
    # Until the change is committed, readers keep what they see in the database.
    assert content_cache.get_or_build(("x",), build) == "built 1"
    for callback in callbacks:
        callback()

    assert content_cache.get_or_build(("x",), build) == "built 2"


def test_deleting_other_rows_keeps_django_fast_deletes():
    from django.contrib.sessions.models import Session
    from django.db.models.deletion import Collector

    assert Collector(using="default").can_fast_delete(Session.objects.all())


def test_a_lost_generation_never_brings_old_entries_back():
    from django.core.cache import cache

    builds, build = counting_builder()
    content_cache.get_or_build(("x",), build)
    old_generation = content_cache.generation()
    cache.delete(content_cache.GENERATION_KEY)  # evicted
    assert content_cache.generation() != old_generation
    assert content_cache.get_or_build(("x",), build) == "built 2"
