"""Reads the state of the services the site depends on, for /healthz."""

from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from kombu import Connection


@dataclass(frozen=True)
class ServiceState:
    ok: bool
    detail: str


def database_state() -> ServiceState:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "not usable"
        return ServiceState(ok=False, detail=f"{type(exc).__name__}: {exc}".strip())
    return ServiceState(ok=True, detail=connection.vendor)


def broker_state() -> ServiceState:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return ServiceState(ok=True, detail="in-process (no broker configured)")
    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
            transport = conn.transport_cls
    except Exception as exc:  # any transport error means "not usable"
        return ServiceState(ok=False, detail=f"{type(exc).__name__}: {exc}".strip())
    return ServiceState(ok=True, detail=str(transport))
