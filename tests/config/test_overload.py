"""A full web process refuses at once, politely, what it cannot start soon, and finishes what it
took (config/overload.py)."""

import threading

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
    while app._waiting < 1:  # the second waits for the slot
        threading.Event().wait(0.001)

    # A third is answered while the other two are still held: it never waited for them.
    refused = call(app, "/quiz/3/")
    assert not site.release.is_set() and site.finished == []
    assert refused["status"] == "503 Service Unavailable"
    assert refused["headers"]["Retry-After"] == "2"
    assert refused["headers"]["Cache-Control"] == "no-store"
    assert "đang bận" in refused["body"].decode()

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
    assert "The site is busy" in refused["body"].decode()
    site.release.set()
    running.join(10)
    assert site.finished == ["/"]


def test_the_health_check_is_never_refused():
    site = HeldApp()
    site.release.set()
    app = ShedWhenBusy(site, slots=1, waiting=0, wait=0.0, retry_after=1)
    app.slots.acquire()  # the process is full
    assert call(app, "/healthz", method="GET")["status"] == "200 OK"
    assert call(app, "/", method="GET")["status"].startswith("503")
