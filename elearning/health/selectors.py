"""Reads the state of the services the site depends on, for /healthz. The details are fixed
words: an exception's text (host names, user names, paths) goes to the log, never to the
anonymous caller."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Max
from django.utils import timezone
from kombu import Connection

from .models import WorkerHeartbeat

logger = logging.getLogger(__name__)

BROKER_TIMEOUT = 1  # seconds: /healthz answers quickly whatever is down
# Beat sends the heartbeat task every 60 s: three missed beats mean no worker is doing the work.
HEARTBEAT_STALE_AFTER = 180  # seconds


@dataclass(frozen=True)
class ServiceState:
    ok: bool
    detail: str


def database_state() -> ServiceState:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any driver error means "not usable"
        logger.exception("healthz: database unreachable")
        return ServiceState(ok=False, detail="unreachable")
    return ServiceState(ok=True, detail=connection.vendor)


def broker_state() -> ServiceState:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return ServiceState(ok=True, detail="in-process (no broker configured)")
    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=BROKER_TIMEOUT) as conn:
            conn.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT)
            transport = conn.transport_cls
    except Exception:  # any transport error means "not usable"
        logger.exception("healthz: broker unreachable")
        return ServiceState(ok=False, detail="unreachable: results wait for reconciliation")
    return ServiceState(ok=True, detail=str(transport))


def cache_state() -> ServiceState:
    ping = getattr(cache, "ping", None)
    if ping is None:
        return ServiceState(ok=True, detail="local memory")
    if not ping():
        return ServiceState(ok=False, detail="unreachable: rate limits kept per process")
    return ServiceState(ok=True, detail="redis")


def worker_state(*, now=None) -> ServiceState:
    """Whether a Celery worker has run the heartbeat task lately (queued work is being done),
    with the age of the last heartbeat; host names are not shown."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return ServiceState(ok=True, detail="in-process (no worker needed)")
    try:
        last = WorkerHeartbeat.objects.aggregate(last=Max("beat_at"))["last"]
    except Exception:  # the database check reports the cause
        logger.exception("healthz: worker heartbeat unreadable")
        return ServiceState(ok=False, detail="unknown")
    if last is None:
        return ServiceState(ok=False, detail="no heartbeat yet")
    age = max(0, int(((now or timezone.now()) - last).total_seconds()))
    return ServiceState(ok=age <= HEARTBEAT_STALE_AFTER, detail=f"last heartbeat {age} s ago")
