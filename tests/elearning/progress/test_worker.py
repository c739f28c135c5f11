"""On a real Celery worker (Redis in CI): a committed attempt reaches the progress_changed
signal's listeners through the task."""

import threading

import pytest

from elearning.progress import services
from elearning.progress.choices import ContentAudience, Grading
from elearning.progress.signals import progress_changed
from tests.factories.accounts import UserFactory
from tests.factories.geo import CommuneFactory
from tests.factories.progress import content_page, learner_context_for

pytestmark = pytest.mark.worker


def test_the_worker_tells_listeners_after_commit(celery_worker):
    heard = threading.Event()
    received = []

    def listener(sender, commune_id, **kwargs):
        received.append(commune_id)
        heard.set()

    progress_changed.connect(listener)
    try:
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
        assert heard.wait(timeout=60), "the worker never ran progress_changed"
        assert received == [commune.pk]
    finally:
        progress_changed.disconnect(listener)
