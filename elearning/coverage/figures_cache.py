"""The expensive part of a report — an area's rollup sums, denominators and commune profiles —
kept in Django's cache (Redis in production), so a page costs a cache read while nothing has
changed.

Entries are keyed by a generation number that every change of those inputs bumps (a sync or a
reconciliation that corrected a cell, a denominator or commune profile saved or deleted), by
the day (figures are as of today) and by the exact set of communes read. Only these inputs are
cached: who may read what is decided before, and "<5" is applied after, on every request, by
the same code as without the cache.

The generation lives in the cache too, so web and worker processes must share one (Redis, as
production has): with a per-process cache a worker's bump would not reach the web process
until TIMEOUT."""

import hashlib
import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

GENERATION_KEY = "coverage:generation"
# A safety net for changes nothing bumps for (administrative units re-imported).
TIMEOUT = 6 * 60 * 60


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        # A fresh start, not 0: entries of a counter the cache lost must not come back.
        cache.add(GENERATION_KEY, time.time_ns(), None)
        value = cache.get(GENERATION_KEY)
    return value


def _increment() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.add(GENERATION_KEY, time.time_ns(), None)


def bump() -> None:
    """The figures' inputs changed: forget every cached area. Bumped now (so this transaction's
    own reads, and tests, see the change) and again after commit (so a reader who recomputed
    from the old rows in between does not keep them)."""
    _increment()
    transaction.on_commit(_increment)


def on_inputs_changed(sender, **kwargs):
    """A denominator or commune profile was saved or deleted (admin, import)."""
    bump()


def connect():
    from .models import CommuneProfile, Denominator

    for model in (CommuneProfile, Denominator):
        for signal in (post_save, post_delete):
            signal.connect(
                on_inputs_changed,
                sender=model,
                dispatch_uid=f"coverage_inputs_{model.__name__}_{signal is post_save}",
            )


def _communes_digest(commune_ids) -> str:
    if commune_ids is None:
        return "country"
    text = ",".join(map(str, sorted(commune_ids)))
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def get_or_compute(name: str, commune_ids, compute):
    """compute() for this set of communes (None: the whole country), from the cache when the
    inputs have not changed since it was stored."""
    key = (
        f"coverage:{name}:{generation()}:{timezone.localdate():%Y%m%d}:"
        f"{_communes_digest(commune_ids)}"
    )
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value
