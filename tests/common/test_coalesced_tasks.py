"""Coalesced tasks on the real broker (Redis in CI), with no worker consuming so that the queue
can be read: a busy commune queues one call, not one per change, and no change is left
uncounted."""

import pytest
from django.core.cache import cache
from django.db import transaction

from common import coalesced_tasks
from elearning.coverage.tasks import refresh_commune_rollups
from elearning.progress.models import Attempt
from tests.factories.accounts import UserFactory
from tests.factories.geo import CommuneFactory
from tests.factories.progress import content_page, learner_context_for

pytestmark = pytest.mark.worker


def submit_in(commune, *, key="k"):
    from elearning.progress import services

    services.submit_attempt(
        context=learner_context_for(UserFactory(), commune=commune),
        content_id=content_page().pk,
        course_id=None,
        content_audience="community",
        answers={},
        score=1,
        max_score=1,
        passed=True,
        grading="server",
        idempotency_key=key,
    )


def test_many_changes_in_a_commune_queue_one_call(broker_queue, django_capture_on_commit_callbacks):
    busy, quiet = CommuneFactory(), CommuneFactory()
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(8):
            submit_in(busy, key=f"k{n}")
        submit_in(quiet)
    assert broker_queue(refresh_commune_rollups) == [f"({busy.pk},)", f"({quiet.pk},)"]


def test_a_change_after_the_call_began_queues_another(
    broker_queue, django_capture_on_commit_callbacks
):
    commune = CommuneFactory()
    with django_capture_on_commit_callbacks(execute=True):
        submit_in(commune, key="before")
    coalesced_tasks.clear_pending(refresh_commune_rollups, commune.pk)  # the worker picks it up
    with django_capture_on_commit_callbacks(execute=True):
        submit_in(commune, key="after")
    assert broker_queue(refresh_commune_rollups) == [f"({commune.pk},)", f"({commune.pk},)"]


def test_a_rolled_back_change_queues_nothing(broker_queue, django_capture_on_commit_callbacks):
    commune = CommuneFactory()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        coalesced_tasks.request_on_commit(refresh_commune_rollups, commune.pk)
        raise RuntimeError
    assert broker_queue(refresh_commune_rollups) == []


def test_a_requested_call_waits_to_gather_changes(
    broker_queue, settings, django_capture_on_commit_callbacks
):
    from datetime import datetime, timedelta

    from django.utils import timezone

    settings.COALESCED_TASK_DELAY = 5
    with django_capture_on_commit_callbacks(execute=True):
        submit_in(CommuneFactory())
    (eta,) = broker_queue(refresh_commune_rollups, header="eta")
    wait = datetime.fromisoformat(eta) - timezone.now()
    assert timedelta(0) < wait <= timedelta(seconds=5)


def test_a_broker_that_is_down_fails_no_learner_and_leaves_the_commune_free(
    db, django_capture_on_commit_callbacks
):
    from tests.celery_worker import broker_without_worker

    commune = CommuneFactory()
    with (
        broker_without_worker(url="redis://127.0.0.1:1/0"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        submit_in(commune, key="while-down")  # the publish fails after commit: logged only
    assert Attempt.objects.filter(idempotency_key="while-down").exists()

    with broker_without_worker() as queued:
        with django_capture_on_commit_callbacks(execute=True):
            submit_in(commune, key="back-up")
        assert queued(refresh_commune_rollups) == [f"({commune.pk},)"]


def test_a_process_that_knows_a_call_is_waiting_skips_the_cache(
    broker_queue, settings, django_capture_on_commit_callbacks
):
    """Changes committed before the waiting call can start are left to it, even when the
    shared flag is gone (say the cache lost it); changes after that ask the cache again."""
    settings.COALESCED_TASK_DELAY = 5
    commune = CommuneFactory()
    with django_capture_on_commit_callbacks(execute=True):
        submit_in(commune, key="first")
    cache.clear()  # the shared flag is lost
    with django_capture_on_commit_callbacks(execute=True):
        submit_in(commune, key="second")
    assert broker_queue(refresh_commune_rollups) == [f"({commune.pk},)"]

    settings.COALESCED_TASK_DELAY = 0  # calls start at once: nothing to leave to them
    coalesced_tasks.forget_waiting_calls()
    with django_capture_on_commit_callbacks(execute=True):
        submit_in(commune, key="third")
    assert broker_queue(refresh_commune_rollups) == [f"({commune.pk},)", f"({commune.pk},)"]
