import socket

from celery import shared_task

from . import services


@shared_task(bind=True)
def record_heartbeat(self) -> str:
    """Run by beat every minute; idempotent (one row per worker host)."""
    hostname = self.request.hostname or socket.gethostname()
    services.record_heartbeat(hostname=hostname)
    return hostname
