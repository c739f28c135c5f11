"""A generation cache may also keep entries in each process; they must never outlive a bump,
an outage of the shared cache or the entries' timeout."""

from common.generation_cache import GenerationCache


def builder(values):
    values = iter(values)
    return lambda: next(values)


def test_a_bump_reaches_what_the_process_kept():
    cached = GenerationCache("kept", timeout=60, kept_in_process=10)
    build = builder(["old answer key", "new answer key"])
    assert cached.get_or_build(("quiz", 1), build) == "old answer key"
    assert cached.get_or_build(("quiz", 1), build) == "old answer key"
    cached.bump()
    assert cached.get_or_build(("quiz", 1), build) == "new answer key"


def test_nothing_is_kept_in_process_while_the_shared_cache_cannot_say(settings):
    # A cache that keeps nothing answers like Redis during an outage (django-redis ignores
    # its errors): no generation, no entries.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    cached = GenerationCache("outage", timeout=60, kept_in_process=10)
    build = builder(["before the publish", "after the publish"])
    assert cached.get_or_build(("quiz", 1), build) == "before the publish"
    assert cached.get_or_build(("quiz", 1), build) == "after the publish"


def test_what_the_process_kept_expires_with_the_timeout():
    """Were a bump lost, an entry still goes after `timeout`, as the shared ones do."""
    cached = GenerationCache("expiring", timeout=0, kept_in_process=10)
    build = builder(["first", "second"])
    assert cached.get_or_build(("quiz", 1), build) == "first"
    assert cached.get_or_build(("quiz", 1), build) == "second"
