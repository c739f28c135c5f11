"""Synthetic learners made by PostgreSQL itself: every row comes from `INSERT … SELECT … FROM
generate_series(...)`, its values from hashes of the row's index (hashint8extended), so nothing
crosses the wire and the same seed gives the same rows. A learner's commune, agency and age band
are hashes of the learner's number, recomputed identically in each statement, so accounts,
profiles, progress rows, certificates and read receipts agree without joins.

During the load the foreign-key triggers are off (the rows are right by construction), the
tables' secondary indexes and unique constraints are dropped and rebuilt once at the end (a
sorted build beats ten million random inserts), and the session gets generous sort memory. The
tables stay logged: SET UNLOGGED/LOGGED would rewrite them, and rebuild their indexes, twice."""

import contextlib
import time

from django.apps import apps
from django.db import connection, transaction

from elearning.accounts.choices import Audience

from .rows import COMPLETED_SHARE, PASSED_SHARE, PREFIX, READ_SHARE, STAFF_SHARE

# Learners per statement: a progress line every round, and each round its own transaction.
ROUND = 1_000_000
AGENCIES = [Audience.POLICE, Audience.PROCURACY, Audience.COURT, Audience.BORDER_GUARD]
# Age bands by cumulative share out of 100 (a few over 60, who do not count for reach), and
# the ages each covers.
BANDS = [
    ("14-15", 4, 14, 15),
    ("16-17", 8, 16, 17),
    ("18-24", 28, 18, 24),
    ("25-34", 50, 25, 34),
    ("35-44", 72, 35, 44),
    ("45-60", 96, 45, 60),
    ("61+", 100, 61, 75),
]
# The Python path's shares, out of 1000.
STAFF, COMPLETED, PASSED, READERS = (
    round(share * 1000) for share in (STAFF_SHARE, COMPLETED_SHARE, PASSED_SHARE, READ_SHARE)
)
# Salt of each independent draw, so the hashes of one row do not correlate.
SALT = {
    "commune": 1,
    "staff": 2,
    "agency": 3,
    "band": 4,
    "age": 5,
    "first": 6,
    "extra": 7,
    "began": 8,
    "minutes": 9,
    "done": 10,
    "passed": 11,
    "reads": 12,
    "doc": 13,
    "read_at": 14,
}


def _table(label):
    return apps.get_model(label)._meta.db_table


# The statements run with parameters (%(name)s), so a modulo is written %%.


def _draw(value: str, what: str, seed: int) -> str:
    """A non-negative pseudo-random bigint that depends only on (value, what, seed)."""
    return f"(hashint8extended(({value})::bigint, {seed * 100 + SALT[what]}) & 9223372036854775807)"


def _case(index: str, values: list) -> str:
    whens = " ".join(f"WHEN {k} THEN '{v!s}'" for k, v in enumerate(values))
    return f"(CASE {index} {whens} END)"


def _learners_sql(*, seed: int, first_id: int, lo: int, hi: int, year: int) -> str:
    """One row per learner number in [lo, hi): id, commune, audience, band, birth year. The
    communes come in as the array parameter %(communes)s."""
    band_pick = _draw("n", "band", seed) + " %% 100"
    band = "CASE " + " ".join(f"WHEN b < {upto} THEN '{name}'" for name, upto, _l, _h in BANDS)
    age = "CASE " + " ".join(
        f"WHEN b < {upto} THEN {low} + ({_draw('n', 'age', seed)} %% {high - low + 1})"
        for _n, upto, low, high in BANDS
    )
    return (
        f"SELECT n, {first_id} + n AS id, "
        f"(%(communes)s::bigint[])[1 + ({_draw('n', 'commune', seed)} %% %(commune_count)s)]"
        " AS commune, is_staff, "
        f"CASE WHEN is_staff THEN {_case(_draw('n', 'agency', seed) + ' %% 4', AGENCIES)} "
        "ELSE 'community' END AS audience, "
        f"{band} END AS band, {year} - ({age} END) AS birth_year "
        f"FROM (SELECT n, ({_draw('n', 'staff', seed)} %% 1000) < {STAFF} AS is_staff, "
        f"{band_pick} AS b FROM generate_series({lo}, {hi - 1}) AS n OFFSET 0) AS l"
    )


