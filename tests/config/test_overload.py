"""A full web process refuses at once, politely, what it cannot start soon, and finishes what it
took: the guard around Django (config/overload.py) on its own, then a real gunicorn with the
project's worker (config/web_worker.py, gunicorn.conf.py) filled by slow requests: slow phones
sending a form, whose bodies arrive when the test sends them."""

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection

from config.overload import ShedWhenBusy


class HeldApp:
    """A real WSGI application whose requests run until the test lets them finish."""

    def __init__(self):
        self.release = threading.Event()
        self.started = threading.Semaphore(0)
        self.finished = []

    def __call__(self, environ, start_response):
        self.started.release()
        self.release.wait(10)
        self.finished.append(environ["PATH_INFO"])
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"done"]


def call(app, path="/", method="POST"):
    answer = {}

    def start_response(status, headers):
        answer["status"], answer["headers"] = status, dict(headers)

    answer["body"] = b"".join(app({"PATH_INFO": path, "REQUEST_METHOD": method}, start_response))
    return answer


def in_thread(app, path):
    answers = []
    thread = threading.Thread(target=lambda: answers.append(call(app, path)))
    thread.start()
    return thread, answers


def test_past_the_slots_and_the_waiting_room_a_request_is_refused_at_once_and_none_taken_is_lost():
    site = HeldApp()
    app = ShedWhenBusy(site, slots=1, waiting=1, wait=10.0, retry_after=2)
    running, running_answer = in_thread(app, "/quiz/1/")
    site.started.acquire()  # the first request holds the only slot
    waiting, waiting_answer = in_thread(app, "/quiz/2/")
    while len(app.waiters) < 1:  # the second waits for the slot
        threading.Event().wait(0.001)

    # A third is answered while the other two are still held: it never waited for them.
    refused = call(app, "/quiz/3/")
    assert not site.release.is_set() and site.finished == []
    assert refused["status"] == "503 Service Unavailable"
    assert refused["headers"]["Retry-After"] == "2"
    assert refused["headers"]["Cache-Control"] == "no-store"
    # The URL does not say the language: Vietnamese, then English.
    assert refused["body"].decode().splitlines() == [
        "Trang web đang bận. Vui lòng thử lại sau vài giây.",
        "The site is busy. Please try again in a few seconds.",
    ]

    site.release.set()
    running.join(10)
    waiting.join(10)
    assert [a[0]["status"] for a in (running_answer, waiting_answer)] == ["200 OK", "200 OK"]
    assert sorted(site.finished) == ["/quiz/1/", "/quiz/2/"]  # nothing taken was dropped
    assert app.refused == 1


def test_when_requests_have_been_slow_one_that_would_wait_too_long_is_refused_at_once():
    site = HeldApp()
    app = ShedWhenBusy(site, slots=1, waiting=5, wait=10.0, retry_after=1)
    app.held = 30.0  # the last requests held their slot 30 s each: a wait would take that
    running, _ = in_thread(app, "/")
    site.started.acquire()

    refused = call(app, "/en/campaigns/")
    assert refused["status"].startswith("503")
    assert refused["body"].decode() == "The site is busy. Please try again in a few seconds.\n"
    site.release.set()
    running.join(10)
    assert site.finished == ["/"]


def test_the_health_check_is_never_refused():
    site = HeldApp()
    site.release.set()
    app = ShedWhenBusy(site, slots=1, waiting=0, wait=0.0, retry_after=1)
    assert app.take_slot()  # the process is full
    assert call(app, "/healthz", method="GET")["status"] == "200 OK"
    assert call(app, "/", method="GET")["status"].startswith("503")


def test_a_freed_slot_goes_to_the_request_waiting_not_to_a_newcomer():
    app = ShedWhenBusy(HeldApp(), slots=1, waiting=1, wait=10.0, retry_after=1)
    assert app.take_slot()  # a request holds the only slot
    waited = []
    waiting = threading.Thread(target=lambda: waited.append(app.take_slot()))
    waiting.start()
    while len(app.waiters) < 1:
        threading.Event().wait(0.001)

    app.release_slot(held=0.01)
    assert app.free == 0  # handed over: nothing a newcomer could take meanwhile
    waiting.join(10)
    assert waited == [True]


