import os
from datetime import timedelta

import pytest
from django.utils import timezone

from elearning.health.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_in_process_tasks(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok", body
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["broker"]["ok"] is True


def test_healthz_is_degraded_with_the_reason_when_the_broker_is_down(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 200  # learners are still served
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["broker"]["ok"] is False
    assert body["checks"]["broker"]["detail"]
    assert body["checks"]["database"]["ok"] is True


@pytest.mark.skipif(not os.environ.get("CELERY_BROKER_URL"), reason="no real broker configured")
def test_healthz_is_200_on_the_real_broker(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = os.environ["CELERY_BROKER_URL"]
    response = client.get("/healthz")
    assert response.status_code == 200, response.json()


def test_healthz_reports_the_age_of_the_workers_last_heartbeat(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "memory://"
    WorkerHeartbeat.objects.create(hostname="celery@a", beat_at=timezone.now() - timedelta(hours=1))
    WorkerHeartbeat.objects.create(
        hostname="celery@b", beat_at=timezone.now() - timedelta(seconds=30)
    )
    body = client.get("/healthz").json()
    assert body["status"] == "ok", body
    assert body["checks"]["worker"]["ok"] is True
    assert body["checks"]["worker"]["detail"] in {f"last heartbeat {s} s ago" for s in (30, 31)}
    assert "celery@" not in str(body)  # no host names for the anonymous caller


def test_healthz_is_degraded_when_no_worker_has_beaten_for_minutes(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "memory://"
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["worker"] == {"ok": False, "detail": "no heartbeat yet"}
    assert response.json()["status"] == "degraded"
    WorkerHeartbeat.objects.create(
        hostname="celery@a", beat_at=timezone.now() - timedelta(minutes=10)
    )
    body = client.get("/healthz").json()
    assert body["status"] == "degraded"
    assert body["checks"]["worker"]["ok"] is False
    assert body["checks"]["worker"]["detail"] in {f"last heartbeat {s} s ago" for s in (600, 601)}
