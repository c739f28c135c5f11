"""The shared cache (Redis) for a site that must keep serving learners when Redis is down.

django-redis alone, told to ignore errors, answers every call with a miss, but only after the
connection attempt fails, on every call; and allauth's rate limiter then never gets its lock
and refuses every login and sign-up (429). This backend:

- after a failed call, leaves Redis alone for RETRY_AFTER seconds: every call in that time
  answers at once (a miss), so a request never waits on a dead cache more than once;
- keeps the rate limits (allauth's "allauth:rl:" keys and their locks) in the process while
  Redis is away: the limits fail open to a local count instead of closed, so learners can
  sign in and guessing passwords is still stopped (per process);
- says whether Redis answered (`is_down()`, for /healthz).

Short socket timeouts (settings: SOCKET_CONNECT_TIMEOUT, SOCKET_TIMEOUT) bound the one wait."""

import logging
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RETRY_AFTER = 5.0  # seconds without asking Redis after it failed
LOCAL_PREFIXES = ("allauth:rl:",)  # kept in the process while Redis is down
FAILURES = (ConnectionInterrupted, RedisConnectionError, RedisTimeoutError, OSError)
_MISSING = object()


# Django makes a cache object per thread; what Redis did and the local counts are per process.
_down_until: dict[str, float] = {}
_state_lock = threading.Lock()


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._ignore_exceptions = False  # this class handles them
        # LocMemCache shares its storage between objects of the same name: one per process.
        self._local = LocMemCache(f"resilient-{server}", {"OPTIONS": {"MAX_ENTRIES": 10000}})

    @property
    def _down_until(self) -> float:
        return _down_until.get(self._server, 0.0)

    @_down_until.setter
    def _down_until(self, value: float) -> None:
        _down_until[self._server] = value

    def is_down(self) -> bool:
        return time.monotonic() < self._down_until

    def ping(self) -> bool:
        """Asks Redis now (whatever the last failure), for /healthz."""
        try:
            self.client.get_client(write=False).ping()
        except FAILURES:
            self._mark_down()
            return False
        self._down_until = 0.0
        return True

    def _mark_down(self) -> None:
        with _state_lock:
            if not self.is_down():
                logger.warning("Redis cache unreachable; retrying in %ss", RETRY_AFTER)
            self._down_until = time.monotonic() + RETRY_AFTER

    def _call(self, name, key, miss, *args, **kwargs):
        local = isinstance(key, str) and key.startswith(LOCAL_PREFIXES)
        if not self.is_down():
            try:
                return getattr(super(), name)(*args, **kwargs)
            except FAILURES:
                self._mark_down()
        if local:
            return getattr(self._local, name)(*args, **kwargs)
        return miss

    def get(self, key, default=None, version=None, client=None):
        return self._call("get", key, default, key, default=default, version=version)

    def set(self, key, *args, **kwargs):
        return self._call("set", key, None, key, *args, **kwargs)

    def add(self, key, *args, **kwargs):
        # None, not False: "could not say" (callers treat False as "already there").
        return self._call("add", key, None, key, *args, **kwargs)

    def delete(self, key, *args, **kwargs):
        return self._call("delete", key, False, key, *args, **kwargs)

    def touch(self, key, *args, **kwargs):
        return self._call("touch", key, False, key, *args, **kwargs)

    def has_key(self, key, *args, **kwargs):
        return self._call("has_key", key, False, key, *args, **kwargs)

    def incr(self, key, *args, **kwargs):
        return self._call("incr", key, None, key, *args, **kwargs)

    def decr(self, key, *args, **kwargs):
        return self._call("decr", key, None, key, *args, **kwargs)

    def get_many(self, keys, *args, **kwargs):
        return self._call("get_many", None, {}, keys, *args, **kwargs)

    def set_many(self, data, *args, **kwargs):
        return self._call("set_many", None, list(data), data, *args, **kwargs)

    def delete_many(self, keys, *args, **kwargs):
        return self._call("delete_many", None, None, keys, *args, **kwargs)

    def clear(self):
        self._local.clear()
        return self._call("clear", None, None)
