"""The expensive part of a report — an area's rollup sums, denominators and commune profiles —
kept in Django's cache (Redis in production), so a page costs a cache read while nothing has
changed.

Entries are keyed by a generation number that every change of those inputs bumps (a sync or a
reconciliation that corrected a cell, a denominator or commune profile saved or deleted), by
the day (figures are as of today) and by the exact set of communes read. Only these inputs are
cached: who may read what is decided before, and "<5" is applied after, on every request, by
the same code as without the cache.

The generation is kept by common.generation_cache, in the cache shared by web and worker
processes (Redis, as production has)."""

import hashlib

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from common.generation_cache import GenerationCache

# A safety net for changes nothing bumps for (administrative units re-imported).
TIMEOUT = 6 * 60 * 60

_cache = GenerationCache("coverage", timeout=TIMEOUT)


def bump() -> None:
    """The figures' inputs changed: forget every cached area. Bumped now (so this transaction's
    own reads, and tests, see the change) and again after commit (so a reader who recomputed
    from the old rows in between does not keep them)."""
    _cache.bump()
    transaction.on_commit(_cache.bump)


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
    parts = (name, f"{timezone.localdate():%Y%m%d}", _communes_digest(commune_ids))
    return _cache.get_or_build(parts, compute)
