"""Synthetic learners made in Python and written with multi-row INSERTs: the path for
databases other than PostgreSQL (SQLite, so tests can run the generator small). PostgreSQL
makes its rows itself (sql.py)."""

import datetime

from django.apps import apps
from django.db import connection, transaction

from elearning.accounts.choices import AgeBand, Audience

PREFIX = "synth-"
STAFF_SHARE = 0.03
COMPLETED_SHARE = 0.7
PASSED_SHARE = 0.7
READ_SHARE = 0.1
# Learners per round of INSERTs.
CHUNK = 50_000


def _table(label):
    return apps.get_model(label)._meta.db_table


class Writer:
    """Rows for a table, kept in a buffer and written with multi-row INSERTs each time the
    caller flushes."""

    def __init__(self, cursor, table, columns):
        self.cursor, self.table, self.columns = cursor, table, columns
        self.count = 0
        self._reset()

    def _reset(self):
        self.buffer = []

    def add(self, row):
        self.count += 1
        self.buffer.append(row)

    def flush(self):
        if self.buffer:
            marks = ", ".join(["%s"] * len(self.columns))
            self.cursor.executemany(
                f"INSERT INTO {self.table} ({', '.join(self.columns)}) VALUES ({marks})",
                self.buffer,
            )
        self._reset()

    close = flush


def _timestamp(moment: datetime.datetime) -> str:
    if connection.vendor == "sqlite":
        # Django keeps SQLite datetimes as naive UTC text.
        return moment.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S")
    return moment.isoformat()


def write_rows(*, sizes, communes, pages, rng, now, start, span, out) -> dict:

    per_learner = sizes.progress / max(1, sizes.learners)
    staff_agencies = [Audience.POLICE, Audience.PROCURACY, Audience.COURT, Audience.BORDER_GUARD]
    bands = [(b, int(b.split("-")[0]), int(b.split("-")[1])) for b in AgeBand.reach_bands()]
    counts = {"learners": 0, "progress": 0, "certificates": 0, "receipts": 0}
    with transaction.atomic(), connection.cursor() as cursor:
        user_table = _table("accounts.User")
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {user_table}")
        first_id = cursor.fetchone()[0] + 1
        users = Writer(
            cursor,
            user_table,
            [
                "id",
                "password",
                "is_superuser",
                "username",
                "first_name",
                "last_name",
                "email",
                "is_staff",
                "is_active",
                "date_joined",
            ],
        )
        profiles = None
        try:
            profile_table = _table("accounts.LearnerProfile")
        except LookupError:
            profile_table = None
        if profile_table:
            profiles = Writer(
                cursor,
                profile_table,
                [
                    "user_id",
                    "commune_id",
                    "birth_year",
                    "sex",
                    "audience",
                    "agency",
                    "created_at",
                    "updated_at",
                ],
            )
        progress = Writer(
            cursor,
            _table("progress.ContentProgress"),
            [
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
            ],
        )
        certificates = Writer(
            cursor,
            _table("progress.Certificate"),
            [
                "learner_id",
                "course_id",
                "issued_at",
                "score",
                "verification_code",
                "learner_name",
                "course_title",
                "commune_id",
                "audience",
            ],
        )
        receipts = Writer(
            cursor,
            _table("dissemination.ReadReceipt"),
            [
                "page_id",
                "learner_id",
                "visitor_key",
                "commune_id",
                "audience",
                "age_band",
                "read_at",
            ],
        )
        community = pages["courses"]["community"]
        staff_courses = pages["courses"]["staff"]
        documents = pages["documents"]
        joined = _timestamp(start)
        # A pool of (started, finished) moments: formatting dates is the slow part.
        moments = []
        for _ in range(20_000):
            began = start + datetime.timedelta(seconds=rng.randrange(span))
            finished = began + datetime.timedelta(minutes=rng.randint(3, 600))
            moments.append((_timestamp(began), _timestamp(finished)))
        whole, fraction = int(per_learner), per_learner - int(per_learner)
        catalogue = {
            False: [(c, k, q) for c, items in community for k, q in items],
            True: [(c, k, q) for c, items in staff_courses for k, q in items],
        }
        pick = rng.random
        for number in range(sizes.learners):
            learner = first_id + number
            commune = communes[int(pick() * len(communes))][0]
            is_staff = pick() < STAFF_SHARE
            audience = rng.choice(staff_agencies) if is_staff else Audience.COMMUNITY
            band, low, high = bands[int(pick() * len(bands))]
            users.add((learner, "!", False, f"{PREFIX}{learner}", "", "", "", False, True, joined))
            if profiles:
                birth_year = now.year - rng.randint(low, high)
                profiles.add((learner, commune, birth_year, "", audience, "", joined, joined))
            contents = catalogue[is_staff]
            wanted = whole + (1 if pick() < fraction else 0)
            passed_courses = set()
            content_audience = "staff" if is_staff else "community"
            for course_id, content_id, is_quiz in rng.sample(contents, min(wanted, len(contents))):
                began, finished = moments[int(pick() * 20_000)]
                done = pick() < COMPLETED_SHARE
                passed = is_quiz and done and pick() < PASSED_SHARE
                if passed:
                    passed_courses.add(course_id)
                progress.add(
                    (
                        learner,
                        None,
                        content_id,
                        course_id,
                        content_audience,
                        1.0 if done else 0.5,
                        finished if done else None,
                        (0.9 if passed else 0.4) if is_quiz else None,
                        passed,
                        1 if is_quiz else 0,
                        commune,
                        audience,
                        band,
                        began,
                        finished,
                    )
                )
            for course_id in passed_courses:
                certificates.add(
                    (
                        learner,
                        course_id,
                        moments[int(pick() * 20_000)][1],
                        90,
                        f"S{learner}C{course_id}",
                        f"Cán bộ {learner}",
                        "Khóa học",
                        commune,
                        audience,
                    )
                )
            if pick() < READ_SHARE:
                for page_id in rng.sample(documents, rng.randint(1, min(3, len(documents)))):
                    receipts.add(
                        (
                            page_id,
                            learner,
                            None,
                            commune,
                            audience,
                            band,
                            moments[int(pick() * 20_000)][1],
                        )
                    )
            if number and number % CHUNK == 0:
                for writer in (users, profiles, progress, certificates, receipts):
                    if writer is not None:
                        writer.flush()
                if number % 1_000_000 == 0:
                    out(f"  {number:,} learners, {progress.count:,} progress rows")
        for writer in (users, profiles, progress, certificates, receipts):
            if writer is not None:
                writer.close()
        counts.update(
            learners=users.count,
            progress=progress.count,
            certificates=certificates.count,
            receipts=receipts.count,
        )
    return counts
