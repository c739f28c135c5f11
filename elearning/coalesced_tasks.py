"""Coalesced dispatch of a Celery task that takes one key (e.g. a commune): while a call for a
key waits in the queue, more requests for the same key queue nothing, because the waiting call
will read every change committed before it starts. At hundreds of quiz submissions a second
from one commune this turns hundreds of tasks into one per worker cycle.

The "waiting" flag lives in the shared cache (Redis in production). The task calls `begin()`
before it reads anything, so a change committed after that read requests a call of its own.
A requested call waits COALESCED_TASK_DELAY seconds in the queue (a setting, 0 in tests), so a
burst of changes costs the worker one call per commune per few seconds, whatever its rate.

The flag expires after PENDING_TIMEOUT in case a queued call is lost; the nightly coverage
reconciliation corrects whatever that left behind."""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

PENDING_TIMEOUT = 600


def _flag(task, key) -> str:
    return f"coalesced-task:{task.name}:{key}"


def request_on_commit(task, key) -> None:
    """After commit, queue task(key) unless a call for the same key is already waiting.
    Nothing is requested when the transaction rolls back."""
    transaction.on_commit(lambda: _queue(task, key))


def _queue(task, key) -> bool:
    if not cache.add(_flag(task, key), 1, PENDING_TIMEOUT):
        return False
    try:
        task.apply_async((key,), countdown=settings.COALESCED_TASK_DELAY)
    except Exception:
        cache.delete(_flag(task, key))  # nothing was queued: the next change must try again
        raise
    return True


def begin(task, key) -> None:
    """Called first by the task: changes from now on must queue another call."""
    cache.delete(_flag(task, key))
