"""The anonymous page cache (cms/core/page_cache.py): public pages are rendered once for every
visitor without cookies, changed at once by a publish in every web process, and never carry
one person's page or CSRF token to another."""

import re

import pytest
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client

from cms.core.models import SiteSettings
from elearning.accounts.guest import COOKIE_NAME as GUEST_COOKIE
from tests.factories.accounts import LearnerFactory, sign_in_as_guest
from tests.factories.campaigns import campaign_index, campaign_page
from tests.factories.geo import CommuneFactory
from tests.factories.learning import make_course, make_lesson, make_quiz

pytestmark = pytest.mark.django_db

HEADER_NAME = "X-Page-Cache"
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def campaign(home_page):
    return campaign_page(index=campaign_index(home=home_page), intro="Lời kêu gọi năm nay.")


@pytest.fixture
def lesson(home_page):
    return make_lesson(make_course(home_page))


def state(response) -> str:
    return response.get("X-Page-Cache", "")


def publish(page, django_capture_on_commit_callbacks, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()


def test_an_anonymous_visitor_gets_the_page_kept_for_everyone(client, campaign):
    first = client.get(campaign.url)
    second = Client().get(campaign.url)

    assert (state(first), state(second)) == ("miss", "hit")
    assert second.content == first.content
    assert campaign.title in second.content.decode()
    # A CDN or nginx may keep it briefly; a visitor with a session cookie is another variant.
    assert second["Cache-Control"] == "public, max-age=30"
    assert "Cookie" in second["Vary"]
    assert not second.cookies and not first.cookies


def test_the_compressed_and_the_plain_page_are_kept_apart(client, campaign):
    plain = client.get(campaign.url)
    gzipped = client.get(campaign.url, HTTP_ACCEPT_ENCODING="gzip")
    again = client.get(campaign.url, HTTP_ACCEPT_ENCODING="gzip, deflate")

    assert (state(plain), state(gzipped), state(again)) == ("miss", "miss", "hit")
    assert again["Content-Encoding"] == "gzip" and "Content-Encoding" not in plain


def test_pages_are_kept_per_language_and_per_host(client, home_page):
    vi = client.get("/")
    en = client.get("/en/")
    other_host = client.get("/", HTTP_HOST="chungtay.example.org")
    with_port = client.get("/en/", HTTP_HOST="127.0.0.1:8000")

    assert [state(r) for r in (vi, en, other_host, with_port)] == ["miss"] * 4
    assert vi["Content-Language"] == "vi" and en["Content-Language"] == "en"
    assert state(client.get("/en/")) == "hit"
    assert client.get("/en/").content == en.content != vi.content


def test_a_publish_changes_the_page_at_once_in_every_web_process(
    settings, campaign, django_capture_on_commit_callbacks
):
    """Two web processes are two clients of one shared cache (Redis at CACHE_URL in CI, the
    shared in-memory store on a plain run); the editor's process is a third."""
    shared = settings.CACHES["default"]
    settings.CACHES = {**settings.CACHES, "process_a": dict(shared), "process_b": dict(shared)}
    processes = []
    for alias in ("process_a", "process_b"):
        settings.PAGE_CACHE_ALIAS = alias
        process = Client()
        process.get(campaign.url)  # the process starts and loads its middleware
        processes.append(process)
    assert [state(p.get(campaign.url)) for p in processes] == ["hit", "hit"]

    publish(campaign, django_capture_on_commit_callbacks, title="Tháng hành động 2026")

    for process in processes:
        response = process.get(campaign.url)
        assert "Tháng hành động 2026" in response.content.decode()
    assert state(processes[0].get(campaign.url)) == "hit"


@pytest.mark.parametrize("change", ["unpublish", "move"])
def test_an_unpublished_or_moved_page_is_not_served_from_the_cache(
    client, home_page, campaign, change, django_capture_on_commit_callbacks
):
    old_url = campaign.url
    assert state(client.get(old_url)) == "miss"

    with django_capture_on_commit_callbacks(execute=True):
        if change == "unpublish":
            campaign.unpublish()
        else:
            campaign.move(home_page, pos="last-child")

    response = client.get(old_url)
    assert state(response) != "hit"
    if change == "unpublish":
        assert response.status_code == 404
    else:  # Wagtail's redirect to where it went
        assert response.status_code == 301 and response["Location"] == "/30-7-2026/"


def test_a_site_settings_change_shows_on_cached_pages_at_once(
    client, campaign, django_capture_on_commit_callbacks
):
    client.get(campaign.url)
    site_settings = SiteSettings.for_site(campaign.get_site())
    site_settings.hotline_number = "1900 1234"
    with django_capture_on_commit_callbacks(execute=True):
        site_settings.save()

    response = client.get(campaign.url)
    assert state(response) == "miss"
    assert "1900 1234" in response.content.decode()


def test_a_signed_in_learner_never_gets_a_cached_page_nor_leaves_one(client, lesson):
    learner = LearnerFactory(username="lan.nguyen")
    client.force_login(learner)
    client.post(lesson.url)  # "I have finished this lesson"
    own = client.get(lesson.url)
    assert state(own) == "bypass"
    assert "You have finished" in own.content.decode() or "Bạn đã học xong" in own.content.decode()
    assert own["Cache-Control"] == "private, max-age=0"

    anonymous = Client().get(lesson.url)
    assert state(anonymous) == "miss"  # the learner's visit left nothing
    assert anonymous.content != own.content
    assert state(client.get(lesson.url)) == "bypass"  # and the kept page is not theirs either


def test_attack_a_guests_progress_and_csrf_token_never_reach_another_visitor(client, lesson):
    """A guest (a signed cookie, no account) finishes a lesson: their page has their progress
    and a CSRF token. The next visitor without cookies must get neither."""
    commune = CommuneFactory()
    sign_in_as_guest(client, commune=commune)
    form_page = client.get(lesson.url)
    assert state(form_page) == "bypass"
    guest_token = TOKEN.search(form_page.content).group(1)
    client.post(lesson.url, {"csrfmiddlewaretoken": guest_token})
    guest_page = client.get(lesson.url)
    assert GUEST_COOKIE in client.cookies and state(guest_page) == "bypass"

    stranger = Client().get(lesson.url)
    assert state(stranger) == "miss"
    assert b"csrfmiddlewaretoken" not in stranger.content
    assert guest_token not in stranger.content
    assert client.cookies["csrftoken"].value.encode() not in stranger.content
    assert stranger.content != guest_page.content


def test_attack_a_page_that_shows_a_form_to_anonymous_visitors_is_never_kept(lesson, monkeypatch):
    """Defence in depth: were the lesson's form shown to visitors without an account, the
    page would carry the visitor's CSRF token. It is then answered per visitor, privately."""
    monkeypatch.setattr("cms.learning.selectors.may_take", lambda **kwargs: True)
    first, second = Client(), Client()

    mine = first.get(lesson.url)
    theirs = second.get(lesson.url)

    assert (state(mine), state(theirs)) == ("bypass", "bypass")
    assert mine["Cache-Control"] == "private, max-age=0"
    # Each visitor's form carries a token of their own secret, never the other's.
    their_token = TOKEN.search(theirs.content).group(1).decode()
    assert _unmask_cipher_token(their_token) == second.cookies["csrftoken"].value
    assert _unmask_cipher_token(their_token) != first.cookies["csrftoken"].value


def test_a_quiz_page_is_never_kept(client, home_page):
    """Its form carries a fresh form token per rendering (a double tap is recognised by it):
    not a type the cache may keep."""
    quiz = make_quiz(make_course(home_page))
    first, second = client.get(quiz.url), Client().get(quiz.url)
    assert (state(first), state(second)) == ("bypass", "bypass")


def test_query_strings_never_fill_the_cache(client, home_page, settings):
    """A search (?q=…) or any other parameter would let visitors fill the cache without bound;
    tracking parameters from shared links are served the page kept without them."""
    for n in range(3):
        assert state(client.get("/", {"q": f"tìm {n}"})) == "bypass"
    assert state(client.get("/", {"utm_source": "zalo"})) == "bypass"  # not kept: none yet
    assert state(client.get("/")) == "miss"
    assert state(client.get("/", {"utm_source": "zalo", "fbclid": "x1"})) == "hit"
    assert state(client.get("/", {"q": "x"})) == "bypass"


def test_a_visitor_with_another_cookie_is_answered_for_themselves(client, campaign):
    client.get(campaign.url)
    client.cookies["sessionid"] = "whatever"
    assert state(client.get(campaign.url)) == "bypass"


def test_in_front_of_django_a_hit_is_the_whole_answer_and_runs_nothing_of_the_site(
    client, campaign, django_assert_num_queries
):
    from django.test import RequestFactory

    from cms.core.page_cache import ServeCachedPages

    def run(app, url):
        answer = {}

        def start_response(status, headers):
            answer.update(status=status, headers=dict(headers))

        answer["body"] = b"".join(app(RequestFactory().get(url).environ, start_response))
        return answer

    def the_site(environ, start_response):
        start_response("204 No Content", [])
        return [b""]

    # Not kept yet: the front hands the request to the site.
    assert run(ServeCachedPages(the_site), campaign.url)["status"] == "204 No Content"
    stored = client.get(campaign.url)
    assert state(stored) == "miss"

    with django_assert_num_queries(0):
        hit = run(ServeCachedPages(the_site), campaign.url)
    assert (hit["status"], hit["headers"][HEADER_NAME]) == ("200 OK", "hit")
    assert hit["body"] == stored.content and campaign.title in hit["body"].decode()
    # Every header the site's middleware added comes back: security headers and the CSP too.
    for name in ("Content-Security-Policy", "X-Content-Type-Options", "Cache-Control", "Vary"):
        assert hit["headers"][name] == stored[name]


def test_attack_a_request_django_refuses_passes_the_front_and_gets_its_answer(client, campaign):
    """Too many parameters make Django's query parsing raise: the front lets Django answer."""
    from django.test import RequestFactory

    from cms.core.page_cache import ServeCachedPages

    site_ran = []

    def the_site(environ, start_response):
        site_ran.append(environ["QUERY_STRING"][:10])
        start_response("400 Bad Request", [])
        return [b""]

    request = RequestFactory().get(campaign.url + "?" + "&".join(f"a{n}=1" for n in range(2000)))
    body = ServeCachedPages(the_site)(request.environ, lambda status, headers: None)
    assert list(body) == [b""] and site_ran == ["a0=1&a1=1&"]
