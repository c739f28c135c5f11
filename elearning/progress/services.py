"""Writes of learners' progress. Each attempt or completion updates the learner's summary row
for that content in the same transaction (the row is locked first, so concurrent
submissions by one learner queue up), and every change of a counted row tells coverage
which commune changed (elearning.coverage.changes, the one road to the rollups).

Grading is not done here: callers (native quizzes in cms.learning, H5P results in
elearning.h5p) grade and pass the result with how it was graded."""

from contextlib import nullcontext
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from elearning.coverage.changes import commune_changed

from . import attempt_statements as statements
from . import selectors
from .exceptions import AttemptLimitReached, InvalidSubmission, NotAllowed
from .models import Attempt, Certificate, ContentProgress


def submit_attempt(
    *,
    context,
    content_id: int,
    course_id: int | None,
    content_audience: str,
    answers: dict,
    score: float,
    max_score: float,
    passed: bool,
    grading: str,
    idempotency_key: str,
    started_at: datetime | None = None,
    attempt_limit: int | None = None,
) -> Attempt:
    """Store one graded attempt and update the learner's progress on the content (a page id,
    in the default language; `course_id` likewise).

    Idempotent on `idempotency_key`: submitting the same key again (double tap, retry,
    replay) returns the first attempt and changes nothing. Raises NotAllowed when the learner
    may not take this content, AttemptLimitReached when `attempt_limit` attempts exist
    already, InvalidSubmission for an impossible score; nothing is written then."""
    if context is None or not selectors.may_take(
        context=context, content_audience=content_audience
    ):
        raise NotAllowed()
    if not idempotency_key or len(idempotency_key) > 64:
        raise InvalidSubmission()
    if max_score < 0 or not 0 <= score <= max_score:
        raise InvalidSubmission()
    if attempt_limit is not None and attempt_limit < 1:
        raise AttemptLimitReached()

    attempt = Attempt(
        **Attempt.objects.owner_fields(context),
        content_id=content_id,
        answers=answers,
        score=score,
        max_score=max_score,
        passed=passed,
        grading=grading,
        idempotency_key=idempotency_key,
        started_at=started_at,
        submitted_at=timezone.now(),
    )
    # One statement on PostgreSQL is a transaction of its own. Otherwise, and whenever the
    # limit may refuse the attempt (rolling back what was written), it runs in one; the
    # summary row's lock queues concurrent attempts by one learner, so the limit holds.
    one_statement = statements.is_one_statement() and attempt_limit is None
    with nullcontext() if one_statement else transaction.atomic():
        recorded = statements.record_attempt(
            context=context,
            attempt=attempt,
            course_id=course_id,
            content_audience=content_audience,
            attempt_limit=attempt_limit,
        )
        if recorded.attempt_id is None:  # a double tap, a retry or a replay
            return Attempt.objects.for_context(context).get(idempotency_key=idempotency_key)
        if not recorded.counted:
            raise AttemptLimitReached()
    commune_changed(commune_id=recorded.commune_id)
    # Now as if loaded, without reading it back.
    attempt.pk, attempt._state.adding, attempt._state.db = recorded.attempt_id, False, "default"
    return attempt


def mark_completed(
    *, context, content_id: int, course_id: int | None, content_audience: str
) -> ContentProgress:
    """Mark content without a score (a lesson read to the end) complete. Idempotent: the
    first completion time is kept and a repeat dispatches nothing."""
    if context is None or not selectors.may_take(
        context=context, content_audience=content_audience
    ):
        raise NotAllowed()
    with transaction.atomic():
        progress = _locked_progress(
            context=context,
            content_id=content_id,
            course_id=course_id,
            content_audience=content_audience,
        )
        if progress.completed_at is not None:
            return progress
        _take_snapshot(progress, context)
        progress.progress = 1.0
        progress.completed_at = progress.updated_at = timezone.now()
        progress.save()
        commune_changed(commune_id=progress.commune_id)
    return progress


def issue_certificate(
    *, user, course, score_percent: int, learner_name: str, context, agency="", department=""
) -> Certificate:
    """One current certificate per learner and course; issuing again returns it. The caller
    decides that the course was passed (cms.learning knows what a course holds)."""
    with transaction.atomic():
        certificate = Certificate.objects.current().filter(learner=user, course=course).first()
        if certificate is not None:
            return certificate
        try:
            with transaction.atomic():
                certificate = Certificate.objects.create(
                    learner=user,
                    course=course,
                    score=max(0, min(100, int(score_percent))),
                    learner_name=learner_name[:255],
                    course_title=course.title[:255],
                    agency=agency[:255],
                    department=department[:150],
                    commune_id=context.commune_id if context else None,
                    audience=context.audience if context else "",
                )
        except IntegrityError:
            return Certificate.objects.current().get(learner=user, course=course)
        commune_changed(commune_id=certificate.commune_id)
    return certificate


def reissue_certificate(
    *, certificate: Certificate, learner_name: str, agency="", department=""
) -> Certificate:
    """The holder corrected how their name, agency or unit is printed: a new certificate for
    the same course and score, with a new code; the old one is kept as it was, marked as
    replaced by the new one (its code still verifies and says so). Nothing changes when the
    details are the same, or when the certificate was replaced already (its successor is
    returned)."""
    details = (learner_name[:255], agency[:255], department[:150])
    with transaction.atomic():
        old = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if old.replaced_at is not None:
            return Certificate.objects.current().get(
                learner_id=old.learner_id, course_id=old.course_id
            )
        if (old.learner_name, old.agency, old.department) == details:
            return old
        now = timezone.now()
        old.replaced_at = now
        old.save(update_fields=["replaced_at"])
        new = Certificate.objects.create(
            learner_id=old.learner_id,
            course_id=old.course_id,
            issued_at=now,
            score=old.score,
            learner_name=details[0],
            course_title=old.course_title,
            agency=details[1],
            department=details[2],
            # Where and as whom the training counted: the first issue's snapshot.
            commune_id=old.commune_id,
            audience=old.audience,
        )
        old.replaced_by = new
        old.save(update_fields=["replaced_by"])
        # Still one person trained (coverage counts people, from their first certificate).
        commune_changed(commune_id=new.commune_id)
    return new


def _locked_progress(*, context, content_id, course_id, content_audience) -> ContentProgress:
    """The learner's summary row for this content, locked for this transaction (created
    first if needed; a concurrent creator wins and we lock its row)."""
    rows = ContentProgress.objects.select_for_update().for_context(context)
    progress = rows.filter(content_id=content_id).first()
    if progress is not None:
        return progress
    try:
        with transaction.atomic():
            ContentProgress.objects.create(
                **ContentProgress.objects.owner_fields(context),
                content_id=content_id,
                course_id=course_id,
                content_audience=content_audience,
                commune_id=context.commune_id,
                audience=context.audience,
                age_band=context.age_band or "",
            )
    except IntegrityError:
        pass
    return rows.get(content_id=content_id)


def _take_snapshot(progress: ContentProgress, context) -> None:
    # Kept from the moment of completion on: a completion counts where it happened.
    if progress.completed_at is None:
        progress.commune_id = context.commune_id
        progress.audience = context.audience
        progress.age_band = context.age_band or ""
