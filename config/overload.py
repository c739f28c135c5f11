"""Refusing work fast when a web process is full, instead of queueing it until clients give up.

Two gates, both answering 503 with Retry-After (`refusal()`), so the client knows to come back
and nothing it sent was half done:
- the web worker (config/web_worker.py) refuses, before any thread or Django sees it, a request
  that finds every thread of its process taken: it would otherwise wait unseen in the thread
  pool's queue (measured: a second and more at twice the capacity);
- `ShedWhenBusy` here, around Django, lets at most `slots` requests of a process run the site
  at a time (on two cores more would only share the same CPU, each slower). A request that
  finds them all taken waits for one only if its wait would be short: the requests already
  waiting times the recent time a request holds a slot (an average kept here), divided by the
  slots, must stay under `wait`, and at most `waiting` wait at once. A backlog of quiz
  submissions that would take longer than `wait` is refused; one that got a slot runs to the
  end. Pages from the page cache are answered in front of this guard (config/wsgi.py) and need
  no slot.

`/healthz` is never refused: the load balancer's health check must see a busy process as alive."""

import os
import threading
import time
from collections import deque

from django.utils import translation
from django.utils.translation import get_language_from_path, gettext, gettext_noop

# Never refused: the load balancer's health check must see a busy process as alive.
EXEMPT_PATHS = ("/healthz",)
RETRY_AFTER = int(os.environ.get("WEB_RETRY_AFTER", "2"))
MESSAGE = gettext_noop("The site is busy. Please try again in a few seconds.")


def refusal(path: str, retry_after: int = RETRY_AFTER) -> tuple[list[tuple[str, str]], bytes]:
    """The headers and body of a 503: the message in the URL's language, or in Vietnamese and
    English when the URL does not say (an unprefixed path is Vietnamese or a form's target)."""
    language = get_language_from_path(path)
    languages = [language] if language and language != "vi" else ["vi", "en"]
    lines = []
    for code in languages:
        with translation.override(code):
            lines.append(gettext(MESSAGE))
    body = "\n".join(dict.fromkeys(lines)).encode() + b"\n"
    headers = [
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Length", str(len(body))),
        ("Retry-After", str(retry_after)),
        ("Cache-Control", "no-store"),
        # The request's body (a quiz's answers) was not read: the connection ends.
        ("Connection", "close"),
    ]
    return headers, body


class ShedWhenBusy:
    def __init__(self, app, *, slots: int, waiting: int, wait: float, retry_after: int):
        self.app = app
        self.slot_count = slots
        self.free = slots
        self.held = 0.01  # seconds a request holds a slot, recent average
        self.max_waiting = waiting
        self.wait = wait
        self.retry_after = retry_after
        # Requests waiting, oldest first, each handed a freed slot in turn: a newcomer never
        # takes it before them (with a semaphore it could, and they waited past the estimate).
        self.waiters = deque()
        self._lock = threading.Lock()
        self.refused = 0  # since the process started, for the benchmark and the curious

    @classmethod
    def from_environment(cls, app):
        return cls(
            app,
            slots=int(os.environ.get("WEB_SLOTS", "2")),
            waiting=int(os.environ.get("WEB_WAITING", "16")),
            wait=float(os.environ.get("WEB_WAIT_MS", "100")) / 1000,
            retry_after=RETRY_AFTER,
        )

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") in EXEMPT_PATHS:
            return self.app(environ, start_response)
        if not self.take_slot():
            return self._refuse(environ, start_response)
        started = time.monotonic()
        try:
            # Django builds the whole answer here; a streamed file goes on without a slot.
            return self.app(environ, start_response)
        finally:
            self.release_slot(time.monotonic() - started)

    def take_slot(self) -> bool:
        with self._lock:
            if self.free and not self.waiters:
                self.free -= 1
                return True
            waiting = len(self.waiters)
            expected_wait = (waiting + 1) * self.held / self.slot_count
            if waiting >= self.max_waiting or expected_wait > self.wait:
                return False
            handed = threading.Event()
            self.waiters.append(handed)
        # Twice the estimate's limit: a wait the estimate got wrong still ends.
        if handed.wait(2 * self.wait):
            return True
        with self._lock:
            if handed.is_set():  # handed over just as the wait ended
                return True
            self.waiters.remove(handed)
            return False

    def release_slot(self, held: float) -> None:
        with self._lock:
            self.held += (held - self.held) / 16
            if self.waiters:
                self.waiters.popleft().set()  # the slot goes to the oldest waiting
            else:
                self.free += 1

    def _refuse(self, environ, start_response):
        with self._lock:
            self.refused += 1
        headers, body = refusal(environ.get("PATH_INFO", ""), self.retry_after)
        start_response("503 Service Unavailable", headers)
        return [body]
