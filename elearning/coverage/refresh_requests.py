"""Coalescing of rollup refreshes: a commune with a refresh already waiting in the queue does not
get another one. At hundreds of submissions a second from one commune, recounting the commune
once per submission would keep the worker busy forever; once per queued refresh is enough,
because the waiting refresh will read every row committed before it starts.

The flag lives in the shared cache (Redis in production). The task clears it before it reads,
so a change committed after that read requests a refresh of its own. The flag expires after
PENDING_TIMEOUT in case a refresh is lost; the nightly reconciliation corrects anything left."""

from django.core.cache import cache
from django.db import transaction

PENDING_TIMEOUT = 600


def _key(commune_id: int) -> str:
    return f"coverage:refresh-pending:{commune_id}"


def request_commune_refresh(commune_id: int) -> None:
    """After commit, queue a refresh of the commune's rollups unless one is already waiting."""
    transaction.on_commit(lambda: _queue_refresh(commune_id))


def _queue_refresh(commune_id: int) -> bool:
    from .tasks import refresh_commune_rollups

    if not cache.add(_key(commune_id), 1, PENDING_TIMEOUT):
        return False
    try:
        refresh_commune_rollups.delay(commune_id)
    except Exception:
        cache.delete(_key(commune_id))  # nothing was queued: the next change must try again
        raise
    return True


def start_commune_refresh(commune_id: int) -> None:
    """Called by the task before it reads: later changes must queue a refresh again."""
    cache.delete(_key(commune_id))
