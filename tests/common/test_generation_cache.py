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


def test_a_full_process_store_lets_past_generations_go_first():
    """Emptying the whole store when it filled up made a page's next reads of the current
    generation go to Redis again (found as a round-trip budget failing in a long test run)."""
    from django.core.cache import cache

    cached = GenerationCache("full", timeout=60, kept_in_process=3)
    cached.get_or_build(("old", 1), lambda: "old 1")
    cached.get_or_build(("old", 2), lambda: "old 2")
    cached.bump()
    cached.get_or_build(("site",), lambda: "site")
    cached.get_or_build(("menu",), lambda: "menu")  # full: the two old entries go
    # Only the process can answer now: the shared copy is gone and building again would fail.
    cache.delete(f"full:{cached.generation()}:site")
    assert cached.get_or_build(("site",), builder([])) == "site"


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


def test_a_request_reads_the_generation_once_and_sees_what_changed_before_it():
    from django.core.cache import cache

    from common.generation_cache import one_read_per_request

    cached = GenerationCache("per-request", timeout=60, kept_in_process=10)
    build = builder(["before the publish", "after the publish"])
    with one_read_per_request():
        assert cached.get_or_build(("page", 1), build) == "before the publish"
        cache.incr(cached.generation_key)  # another process publishes meanwhile
        # This request keeps the state it started with (no mix of the two on one page)...
        assert cached.get_or_build(("page", 1), build) == "before the publish"
    # ...and the next request sees the publication.
    with one_read_per_request():
        assert cached.get_or_build(("page", 1), build) == "after the publish"


def test_a_request_sees_its_own_change_at_once():
    from common.generation_cache import one_read_per_request

    cached = GenerationCache("own-change", timeout=60, kept_in_process=10)
    build = builder(["before the publish", "after the publish"])
    with one_read_per_request():
        assert cached.get_or_build(("page", 1), build) == "before the publish"
        cached.bump()  # this request publishes
        assert cached.get_or_build(("page", 1), build) == "after the publish"


def test_outside_a_request_every_read_asks_the_shared_cache():
    """Workers and commands are long-lived: they must see a publication at once."""
    from django.core.cache import cache

    cached = GenerationCache("worker", timeout=60, kept_in_process=10)
    build = builder(["before the publish", "after the publish"])
    assert cached.get_or_build(("page", 1), build) == "before the publish"
    cache.incr(cached.generation_key)
    assert cached.get_or_build(("page", 1), build) == "after the publish"


def test_each_thread_has_its_own_requests_reading():
    """gthread workers serve requests in threads: one's reading is not another's."""
    import threading

    from django.core.cache import cache

    from common.generation_cache import one_read_per_request

    cached = GenerationCache("threads", timeout=60)
    seen = {}
    with one_read_per_request():
        seen["first"] = cached.generation()
        cache.incr(cached.generation_key)

        def other_request():
            with one_read_per_request():
                seen["second"] = cached.generation()

        thread = threading.Thread(target=other_request)
        thread.start()
        thread.join()
        seen["first again"] = cached.generation()
    assert seen["second"] == seen["first"] + 1
    assert seen["first again"] == seen["first"]


def test_once_per_request_asks_once_in_a_request_and_every_time_outside():
    from common.generation_cache import once_per_request, one_read_per_request

    asked = []

    def provinces():
        asked.append(1)
        return ["province-1"]

    with one_read_per_request():
        assert once_per_request("parts:a", provinces) == ["province-1"]
        assert once_per_request("parts:a", provinces) == ["province-1"]
    assert len(asked) == 1
    with one_read_per_request():  # the next request asks again
        once_per_request("parts:a", provinces)
    assert len(asked) == 2
    once_per_request("parts:a", provinces)  # outside a request: every time
    once_per_request("parts:a", provinces)
    assert len(asked) == 4


def test_many_entries_are_read_and_stored_in_one_generation(settings):
    cached = GenerationCache("many", timeout=60)
    cached.set_many({("withheld", "a"): frozenset({1}), ("withheld", "b"): frozenset()})
    found = cached.get_many([("withheld", "a"), ("withheld", "b"), ("withheld", "c")])
    assert found == {("withheld", "a"): frozenset({1}), ("withheld", "b"): frozenset()}
    cached.bump()
    assert cached.get_many([("withheld", "a")]) == {}
    # While the shared cache cannot say, nothing is read or kept.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    cached.set_many({("withheld", "a"): frozenset({1})})
    assert cached.get_many([("withheld", "a")]) == {}
