"""A namespace in Django's cache that is emptied as a whole by bumping its generation number.

Every entry's key carries the generation it was stored under, so a bump orphans them all at
once (they expire on their own): far simpler than working out which entries a change touches,
and right where changes are rare next to reads. The generation lives in the cache too, so every
process that reads or bumps must share one cache (Redis in production)."""

import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache

# Generations read during the current request, by key (None outside a request: every read
# then asks the shared cache). One request sees one state of the content, asks the shared
# cache once per namespace, and still sees any change made before it started.
_read_this_request: ContextVar[dict | None] = ContextVar("generations_this_request", default=None)


@contextmanager
def one_read_per_request():
    """Within this block (a request: see GenerationPerRequestMiddleware), each generation is
    read from the shared cache once; a bump made inside it is seen at once."""
    token = _read_this_request.set({})
    try:
        yield
    finally:
        _read_this_request.reset(token)


def once_per_request(key: str, compute):
    """compute() once in the current request (every time outside one): for what a page would
    otherwise ask the database or the shared cache several times, and that no change within a
    request needs to be seen for (like the generations above)."""
    read = _read_this_request.get()
    if read is None:
        return compute()
    if key not in read:
        read[key] = compute()
    return read[key]


class GenerationPerRequestMiddleware:
    """First in settings.MIDDLEWARE: a page asks for the content cache's generation on every
    cached read (site, route, settings, menus, breadcrumbs...), 10 to 20 Redis round trips a
    page; this makes it one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with one_read_per_request():
            return self.get_response(request)


class GenerationCache:
    """`kept_in_process`: how many entries each process also keeps itself (for `timeout`
    at most, like the shared ones), saving a cache round trip and an unpickling per read. The
    generation is still read from the shared cache by every request (once: see
    GenerationPerRequestMiddleware) and every read outside one, so a bump reaches every
    process with its next request; while the cache cannot say (an outage), nothing is kept or served from
    the process. Only for values nobody mutates: every reader in the process gets the same
    object."""

    def __init__(self, namespace: str, *, timeout: int, kept_in_process: int = 0):
        self.namespace = namespace
        self.timeout = timeout
        self.generation_key = f"{namespace}:generation"
        self.kept_in_process = kept_in_process
        self._in_process = {}

    def generation(self) -> int | None:
        """None while the shared cache cannot say (an outage)."""
        read = _read_this_request.get()
        if read is not None and self.generation_key in read:
            return read[self.generation_key]
        value = cache.get(self.generation_key)
        if value is None:
            # A fresh start, not 0: entries of a generation the cache lost must not come back.
            cache.add(self.generation_key, time.time_ns(), None)
            value = cache.get(self.generation_key)
        self.note_read(value)
        return value

    def note_read(self, value: int | None) -> None:
        """The generation as read by this request with something else (the page cache reads
        it with its entry): later reads in the request use it instead of asking again."""
        read = _read_this_request.get()
        if read is not None and value is not None:
            read[self.generation_key] = value

    def bump(self) -> None:
        read = _read_this_request.get()
        if read is not None:
            read.pop(self.generation_key, None)  # this request's own change: seen at once
        try:
            cache.incr(self.generation_key)
        except ValueError:  # lost: start afresh
            cache.add(self.generation_key, time.time_ns(), None)

    def get_or_build_in_process(self, parts: tuple, build):
        """The value built for `parts` in this generation by this process, or build() it and
        keep it here only (for what a deployment may change, like rendered HTML: a new
        process starts afresh). Built on every call while the shared cache cannot say."""
        generation = self.generation()
        if generation is None or not self.kept_in_process:
            return build()
        key = ":".join([self.namespace, "process", str(generation), *map(str, parts)])
        value, expires, _generation = self._in_process.get(key, (None, 0.0, None))
        if value is not None and expires > time.monotonic():
            return value
        value = build()
        if value is not None:
            self._keep(key, value, generation)
        return value

    def _keep(self, key: str, value, generation: int) -> None:
        if len(self._in_process) >= self.kept_in_process:
            # Past generations' entries go first: emptying everything made the next reads of
            # this generation ask the shared cache again, in the middle of a page.
            self._in_process = {
                k: kept for k, kept in list(self._in_process.items()) if kept[2] == generation
            }
            if len(self._in_process) >= self.kept_in_process:
                self._in_process.clear()
        self._in_process[key] = (value, time.monotonic() + self.timeout, generation)

    def _key(self, generation: int | None, parts: tuple) -> str:
        return ":".join([self.namespace, str(generation), *map(str, parts)])

    def get_or_build(self, parts: tuple, build):
        """The value stored for `parts` in this generation, or build() it and keep it. None
        from build() is returned but not kept."""
        generation = self.generation()
        key = self._key(generation, parts)
        in_process = self.kept_in_process and generation is not None
        if in_process:
            value, expires, _generation = self._in_process.get(key, (None, 0.0, None))
            if value is not None and expires > time.monotonic():
                return value
        value = cache.get(key)
        if value is None:
            value = build()
            if value is not None:
                cache.set(key, value, self.timeout)
        if value is not None and in_process:
            self._keep(key, value, generation)
        return value

    def get_many(self, parts_list: list[tuple]) -> dict:
        """The values stored in this generation for each of these parts, in one round trip:
        {parts: value} of those found (none while the shared cache cannot say)."""
        generation = self.generation()
        if generation is None:
            return {}
        keys = {self._key(generation, parts): parts for parts in parts_list}
        return {keys[key]: value for key, value in cache.get_many(list(keys)).items()}

    def set_many(self, values: dict) -> None:
        """Store {parts: value} in this generation (nothing while the cache cannot say)."""
        generation = self.generation()
        if generation is not None:
            cache.set_many(
                {self._key(generation, parts): value for parts, value in values.items()},
                self.timeout,
            )
