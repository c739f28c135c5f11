"""A namespace in Django's cache that is emptied as a whole by bumping its generation number.

Every entry's key carries the generation it was stored under, so a bump orphans them all at
once (they expire on their own): far simpler than working out which entries a change touches,
and right where changes are rare next to reads. The generation lives in the cache too, so every
process that reads or bumps must share one cache (Redis in production)."""

import time

from django.core.cache import cache


class GenerationCache:
    def __init__(self, namespace: str, *, timeout: int):
        self.namespace = namespace
        self.timeout = timeout
        self.generation_key = f"{namespace}:generation"

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
        key = ":".join([self.namespace, str(self.generation()), *map(str, parts)])
        value = cache.get(key)
        if value is None:
            value = build()
            if value is not None:
                cache.set(key, value, self.timeout)
        return value