def _progress_sql(*, seed: int, per_learner: float, learners: str) -> str:
    """One row per (learner, content): consecutive contents of the learner's catalogue
    (community or staff) from a random start, so no content repeats for a learner."""
    whole, fraction = int(per_learner), round((per_learner - int(per_learner)) * 1000)
    row = "(l.n * 16 + j)"  # unique per progress row: a catalogue has at most 16 contents
    content = (
        "CASE WHEN l.is_staff THEN %(staff_{0})s::bigint[] ELSE %(community_{0})s::bigint[] END"
    )
    size = "CASE WHEN l.is_staff THEN %(staff_size)s ELSE %(community_size)s END"
    slot = f"1 + (({_draw('l.n', 'first', seed)} + j) %% ({size}))"
    began = (
        f"%(start)s::timestamptz + ({_draw(row, 'began', seed)} %% %(span)s) * interval '1 second'"
    )
    return (
        "SELECT l.id AS learner, l.commune, l.audience, l.band, l.is_staff, "
        f"({content.format('content')})[{slot}] AS content, "
        f"({content.format('course')})[{slot}] AS course, "
        f"({content.format('quiz')})[{slot}] = 1 AS is_quiz, "
        f"{began} AS began, "
        f"({_draw(row, 'minutes', seed)} %% 598 + 3) * interval '1 minute' AS took, "
        f"({_draw(row, 'done', seed)} %% 1000) < {COMPLETED} AS done, "
        f"({_draw(row, 'passed', seed)} %% 1000) < {PASSED} AS lucky "
        f"FROM ({learners}) AS l CROSS JOIN LATERAL generate_series(0, LEAST({size}, "
        f"{whole} + CASE WHEN ({_draw('l.n', 'extra', seed)} %% 1000) < {fraction} "
        "THEN 1 ELSE 0 END) - 1) AS j OFFSET 0"
    )


def _receipts_sql(*, seed: int, learners: str) -> str:
    """A tenth of the learners read and confirm one to three documents."""
    row = "(l.n * 4 + j)"
    return (
        "SELECT (%(documents)s::bigint[])[1 + "
        f"(({_draw('l.n', 'doc', seed)} + j) %% %(document_count)s)] AS page, "
        "l.id, l.commune, l.audience, l.band, "
        f"%(start)s::timestamptz + ({_draw(row, 'read_at', seed)} %% %(span)s) "
        "* interval '1 second' AS read_at "
        f"FROM ({learners}) AS l CROSS JOIN LATERAL generate_series(0, LEAST(%(document_count)s, "
        f"1 + ({_draw('l.n', 'reads', seed)} %% 3)) - 1) AS j "
        f"WHERE ({_draw('l.n', 'reads', seed)} / 3 %% 1000) < {READERS}"
    )


def _statements(tables, *, seed, first_id, lo, hi, year, per_learner, has_profiles):
    learners = _learners_sql(seed=seed, first_id=first_id, lo=lo, hi=hi, year=year)
    progress = _progress_sql(seed=seed, per_learner=per_learner, learners=learners)
    yield (
        "user",
        (
            f"INSERT INTO {tables['user']} (id, password, is_superuser, username, first_name, "
            "last_name, email, is_staff, is_active, date_joined) "
            f"SELECT {first_id} + n, '!', false, '{PREFIX}' || ({first_id} + n), '', '', '', false, "
            f"true, %(start)s FROM generate_series({lo}, {hi - 1}) AS n"
        ),
    )
    if has_profiles:
        yield (
            "profile",
            (
                f"INSERT INTO {tables['profile']} (user_id, commune_id, birth_year, sex, audience, "
                "agency, created_at, updated_at) "
                f"SELECT id, commune, birth_year, '', audience, '', %(start)s, %(start)s "
                f"FROM ({learners}) AS l"
            ),
        )
    yield (
        "progress",
        (
            f"INSERT INTO {tables['progress']} (learner_id, visitor_key, content_id, course_id, "
            "content_audience, progress, completed_at, best_score, passed, attempt_count, "
            "commune_id, audience, age_band, created_at, updated_at) "
            "SELECT learner, NULL, content, course, "
            "CASE WHEN is_staff THEN 'staff' ELSE 'community' END, "
            "CASE WHEN done THEN 1.0 ELSE 0.5 END, CASE WHEN done THEN began + took END, "
            "CASE WHEN NOT is_quiz THEN NULL WHEN done AND lucky THEN 0.9 ELSE 0.4 END, "
            "is_quiz AND done AND lucky, CASE WHEN is_quiz THEN 1 ELSE 0 END, "
            f"commune, audience, band, began, began + took FROM ({progress}) AS p"
        ),
    )
    # A course has one quiz: whoever passed it gets the course's certificate.
    yield (
        "certificate",
        (
            f"INSERT INTO {tables['certificate']} (learner_id, course_id, issued_at, score, "
            "verification_code, learner_name, course_title, commune_id, audience) "
            "SELECT learner, course, began + took, 90, 'S' || learner || 'C' || course, "
            "'Cán bộ ' || learner, 'Khóa học', commune, audience "
            f"FROM ({progress}) AS p WHERE is_quiz AND done AND lucky"
        ),
    )
    yield (
        "receipt",
        (
            f"INSERT INTO {tables['receipt']} (page_id, learner_id, visitor_key, commune_id, audience, "
            f"age_band, read_at) SELECT page, id, NULL, commune, audience, band, read_at "
            f"FROM ({_receipts_sql(seed=seed, learners=learners)}) AS r"
        ),
    )


