"""A cache for what is derived from published pages, emptied as a whole whenever any page is
published, unpublished, moved or deleted, or a view restriction changes.

Entries are keyed under a generation number kept in the cache itself: bumping it orphans every
older entry at once (they expire on their own), which is far simpler than working out which
entries a change touches, and publishing is rare next to reading."""

import time

from django.core.cache import cache

GENERATION_KEY = "content-cache:generation"
# Bounds how long an entry can outlive a change in a deployment whose processes do not share
# a cache (the cache must be shared, e.g. Redis, for changes to show at once).
TIMEOUT = 15 * 60


def generation() -> int:
    current = cache.get(GENERATION_KEY)
    if current is None:
        current = bump()
    return current


def bump() -> int:
    """Start a new generation (time-based, so a cache that lost the key never reuses one)."""
    current = time.time_ns()
    cache.set(GENERATION_KEY, current, None)
    return current


def key(*parts) -> str:
    return ":".join(["content-cache", str(generation()), *map(str, parts)])


def get_or_build(parts: tuple, build):
    """The cached value for `parts` in this generation, or build() it and keep it. None from
    build() is returned but not kept."""
    cache_key = key(*parts)
    value = cache.get(cache_key)
    if value is None:
        value = build()
        if value is not None:
            cache.set(cache_key, value, TIMEOUT)
    return value
