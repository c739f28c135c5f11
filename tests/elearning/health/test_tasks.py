import time

import pytest
from django.db import transaction

from elearning.health.models import WorkerHeartbeat
from elearning.health.tasks import record_heartbeat

pytestmark = pytest.mark.worker


def wait_for(predicate, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_a_task_dispatched_on_commit_is_run_by_a_real_worker(celery_worker):
    with transaction.atomic():
        record_heartbeat.delay_on_commit()
        # Nothing is sent before the transaction commits.
        assert not WorkerHeartbeat.objects.exists()
    assert wait_for(WorkerHeartbeat.objects.exists), "the worker never ran the task"
    assert WorkerHeartbeat.objects.count() == 1


def test_a_task_dispatched_in_a_rolled_back_transaction_never_runs(celery_worker):
    with pytest.raises(RuntimeError), transaction.atomic():
        record_heartbeat.delay_on_commit()
        raise RuntimeError("the request failed")
    # Give a worker time to (wrongly) run it, then check the work that a commit would have made.
    record_heartbeat.delay().get(timeout=20)
    assert WorkerHeartbeat.objects.count() == 1


@pytest.mark.django_db
def test_heartbeat_is_idempotent_per_worker():
    record_heartbeat.apply()
    record_heartbeat.apply()
    assert WorkerHeartbeat.objects.count() == 1


def test_healthz_reads_the_heartbeat_a_real_worker_recorded(celery_worker, client, settings):
    record_heartbeat.delay().get(timeout=20)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = celery_worker.app.conf.broker_url
    body = client.get("/healthz").json()
    assert body["checks"]["worker"]["ok"] is True, body
    assert body["checks"]["worker"]["detail"].startswith("last heartbeat ")
    assert body["status"] == "ok", body
