"""Coalesced dispatch of a Celery task that takes one key (e.g. a commune): while a call for a
key waits in the queue, more requests for the same key queue nothing, because the waiting call
will read every change committed before it starts. A requested call waits
COALESCED_TASK_DELAY seconds in the queue (a setting, 0 in tests), so at hundreds of quiz
submissions a second a busy commune costs the worker one call every few seconds.

The "waiting" flag lives in the shared cache (Redis in production) and holds the time the
waiting call may start. The task calls `clear_pending()` before it reads anything, so a change
committed after that read requests a call of its own. The flag expires after PENDING_TIMEOUT in
case a queued call is lost; the nightly coverage reconciliation corrects whatever that left
behind.

Each process also remembers when a call it knows of may start: a change committed well before
then (CLOCK_MARGIN, for clocks of other machines running ahead) will be read by that call, so it
needs no cache round trip at all, which at hundreds of submissions a second is most of them.
(Should the process that set the flag then fail to queue the call, the changes others left to
it in those seconds wait for the next change in the commune or the nightly reconciliation,
as the failed call's own change does.)

A broken cache or broker never fails the learner's request: the change is already committed,
the error is logged, and the nightly reconciliation counts it."""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

PENDING_TIMEOUT = 600
CLOCK_MARGIN = 1.0  # seconds

# flag -> when the call waiting for it may start (time.time()), as far as this process knows.
_starts_at: dict[str, float] = {}


def _flag(task, key) -> str:
    return f"coalesced-task:{task.name}:{key}"


def request_on_commit(task, key) -> None:
    """After commit, queue task(key) unless a call for the same key is already waiting.
    Nothing is requested when the transaction rolls back."""
    transaction.on_commit(lambda: _queue(task, key), robust=True)


def _queue(task, key) -> None:
    flag, now = _flag(task, key), time.time()
    if _starts_at.get(flag, 0.0) > now + CLOCK_MARGIN:
        return  # committed before the waiting call can start: it will read this change
    # Tasks run in-process (no broker) start at once, whatever the countdown says.
    delay = 0 if task.app.conf.task_always_eager else settings.COALESCED_TASK_DELAY
    starts_at = now + delay
    # False means another call is waiting; None means the cache could not say (django-redis
    # ignores its errors), and one call too many does no harm.
    if cache.add(flag, starts_at, PENDING_TIMEOUT) is False:
        _starts_at[flag] = cache.get(flag) or 0.0
        return
    try:
        task.apply_async((key,), countdown=delay)
    except Exception:
        cache.delete(flag)  # nothing was queued: the next change must try again
        raise
    _starts_at[flag] = starts_at


def forget_waiting_calls() -> None:
    """This process forgets the calls it knew to be waiting (when the cache is emptied)."""
    _starts_at.clear()


def clear_pending(task, key) -> None:
    """Called first by the task: changes from now on must queue another call."""
    cache.delete(_flag(task, key))
