"""On a real Celery worker (Redis in CI): a committed attempt reaches the commune's figures
through the one road (coverage.changes -> the refresh task on the worker -> the rollups)."""

import time

import pytest

from elearning.coverage.services import ensure_indicators
from elearning.progress import services
from elearning.progress.choices import ContentAudience, Grading
from tests.factories.accounts import UserFactory
from tests.factories.coverage import people_counted
from tests.factories.geo import CommuneFactory
from tests.factories.progress import content_page, learner_context_for

pytestmark = pytest.mark.worker


def test_the_worker_recounts_the_commune_after_commit(celery_worker):
    ensure_indicators()  # a flushed database (transactional test) has lost them
    learner, commune = UserFactory(), CommuneFactory()
    services.submit_attempt(
        context=learner_context_for(learner, commune=commune),
        content_id=content_page().pk,
        course_id=None,
        content_audience=ContentAudience.COMMUNITY,
        answers={},
        score=5,
        max_score=5,
        passed=True,
        grading=Grading.SERVER,
        idempotency_key="worker-1",
    )
    deadline = time.monotonic() + 60
    while people_counted(commune) == 0 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert people_counted(commune) == 1, "the worker never refreshed the commune's rollups"