def test_what_a_full_worker_lets_wait_for_a_thread_it_tells_from_the_request_head():
    from config.web_worker import may_come_from_the_cache

    def head(first_line, *headers):
        return "\r\n".join([first_line, "Host: 127.0.0.1", *headers, "", ""]).encode()

    assert may_come_from_the_cache(head("GET /chien-dich/ HTTP/1.1", "Cookie: csrftoken=x"))
    assert may_come_from_the_cache(head("GET /?utm_source=zalo HTTP/1.1"))
    assert not may_come_from_the_cache(head("GET / HTTP/1.1", "Cookie: csrftoken=x; sessionid=y"))
    assert not may_come_from_the_cache(head("POST /i18n/setlang/ HTTP/1.1"))
    assert not may_come_from_the_cache(head("GET /tim-kiem/?q=luat HTTP/1.1"))
    assert not may_come_from_the_cache(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # unfinished
    # An attack: more parameters than Django parses makes it raise, not the worker fall over.
    many = "&".join(f"utm_{n}=1" for n in range(2000))
    assert not may_come_from_the_cache(head(f"GET /?{many} HTTP/1.1"))


# --- a real gunicorn -------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
SECRET = "a" * 32  # a CSRF secret, sent as the cookie and as the form's token (Django accepts it)
LANGUAGE_FORM = f"csrfmiddlewaretoken={SECRET}&language=en&next=/".encode()


def database_url() -> str:
    """The test database, for the server process (the data it needs is committed)."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
    )


def ask(port, raw: bytes, timeout=60) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    sock.sendall(raw)
    return sock


def answer(sock) -> dict:
    """The whole answer: the server closes the connection after it (every request here asks so)."""
    data = b""
    while chunk := sock.recv(65536):  # a reset would raise here: an answer cut short
        data += chunk
    sock.close()
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    assert int(headers.get("content-length", len(body))) == len(body)  # nothing cut short
    return {"status": int(lines[0].split()[1]), "headers": headers, "body": body}


def get(path):
    return f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()


def post(body: bytes, *, sent: int | None = None, path="/i18n/setlang/"):
    """A form to `path`; only its first `sent` bytes of body now (a slow phone)."""
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\nCookie: csrftoken={SECRET}\r\n\r\n"
    ).encode()
    return head + body[: len(body) if sent is None else sent]


def not_answered_yet(sock) -> bool:
    sock.setblocking(False)
    try:
        sock.recv(1, socket.MSG_PEEK)  # an answer's first byte, or b"" when closed
        return False
    except BlockingIOError:
        return True
    finally:
        sock.setblocking(True)


@pytest.fixture
def gunicorn(transactional_db, home_page):
    """Start the site in one gunicorn process of the project's configuration, on a free port,
    with `threads` threads and `slots` slots."""
    started = []

    def start(*, threads: int, slots: int, waiting: int = 0):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": database_url(),
            "WEB_SLOTS": str(slots),
            "WEB_WAITING": str(waiting),
            "WEB_RETRY_AFTER": "3",
        }
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi", "-b", f"127.0.0.1:{port}",
             "-w", "1", "--threads", str(threads)],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        started.append(server)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if answer(ask(port, get("/healthz")))["status"] == 200:
                    return port
            except OSError:
                time.sleep(0.2)
        raise AssertionError(server.stderr.read1().decode() if server.poll() else "not up")

    yield start
    for server in started:
        server.terminate()
        server.wait(30)


def test_a_request_that_finds_every_thread_taken_is_refused_before_they_finish_and_none_is_lost(
    gunicorn,
):
    port = gunicorn(threads=2, slots=2)
    # Two slow phones take both threads (Django waits for the rest of their forms).
    slow = [ask(port, post(LANGUAGE_FORM, sent=10)) for _ in range(2)]

    # A third, complete, with more body than the server will ever read: refused at once.
    refused = answer(ask(port, post(LANGUAGE_FORM + b"&more=" + b"x" * 50_000)))
    assert all(not_answered_yet(sock) for sock in slow)  # the refusal came first
    assert refused["status"] == 503
    assert refused["headers"]["retry-after"] == "3"
    assert refused["headers"]["cache-control"] == "no-store"
    assert refused["body"].decode().splitlines() == [
        "Trang web đang bận. Vui lòng thử lại sau vài giây.",
        "The site is busy. Please try again in a few seconds.",
    ]

    # A page for one person (a session cookie: never from the cache) is refused too.
    personal = get("/").replace(b"\r\n\r\n", b"\r\nCookie: sessionid=abc\r\n\r\n")
    assert answer(ask(port, personal))["status"] == 503
    assert all(not_answered_yet(sock) for sock in slow)

    # The health check and a visitor who may get a page from the cache wait for a thread.
    health, page = ask(port, get("/healthz")), ask(port, get("/"))
    for sock in slow:
        sock.sendall(LANGUAGE_FORM[10:])
    assert [answer(sock)["status"] for sock in slow] == [302, 302]  # finished, nothing lost
    assert answer(health)["status"] == 200
    assert answer(page)["status"] == 200


def test_while_the_site_is_full_a_cached_page_is_served_and_a_form_refused_at_once(gunicorn):
    port = gunicorn(threads=4, slots=1)
    assert answer(ask(port, get("/")))["headers"]["x-page-cache"] == "miss"  # now kept
    slow = ask(port, post(LANGUAGE_FORM, sent=10))

    # Nothing competes until the slow phone holds the only slot: a complete form sent at once
    # could take the slot first, and the guard then refuses the slow phone (busy, would wait),
    # so that nothing ever holds the slot for long (50 quick attempts failed so, now and then).
    time.sleep(1.0)
    assert not_answered_yet(slow)
    deadline = time.monotonic() + 10
    while True:
        refused = answer(ask(port, post(LANGUAGE_FORM)))
        if refused["status"] != 302 or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert refused["status"] == 503
    assert refused["headers"]["retry-after"] == "3"

    page = answer(ask(port, get("/")))
    health = answer(ask(port, get("/healthz")))
    assert not_answered_yet(slow)  # all of this while the slot was held
    assert (page["status"], page["headers"]["x-page-cache"]) == (200, "hit")
    assert "content-security-policy" in page["headers"]  # the whole answer, as first sent
    assert health["status"] == 200

    slow.sendall(LANGUAGE_FORM[10:])
    assert answer(slow)["status"] == 302
