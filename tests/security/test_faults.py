"""Faults with real services: the cache and the broker pointed at a port nobody listens on
(a real refused connection, no mocks). Learners keep signing in, signing up and submitting;
the rate limits still hold (in the process); /healthz says what is degraded, in words of its
own and never the exception's text."""

import socket

import pytest
from django.urls import reverse

from elearning.progress.models import Attempt
from tests.cms.learning.conftest import submit
from tests.factories.accounts import PASSWORD, LearnerFactory, UserFactory
from tests.factories.learning import right_answers


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_down(settings):
    url = f"redis://127.0.0.1:{closed_port()}/4"
    # Through the `settings` fixture, as the tests' own changes, so all are undone in order.
    settings.CACHES = {
        "default": {"BACKEND": "elearning.resilient_cache.ResilientRedisCache", "LOCATION": url}
    }
    return url


@pytest.fixture
def broker_down(redis_down):
    from tests.celery_worker import broker_without_worker

    with broker_without_worker(url=redis_down):
        yield redis_down


@pytest.mark.django_db
def test_login_works_with_the_cache_down_and_the_lock_still_holds(client, redis_down):
    user = UserFactory()
    response = client.post(reverse("account_login"), {"login": user.username, "password": PASSWORD})
    assert response.status_code == 302  # not 429: the rate limit fails open...
    client.logout()
    for _ in range(5):
        client.post(reverse("account_login"), {"login": user.username, "password": "wrong"})
    response = client.post(reverse("account_login"), {"login": user.username, "password": PASSWORD})
    # ...to a limit kept in the process, so guessing is still stopped.
    assert "Quá nhiều lần đăng nhập không thành công" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_sign_up_works_with_the_cache_down(client, redis_down, signup_data):
    from django.contrib.auth import get_user_model

    response = client.post(reverse("account_signup"), signup_data)
    assert response.status_code == 302
    assert get_user_model().objects.filter(phone_number="+84987654321").exists()


@pytest.mark.django_db
def test_a_quiz_is_stored_with_cache_and_broker_down(client, broker_down, staff_quiz):
    user = LearnerFactory(profile__audience="police")
    client.force_login(user)
    response = submit(client, staff_quiz, right_answers(staff_quiz))
    assert response.status_code == 302
    attempt = Attempt.objects.get(learner=user)
    assert attempt.passed
    # The coverage announcement could not be queued: the nightly reconciliation counts it.


@pytest.mark.django_db
def test_the_cache_is_asked_once_then_left_alone_for_a_while(redis_down):
    from django.core.cache import cache

    assert cache.get("anything") is None
    assert cache.is_down()  # later calls answer at once, without a connection attempt
    cache.set("allauth:rl:x", [1], 60)
    assert cache.get("allauth:rl:x") == [1]  # rate-limit keys live in the process meanwhile


@pytest.mark.django_db
def test_healthz_says_what_is_degraded_without_the_exception_text(client, broker_down, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = broker_down
    response = client.get("/healthz")
    # Learners are served: the load balancer keeps this server.
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["cache"]["ok"] is False
    assert body["checks"]["broker"]["ok"] is False
    text = response.content.decode()
    for leak in ("127.0.0.1", "Error", "refused", str(broker_down.split(":")[2].split("/")[0])):
        assert leak not in text


# --- Slow-query denial: bounded search, per-client limits -----------------------------------


@pytest.mark.django_db
def test_a_commune_search_of_2000_words_is_cut_to_a_few():
    from elearning.geo.selectors import MAX_SEARCH_WORDS, search_communes

    sql = str(search_communes(text="a " * 2000).query)
    assert sql.count("LIKE") <= 2 * MAX_SEARCH_WORDS + 2


@pytest.mark.django_db
def test_the_commune_search_is_limited_per_client(client, settings):
    settings.CLIENT_RATE_LIMITS = {**settings.CLIENT_RATE_LIMITS, "commune_search": "3/m/ip"}
    url = reverse("accounts_commune_search")
    assert [client.get(url, {"q": "ba dinh"}).status_code for _ in range(3)] == [200] * 3
    refused = client.get(url, {"q": "ba dinh"})
    assert refused.status_code == 429
    assert refused["Retry-After"]


@pytest.mark.django_db
def test_xapi_and_state_are_limited_per_client(client, settings):
    settings.CLIENT_RATE_LIMITS = {
        **settings.CLIENT_RATE_LIMITS,
        "h5p_xapi": "2/m/ip",
        "h5p_state": "2/m/ip",
    }
    for name in ("h5p:xapi", "h5p:state"):
        codes = [
            client.post(reverse(name), "{}", content_type="application/json").status_code
            for _ in range(3)
        ]
        assert codes[:2] != [429, 429] and codes[2] == 429, name


@pytest.mark.django_db
def test_the_outage_and_the_local_counts_are_shared_by_the_threads_of_a_process(redis_down):
    """Django gives each thread its own cache object (a threaded server: each request)."""
    import threading

    from django.core.cache import cache, caches

    cache.get("anything")
    cache.set("allauth:rl:y", [1], 60)
    seen = {}

    def other_thread():
        other = caches["default"]
        seen.update(down=other.is_down(), count=other.get("allauth:rl:y"), same=other is cache)

    thread = threading.Thread(target=other_thread)
    thread.start()
    thread.join()
    assert seen == {"down": True, "count": [1], "same": False}
