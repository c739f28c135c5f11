"""Refusing work fast when a web process is full, instead of queueing it until clients give up.

gunicorn's gthread workers (gunicorn.conf.py) take every connection at once and hand it to one of
their threads, so a request is seen here within a millisecond of arriving, however busy the
process is. At most `slots` requests of a process run the site at a time (on two cores more would
only share the same CPU, each slower); up to `waiting` more wait for a slot, each at most `wait`
seconds. Any other request is answered at once with 503 and Retry-After: the client knows to come
back, and nothing it sent was half done: a refused request never reached Django, and one that
got a slot runs to the end.

With sync workers (one request per process) nothing is ever refused here: the kernel's
listen queue is the only queue, which is what gthread replaces (README, "Serving")."""

import os
import threading

from django.utils import translation
from django.utils.translation import get_language_from_path, gettext

# Never refused: the load balancer's health check must see a busy process as alive.
EXEMPT_PATHS = ("/healthz",)


class ShedWhenBusy:
    def __init__(self, app, *, slots: int, waiting: int, wait: float, retry_after: int):
        self.app = app
        self.slots = threading.BoundedSemaphore(slots)
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
            waiting=int(os.environ.get("WEB_WAITING", "4")),
            wait=float(os.environ.get("WEB_WAIT_MS", "250")) / 1000,
            retry_after=int(os.environ.get("WEB_RETRY_AFTER", "2")),
        )

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") in EXEMPT_PATHS:
            return self.app(environ, start_response)
        if not self._take_slot():
            return self._refuse(environ, start_response)
        try:
            # Django builds the whole answer here; a streamed file goes on without a slot.
            return self.app(environ, start_response)
        finally:
            self.slots.release()

    def _take_slot(self) -> bool:
        if self.slots.acquire(blocking=False):
            return True
        with self._lock:
            if self._waiting >= self.max_waiting:
                return False
            self._waiting += 1
        try:
            return self.slots.acquire(timeout=self.wait)
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
