"""A busy commune is recounted once per queued refresh, not once per change, and no change is
left uncounted: one committed after a refresh started queues another."""

import pytest

from elearning.coverage import refresh_requests
from elearning.coverage.models import Rollup
from elearning.progress.signals import progress_changed
from tests.factories.coverage import complete, profile


@pytest.fixture
def queued(monkeypatch):
    """The communes whose refresh was sent to the broker (publishing is the edge we watch;
    the task itself is run by the tests when they say so)."""
    from elearning.coverage import tasks

    sent = []
    monkeypatch.setattr(tasks.refresh_commune_rollups, "delay", sent.append)
    return sent


def reach_count(commune):
    return sum(
        Rollup.objects.filter(level="commune", unit=commune, indicator__code="reach").values_list(
            "numerator", flat=True
        )
    )


def test_changes_while_a_refresh_waits_queue_nothing_more(
    communes, queued, django_capture_on_commit_callbacks
):
    profile(communes[0])
    rows = complete(commune=communes[0], people=8)
    with django_capture_on_commit_callbacks(execute=True):
        for row in rows:
            progress_changed.send(sender=type(row), progress=row)
    assert queued == [communes[0].pk]


def test_other_communes_get_their_own_refresh(communes, queued, django_capture_on_commit_callbacks):
    first = complete(commune=communes[0], people=1)[0]
    second = complete(commune=communes[1], people=1)[0]
    with django_capture_on_commit_callbacks(execute=True):
        progress_changed.send(sender=type(first), progress=first)
        progress_changed.send(sender=type(second), progress=second)
    assert queued == [communes[0].pk, communes[1].pk]


def test_a_change_after_the_refresh_started_queues_another(
    communes, queued, django_capture_on_commit_callbacks
):
    from elearning.coverage.tasks import refresh_commune_rollups

    profile(communes[0])
    first = complete(commune=communes[0], people=5)
    with django_capture_on_commit_callbacks(execute=True):
        progress_changed.send(sender=type(first[0]), progress=first[0])
    refresh_commune_rollups(queued[-1])  # the worker runs it
    assert reach_count(communes[0]) == 5

    later = complete(commune=communes[0], people=3)
    with django_capture_on_commit_callbacks(execute=True):
        progress_changed.send(sender=type(later[0]), progress=later[0])
    assert queued == [communes[0].pk, communes[0].pk]
    refresh_commune_rollups(queued[-1])
    assert reach_count(communes[0]) == 8


def test_nothing_is_requested_for_a_change_that_was_rolled_back(communes, queued):
    from django.db import transaction

    row = complete(commune=communes[0], people=1)[0]
    with pytest.raises(RuntimeError), transaction.atomic():
        refresh_requests.request_commune_refresh(row.commune_id)
        raise RuntimeError
    assert queued == []


def test_a_failed_publish_leaves_the_commune_free_to_ask_again(
    communes, monkeypatch, django_capture_on_commit_callbacks
):
    from elearning.coverage import tasks

    def broker_down(commune_id):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(tasks.refresh_commune_rollups, "delay", broker_down)
    with pytest.raises(ConnectionError), django_capture_on_commit_callbacks(execute=True):
        refresh_requests.request_commune_refresh(communes[0].pk)

    sent = []
    monkeypatch.setattr(tasks.refresh_commune_rollups, "delay", sent.append)
    with django_capture_on_commit_callbacks(execute=True):
        refresh_requests.request_commune_refresh(communes[0].pk)
    assert sent == [communes[0].pk]
