"""Pages served with their route, site and view restrictions from the content cache
(cms/core/routing.py): the second visitor costs one query, and every change an editor makes
still shows at once."""

import pytest
from wagtail.models import PageViewRestriction

from tests.factories.campaigns import campaign_index, campaign_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def rendered_every_time(settings):
    """What the router does, not what the anonymous page cache in front of it keeps
    (tests/cms/core/test_page_cache.py)."""
    settings.PAGE_CACHE_PAGE_TYPES = []


@pytest.fixture
def campaign(home_page):
    return campaign_page(index=campaign_index(home=home_page), year=2026, title="Tháng hành động")


def test_a_page_is_found_by_one_query_once_its_route_is_known(
    client, campaign, django_assert_max_num_queries
):
    assert client.get(campaign.url).status_code == 200
    with django_assert_max_num_queries(3):  # the page (with its image), its slogans
        response = client.get(campaign.url)
    assert response.status_code == 200
    assert response.context["page"].pk == campaign.pk


def test_an_unpublished_page_is_gone_although_its_route_was_known(
    client, campaign, django_capture_on_commit_callbacks
):
    assert client.get(campaign.url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        campaign.unpublish()
    assert client.get(campaign.url).status_code == 404


def test_an_unpublished_page_is_gone_even_before_the_cache_is_emptied(client, campaign):
    """Between the commit and the cache's emptying, the route names a page no longer live."""
    url = campaign.url
    assert client.get(url).status_code == 200
    type(campaign).objects.filter(pk=campaign.pk).update(live=False)
    assert client.get(url).status_code == 404


def test_a_view_restriction_applies_to_a_page_whose_route_was_known(
    client, campaign, django_capture_on_commit_callbacks
):
    assert client.get(campaign.url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=campaign.get_parent(), restriction_type=PageViewRestriction.LOGIN
        )
    response = client.get(campaign.url)
    assert response.status_code == 302
    assert response["Location"].endswith(f"?next={campaign.url}")  # asked to sign in


def test_a_moved_page_is_served_at_its_new_address_and_the_old_one_redirects(
    client, home_page, campaign, django_capture_on_commit_callbacks
):
    old_url = campaign.url
    assert client.get(old_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        campaign.move(home_page, pos="last-child")
    campaign.refresh_from_db()
    assert client.get(campaign.url).status_code == 200
    response = client.get(old_url)
    assert response.status_code == 301  # Wagtail's automatic redirect, not the old page
    assert response["Location"] == campaign.url


def test_each_language_gets_its_own_page_at_the_same_path(client, home_page):
    """/ is the Vietnamese home page, /en/ the English one: one route each."""
    assert client.get("/").context["page"].locale.language_code == "vi"
    assert client.get("/en/").context["page"].locale.language_code == "en"
    assert client.get("/").context["page"].locale.language_code == "vi"


def test_wagtail_own_urls_still_answer(client, home_page):
    """The password form of a protected page lives under Wagtail's _util/ URLs."""
    restriction = PageViewRestriction.objects.create(
        page=home_page, restriction_type=PageViewRestriction.PASSWORD, password="mật-khẩu"
    )
    url = f"/_util/authenticate_with_password/{restriction.pk}/{home_page.pk}/"
    response = client.post(url, {"password": "sai", "return_url": "/"})
    assert response.status_code == 200  # the form again, not a 404 from the page route
