"""Refusing work fast when a web process is full, instead of queueing it until clients give up.

gunicorn's gthread workers (gunicorn.conf.py) take every connection at once and hand it to one of
their threads, so a request is seen here within a millisecond of arriving, however busy the
process is. At most `slots` requests of a process run the site at a time (on two cores more would
only share the same CPU, each slower). A request that finds them all taken waits for one only if
its wait would be short: the requests already waiting times the recent time a request holds a
slot (an average kept here), divided by the slots, must stay under `wait`, and at most `waiting`
wait at once. Pages from the page cache hold a slot a millisecond and are almost never refused; a
backlog of quiz submissions that would take longer than `wait` is. Any other request is answered
at once with 503 and Retry-After: the client knows to come back, and nothing it sent was half
done: a refused request never reached Django, and one that got a slot runs to the end.

With sync workers (one request per process) nothing is ever refused here: the kernel's
listen queue is the only queue, which is what gthread replaces (README, "Serving")."""

import os
import threading
import time

from django.utils import translation
from django.utils.translation import get_language_from_path, gettext

# Never refused: the load balancer's health check must see a busy process as alive.
EXEMPT_PATHS = ("/healthz",)


class ShedWhenBusy:
    def __init__(self, app, *, slots: int, waiting: int, wait: float, retry_after: int):
        self.app = app
        self.slot_count = slots
        self.slots = threading.BoundedSemaphore(slots)
        self.held = 0.01  # seconds a request holds a slot, recent average
        self.max_waiting = waiting
        self.wait = wait
        self.retry_after = str(retry_after)
        self._waiting = 0
        self._lock = threading.Lock()
        self.refused = 0  # since the process started, for the benchmark and the curious

    @classmethod
    def from_environment(cls, app):
        return cls(
            app,
            slots=int(os.environ.get("WEB_SLOTS", "2")),
            waiting=int(os.environ.get("WEB_WAITING", "16")),
            wait=float(os.environ.get("WEB_WAIT_MS", "100")) / 1000,
            retry_after=int(os.environ.get("WEB_RETRY_AFTER", "2")),
        )

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") in EXEMPT_PATHS:
            return self.app(environ, start_response)
        if not self._take_slot():
            return self._refuse(environ, start_response)
        started = time.monotonic()
        try:
            # Django builds the whole answer here; a streamed file goes on without a slot.
            return self.app(environ, start_response)
        finally:
            held = time.monotonic() - started
            self.slots.release()
            with self._lock:
                self.held += (held - self.held) / 16

    def _take_slot(self) -> bool:
        if self.slots.acquire(blocking=False):
            return True
        with self._lock:
            expected_wait = (self._waiting + 1) * self.held / self.slot_count
            if self._waiting >= self.max_waiting or expected_wait > self.wait:
                return False
            self._waiting += 1
        try:
            # Twice the estimate's limit: a wait the estimate got wrong still ends.
            return self.slots.acquire(timeout=2 * self.wait)
        finally:
            with self._lock:
                self._waiting -= 1

    def _refuse(self, environ, start_response):
        with self._lock:
            self.refused += 1
        language = get_language_from_path(environ.get("PATH_INFO", "")) or "vi"
        with translation.override(language):
            message = gettext("The site is busy. Please try again in a few seconds.")
        body = f"{message}\n".encode()
        start_response(
            "503 Service Unavailable",
            [
                ("Content-Type", "text/plain; charset=utf-8"),
                ("Content-Length", str(len(body))),
                ("Retry-After", self.retry_after),
                ("Cache-Control", "no-store"),
                # The request's body (a quiz's answers) was not read: the connection ends.
                ("Connection", "close"),
            ],
        )
        return [body]