def _drop_indexes(cursor, tables) -> list[str]:
    """Drop these tables' unique constraints (not primary keys) and the indexes no constraint
    owns; return the statements that rebuild them."""
    cursor.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE contype = 'u' AND conrelid::regclass::text = ANY(%s)",
        [tables],
    )
    rebuild = []
    for table, name, definition in cursor.fetchall():
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        rebuild.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    cursor.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = ANY(%s) "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
        [tables],
    )
    for name, definition in cursor.fetchall():
        cursor.execute(f'DROP INDEX "{name}"')
        rebuild.append(definition)
    return rebuild


def _catalogue_params(pages) -> dict:
    params = {}
    for audience in ("community", "staff"):
        items = [(c, k, q) for c, contents in pages["courses"][audience] for k, q in contents]
        params[f"{audience}_content"] = [k for _c, k, _q in items]
        params[f"{audience}_course"] = [c for c, _k, _q in items]
        params[f"{audience}_quiz"] = [int(q) for _c, _k, q in items]
        params[f"{audience}_size"] = len(items)
    return params


def write_learners(*, sizes, communes, pages, start, span, year, out) -> dict:
    """Write sizes.learners learners and their rows; return how many of each were written."""
    tables = {
        "user": _table("accounts.User"),
        "progress": _table("progress.ContentProgress"),
        "certificate": _table("progress.Certificate"),
        "receipt": _table("dissemination.ReadReceipt"),
    }
    with contextlib.suppress(LookupError):
        tables["profile"] = _table("accounts.LearnerProfile")
    params = {
        "communes": [c for c, _p in communes],
        "commune_count": len(communes),
        "documents": pages["documents"],
        "document_count": len(pages["documents"]),
        "start": start,
        # Nothing may finish after now: starts end ten hours (the longest sitting) early.
        "span": max(1, span - 600 * 60),
        **_catalogue_params(pages),
    }
    names = list(tables.values())
    counts = dict.fromkeys(("user", "profile", "progress", "certificate", "receipt"), 0)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {tables['user']}")
        first_id = cursor.fetchone()[0] + 1
        # Per session only: the server's own configuration is left alone.
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("SET synchronous_commit = off")
        cursor.execute("SET maintenance_work_mem = '1GB'")
        cursor.execute("SET work_mem = '256MB'")
        with transaction.atomic():
            rebuild = _drop_indexes(cursor, names)
        try:
            started = time.perf_counter()
            for lo in range(0, sizes.learners, ROUND):
                hi = min(sizes.learners, lo + ROUND)
                with transaction.atomic():
                    for kind, sql in _statements(
                        tables,
                        seed=sizes.seed,
                        first_id=first_id,
                        lo=lo,
                        hi=hi,
                        year=year,
                        per_learner=sizes.progress / max(1, sizes.learners),
                        has_profiles="profile" in tables,
                    ):
                        cursor.execute(sql, params)
                        counts[kind] += cursor.rowcount
                out(f"  {hi:,} learners in {time.perf_counter() - started:.0f} s")
        finally:
            # Even after a failed round: the committed rows need their indexes back.
            started = time.perf_counter()
            with transaction.atomic():
                for statement in rebuild:
                    cursor.execute(statement)
            out(
                f"  {len(rebuild)} indexes and constraints rebuilt in "
                f"{time.perf_counter() - started:.0f} s"
            )
            for setting in ("session_replication_role", "synchronous_commit", "work_mem"):
                cursor.execute(f"RESET {setting}")
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{tables['user']}', 'id'), "
            f"(SELECT MAX(id) FROM {tables['user']}))"
        )
        # VACUUM too, where allowed (not inside a transaction, as in tests): it sets the
        # visibility map now, rather than autovacuum scanning 50M rows in the middle of a
        # benchmark.
        tidy = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        started = time.perf_counter()
        for name in names:
            cursor.execute(f"{tidy} {name}")
        out(f"  {tidy} in {time.perf_counter() - started:.0f} s")
        cursor.execute("RESET maintenance_work_mem")
    return {
        "learners": counts["user"],
        "progress": counts["progress"],
        "certificates": counts["certificate"],
        "receipts": counts["receipt"],
    }


def vacuum_rollups() -> str:
    """VACUUM (ANALYZE) the rollup tables the reconciliation just wrote, where allowed (on
    PostgreSQL, outside a transaction): the unit tables read them by index only once the
    visibility map is set, which autovacuum would do later or, on a server without it, never
    (the cold commune table of Hồ Chí Minh: 410 ms before, 339 after, on a slow machine).
    Returns what it did, for the command's output."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return ""
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for label in ("coverage.Rollup", "coverage.RollupYear"):
            cursor.execute(f"VACUUM (ANALYZE) {_table(label)}")
    return f"Rollup tables vacuumed in {time.perf_counter() - started:.1f} s."
