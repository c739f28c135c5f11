"""A namespace in Django's cache that is emptied as a whole by bumping its generation number.

Every entry's key carries the generation it was stored under, so a bump orphans them all at
once (they expire on their own): far simpler than working out which entries a change touches,
and right where changes are rare next to reads. The generation lives in the cache too, so every
process that reads or bumps must share one cache (Redis in production)."""

import time

from django.core.cache import cache


class GenerationCache:
    """`kept_in_process`: how many entries each process also keeps itself (for `timeout`
    at most, like the shared ones), saving a cache round trip and an unpickling per read. The
    generation is still read from the shared cache every time, so a bump reaches every
    process at once; while the cache cannot say (an outage), nothing is kept or served from
    the process. Only for values nobody mutates: every reader in the process gets the same
    object."""

    def __init__(self, namespace: str, *, timeout: int, kept_in_process: int = 0):
        self.namespace = namespace
        self.timeout = timeout
        self.generation_key = f"{namespace}:generation"
        self.kept_in_process = kept_in_process
        self._in_process = {}

    def generation(self) -> int:
        value = cache.get(self.generation_key)
        if value is None:
            # A fresh start, not 0: entries of a generation the cache lost must not come back.
            cache.add(self.generation_key, time.time_ns(), None)
            value = cache.get(self.generation_key)
        return value

    def bump(self) -> None:
        try:
            cache.incr(self.generation_key)
        except ValueError:  # lost: start afresh
            cache.add(self.generation_key, time.time_ns(), None)

    def get_or_build(self, parts: tuple, build):
        """The value stored for `parts` in this generation, or build() it and keep it. None
        from build() is returned but not kept."""
        generation = self.generation()
        key = ":".join([self.namespace, str(generation), *map(str, parts)])
        in_process = self.kept_in_process and generation is not None
        if in_process:
            value, expires = self._in_process.get(key, (None, 0.0))
            if value is not None and expires > time.monotonic():
                return value
        value = cache.get(key)
        if value is None:
            value = build()
            if value is not None:
                cache.set(key, value, self.timeout)
        if value is not None and in_process:
            if len(self._in_process) >= self.kept_in_process:
                self._in_process.clear()  # mostly entries of past generations
            self._in_process[key] = (value, time.monotonic() + self.timeout)
        return value
