"""An attempt's writes, as SQL rather than through the ORM.

A quiz submission is the hottest write of the site (hundreds a second on 30 July): the ORM
spent longer compiling its statements than PostgreSQL spent running them, and every round
trip costs both processes CPU. Two statements carry the whole write:

- insert the attempt, unless the learner has one with this idempotency key already (the
  unique index makes a twin still in flight wait, then do nothing);
- upsert the learner's summary row for the content: create it counting this attempt, or
  count the attempt in it; with an attempt limit, only while fewer attempts are counted.

On PostgreSQL both are one statement (the insert is a CTE the upsert reads), so a submission
without an attempt limit is one round trip and its own transaction. SQLite, which has no
writes in CTEs, runs the two in turn. The rules that decide what to write stay in
`services.submit_attempt`."""

import functools
from dataclasses import dataclass
from datetime import datetime

from django.db import connection

from .models import Attempt, ContentProgress

# A failed attempt shows the learner has started the content, but it is not complete.
STARTED = 0.5

# In the order of _attempt_params and _summary_params.
_ATTEMPT_COLUMNS = (
    "learner_id",
    "visitor_key",
    "content_id",
    "started_at",
    "submitted_at",
    "answers",
    "score",
    "max_score",
    "passed",
    "grading",
    "idempotency_key",
)
_SUMMARY_COLUMNS = (
    "learner_id",
    "visitor_key",
    "content_id",
    "course_id",
    "content_audience",
    "progress",
    "completed_at",
    "best_score",
    "passed",
    "attempt_count",
    "commune_id",
    "audience",
    "age_band",
    "created_at",
    "updated_at",
)
# Counting one more attempt in an existing row `s`, from the first-attempt row `excluded`
# would have been. The snapshot (commune, audience, age band) follows the learner until the
# content is completed, then stays: coverage counts a completion where it happened.
_COUNT_ATTEMPT = (
    "attempt_count = s.attempt_count + 1, "
    "best_score = CASE WHEN s.best_score IS NULL OR s.best_score < excluded.best_score "
    "THEN excluded.best_score ELSE s.best_score END, "
    "passed = (s.passed OR excluded.passed), "
    "progress = CASE WHEN s.progress < excluded.progress "
    "THEN excluded.progress ELSE s.progress END, "
    "completed_at = COALESCE(s.completed_at, excluded.completed_at), "
    "commune_id = CASE WHEN s.completed_at IS NULL "
    "THEN excluded.commune_id ELSE s.commune_id END, "
    "audience = CASE WHEN s.completed_at IS NULL THEN excluded.audience ELSE s.audience END, "
    "age_band = CASE WHEN s.completed_at IS NULL THEN excluded.age_band ELSE s.age_band END, "
    "updated_at = excluded.updated_at"
)


@dataclass(frozen=True)
class Recorded:
    """What the write did: the new attempt's id (None for a repeated idempotency key) and
    whether the summary counted it (False when the attempt limit was reached)."""

    attempt_id: int | None
    counted: bool
    commune_id: int | None


def is_one_statement() -> bool:
    """Whether record_attempt writes with a single statement (PostgreSQL)."""
    return connection.vendor == "postgresql"


def record_attempt(
    *,
    context,
    attempt: Attempt,
    course_id: int | None,
    content_audience: str,
    attempt_limit: int | None,
) -> Recorded:
    """Write the attempt (an unsaved Attempt of the context's learner) and count it in the
    learner's summary. Unless it is one statement,
    the caller runs it in a transaction, and rolls back when the attempt was not counted."""
    statements = _statements(
        connection.vendor, guest=context.user_id is None, limited=attempt_limit is not None
    )
    attempt_params = _attempt_params(attempt)
    summary_params = _summary_params(context, attempt, course_id, content_audience)
    limit_params = [] if attempt_limit is None else [attempt_limit]
    with connection.cursor() as cursor:
        if len(statements) == 1:
            cursor.execute(statements[0], attempt_params + summary_params + limit_params)
            attempt_id, counted, commune_id = cursor.fetchone()
            return Recorded(attempt_id, bool(counted), commune_id)
        insert_attempt, upsert_summary = statements
        cursor.execute(insert_attempt, attempt_params)
        row = cursor.fetchone()
        if row is None:
            return Recorded(None, False, None)
        cursor.execute(upsert_summary, summary_params + limit_params)
        counted = cursor.fetchone()
        return Recorded(row[0], counted is not None, counted[0] if counted else None)


@functools.cache
def _statements(vendor: str, *, guest: bool, limited: bool) -> tuple[str, ...]:
    """The SQL, built once per process for each kind of learner (a user's rows or a guest's:
    each has its partial unique indexes) and with or without an attempt limit."""
    owner = "visitor_key" if guest else "learner_id"
    owned = "learner_id IS NULL" if guest else "learner_id IS NOT NULL"
    insert_attempt = (
        f"INSERT INTO {Attempt._meta.db_table} ({', '.join(_ATTEMPT_COLUMNS)}) "
        f"VALUES ({', '.join(['%s'] * len(_ATTEMPT_COLUMNS))}) "
        f"ON CONFLICT ({owner}, idempotency_key) WHERE {owned} DO NOTHING RETURNING id"
    )
    if vendor == "postgresql":
        # NULL parameters in a SELECT need their column's type (VALUES takes it from the
        # target; a SELECT of new_attempt's row does not).
        fields = {field.column: field for field in ContentProgress._meta.concrete_fields}
        typed = (f"%s::{fields[column].db_type(connection)}" for column in _SUMMARY_COLUMNS)
        source = f"SELECT {', '.join(typed)} FROM new_attempt"
    else:
        source = f"VALUES ({', '.join(['%s'] * len(_SUMMARY_COLUMNS))})"
    upsert_summary = (
        f"INSERT INTO {ContentProgress._meta.db_table} AS s ({', '.join(_SUMMARY_COLUMNS)}) "
        f"{source} ON CONFLICT ({owner}, content_id) WHERE {owned} DO UPDATE SET "
        f"{_COUNT_ATTEMPT}{' WHERE s.attempt_count < %s' if limited else ''} "
        "RETURNING commune_id"
    )
    if vendor == "postgresql":
        return (
            f"WITH new_attempt AS ({insert_attempt}), counted AS ({upsert_summary}) "
            "SELECT (SELECT id FROM new_attempt), (SELECT count(*) FROM counted), "
            "(SELECT commune_id FROM counted)",
        )
    return insert_attempt, upsert_summary


def _datetime(value: datetime | None):
    return connection.ops.adapt_datetimefield_value(value)


def _attempt_params(attempt: Attempt) -> list:
    answers = Attempt._meta.get_field("answers").get_db_prep_value(attempt.answers, connection)
    return [
        attempt.learner_id,
        attempt.visitor_key,
        attempt.content_id,
        _datetime(attempt.started_at),
        _datetime(attempt.submitted_at),
        answers,
        attempt.score,
        attempt.max_score,
        attempt.passed,
        attempt.grading,
        attempt.idempotency_key,
    ]


def _summary_params(context, attempt: Attempt, course_id, content_audience) -> list:
    """The summary row as this attempt alone makes it (see _COUNT_ATTEMPT for the rest)."""
    now = _datetime(attempt.submitted_at)
    return [
        attempt.learner_id,
        attempt.visitor_key,
        attempt.content_id,
        course_id,
        content_audience,
        1.0 if attempt.passed else STARTED,
        now if attempt.passed else None,
        attempt.scaled_score,
        attempt.passed,
        1,
        context.commune_id,
        context.audience,
        context.age_band or "",
        now,
        now,
    ]
