"""The expensive part of a report — an area's rollup sums, denominators and commune profiles —
kept in Django's cache (Redis in production), so a page costs a cache read while nothing has
changed.

Entries are keyed by generation numbers that changes of those inputs bump, by the day (figures
are as of today) and by the exact set of communes read. A refresh that corrected a commune's
cells bumps its province's generation and the country's: the pages of other provinces stay
cached while completions stream in elsewhere. What may touch any area (a reconciliation that
corrected cells, a denominator or commune profile saved or deleted) bumps the generation of
all. Who may read what is decided before the cache, and "<5" and the suppression of a table's
figures are applied after it, on every request, by the same code as without the cache; of the
suppression only what each count withholds over blocks of months is kept (below), by what it
is worked out from and the rules' version (blocks.RULES).

Two kinds of entries outlive a province's bump, so that the first page after a completion
recomputes only what a completion changes: what an area is counted against apart from the
rollups (its units, profiles, denominators and former districts:
get_or_compute_apart_from_rollups: bumped with all, and a new import of the units is seen
within TIMEOUT), and what each count withholds of a unit table (CountMemo, keyed by a digest of
what it is worked out from).

The generation is kept by common.generation_cache, in the cache shared by web and worker
processes (Redis, as production has)."""

import hashlib

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from common.generation_cache import GenerationCache, once_per_request
from elearning.geo.selectors import province_ids_of

# A safety net for changes nothing bumps for (administrative units re-imported).
TIMEOUT = 6 * 60 * 60

_cache = GenerationCache("coverage", timeout=TIMEOUT)
COUNTRY = "country"


def _part(name: str) -> GenerationCache:
    """The generation of a part of the country ("country", "province-<id>"); only its key is
    used: entries live in the namespace of all."""
    return GenerationCache(f"coverage-{name}", timeout=TIMEOUT)


def bump(*, province_id: int | None = None) -> None:
    """The figures' inputs changed: forget the cached areas that read them — those with
    communes of the province and the country's, or (None) every area. Bumped now (so this
    transaction's own reads, and tests, see the change) and again after commit (so a reader who
    recomputed from the old rows in between does not keep them)."""
    caches = [_cache] if province_id is None else [_part(f"province-{province_id}"), _part(COUNTRY)]
    for generation in caches:
        generation.bump()
        transaction.on_commit(generation.bump)


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


def _parts_read(commune_ids, digest: str) -> list[str]:
    """The parts of the country whose generations an area's entry depends on (asked once a
    request: a page reads an area's entries several times)."""
    if commune_ids is None:
        return [COUNTRY]

    def provinces():
        return [f"province-{pk}" for pk in province_ids_of(commune_ids)]

    return once_per_request(f"coverage-parts:{digest}", provinces)


def get_or_compute(name: str, commune_ids, compute):
    """compute() for this set of communes (None: the whole country), from the cache when the
    inputs have not changed since it was stored."""
    digest = _communes_digest(commune_ids)
    generations = [_part(part).generation() for part in _parts_read(commune_ids, digest)]
    parts = (name, f"{timezone.localdate():%Y%m%d}", digest, "-".join(map(str, generations)))
    return _cache.get_or_build(parts, compute)


class CountMemo:
    """What one count withholds of a unit table (blocks.hidden_by_blocks), by a digest of all
    it is worked out from: the units' months of that count, the table's rows and groups, the
    period, the rules. A completion changes one or two counts of a province; the tables of the
    others are taken from here instead of protected again. The entries need no generation of
    a part of the country, their key says what they are made of; they are kept in the
    generation of all, so that bump() (a reconciliation, a denominator saved) still recomputes
    everything."""

    def get_many(self, digests: list[str]) -> dict:
        found = _cache.get_many([("withheld", digest) for digest in digests])
        return {digest: value for (_name, digest), value in found.items()}

    def set_many(self, values: dict) -> None:
        _cache.set_many({("withheld", digest): value for digest, value in values.items()})


def get_or_compute_apart_from_rollups(name: str, commune_ids, compute):
    """compute() for this set of communes, from the cache until a commune profile or a
    denominator is saved (bump()): for what an area's figures are counted against, which a
    completion (a province's bump) does not change. A new import of the units, which bumps
    nothing, is seen within TIMEOUT, as by every entry here."""
    parts = (name, f"{timezone.localdate():%Y%m%d}", _communes_digest(commune_ids))
    return _cache.get_or_build(parts, compute)
