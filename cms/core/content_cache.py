"""A cache for what is derived from published pages, emptied as a whole whenever any page is
published, unpublished, moved or deleted, or a view restriction, site or locale changes (see
receivers.py), through common.generation_cache."""

from common.generation_cache import GenerationCache

# Bounds how long an entry can outlive a change in a deployment whose processes do not share
# a cache (the cache must be shared, e.g. Redis, for changes to show at once).
TIMEOUT = 15 * 60

# Quizzes for grading, routes, menus, rendered fragments of pages: small, frozen, read on
# every request.
_cache = GenerationCache("content-cache", timeout=TIMEOUT, kept_in_process=2000)

GENERATION_KEY = _cache.generation_key
generation = _cache.generation
note_generation_read = _cache.note_read
bump = _cache.bump
get_or_build = _cache.get_or_build
get_or_build_in_process = _cache.get_or_build_in_process
