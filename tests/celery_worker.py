"""A real Celery worker on the real broker (Redis in CI), in a thread of the test process.

Tests that use it must use `transactional_db`: the worker's thread has its own database
connection and sees only committed rows."""

import contextlib
import os

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings

from config.celery import app


def real_broker_url() -> str:
    url = settings.CELERY_TEST_BROKER_URL or os.environ.get("CELERY_BROKER_URL", "")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("CI must give CELERY_BROKER_URL so that the worker tests run on Redis.")
        pytest.skip("no real broker (set CELERY_BROKER_URL=redis://127.0.0.1:6379/0)")
    return url


@contextlib.contextmanager
def running_worker():
    url = real_broker_url()
    previous = {key: app.conf[key] for key in ("broker_url", "result_backend", "task_always_eager")}
    app.conf.update(broker_url=url, result_backend=url, task_always_eager=False)
    reset_connection_pools()
    try:
        with start_worker(
            app, pool="solo", perform_ping_check=False, shutdown_timeout=10
        ) as worker:
            yield worker
    finally:
        app.conf.update(previous)
        reset_connection_pools()


@contextlib.contextmanager
def broker_without_worker(url=None):
    """The real broker with nobody consuming: what is published stays in the queue, where a
    test can read it. Yields a function listing a header (the args by default) of the queued
    calls of a task. `url` names another broker instead, e.g. one that is down."""
    import json

    import redis

    down = url is not None
    url = url or real_broker_url()
    previous = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    previous_env = os.environ.get("CELERY_BROKER_URL")
    os.environ["CELERY_BROKER_URL"] = url  # Celery prefers it to its own setting
    app.conf.update(broker_url=url, task_always_eager=False)
    reset_connection_pools()
    queue = app.conf.task_default_queue
    client = None if down else redis.Redis.from_url(url)
    if client:
        client.delete(queue)

    def queued(task, header="argsrepr") -> list:
        messages = [json.loads(raw) for raw in client.lrange(queue, 0, -1)]
        # Redis pushes on the left: oldest last.
        return [
            m["headers"][header] for m in reversed(messages) if m["headers"]["task"] == task.name
        ]

    try:
        yield queued
    finally:
        if client:
            client.delete(queue)
        if previous_env is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = previous_env
        app.conf.update(previous)
        reset_connection_pools()


@pytest.fixture
def broker_queue(db):
    with broker_without_worker() as queued:
        yield queued


def reset_connection_pools():
    # The app caches connection pools and the result backend of the broker it first used.
    app._pool = None
    app.amqp._producer_pool = None
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)


@pytest.fixture
def celery_worker(transactional_db):
    with running_worker() as worker:
        yield worker
