"""Synthetic learners at country scale, for benchmarks: accounts, learner profiles, progress
rows, certificates and read receipts. On PostgreSQL the server makes the rows itself
(synthetic_sql); elsewhere (SQLite, so tests can run it small) they are made here and written
with multi-row INSERTs. Nothing goes through the ORM row by row.

Everything generated is marked so it can be removed: usernames start with "synth-"."""

import datetime
import io
import random
from dataclasses import dataclass

from django.apps import apps
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Page

from elearning.accounts.choices import AgeBand, Audience
from elearning.geo.models import AdminCatalog, AdminUnit

from . import figures_cache
from .choices import IndicatorCode, ModelType
from .models import CommuneProfile, Denominator, Indicator

PREFIX = "synth-"
STAFF_SHARE = 0.03
COMPLETED_SHARE = 0.7
PASSED_SHARE = 0.7
READ_SHARE = 0.1
# Learners per round of COPYs.
CHUNK = 50_000


@dataclass
class Sizes:
    communes: int = 3321
    learners: int = 10_000_000
    progress: int = 50_000_000
    months: int = 24
    documents: int = 10
    seed: int = 38


def _table(label):
    return apps.get_model(label)._meta.db_table


class Writer:
    """Rows for a table, kept in a buffer and written with COPY (batched INSERTs on other
    databases) each time the caller flushes: one connection can run one COPY at a time."""

    def __init__(self, cursor, table, columns):
        self.cursor, self.table, self.columns = cursor, table, columns
        self.count = 0
        self._reset()

    def _reset(self):
        self.buffer = io.StringIO() if connection.vendor == "postgresql" else []

    def add(self, row):
        self.count += 1
        if isinstance(self.buffer, list):
            self.buffer.append(row)
        else:
            self.buffer.write("\t".join(r"\N" if v is None else str(v) for v in row))
            self.buffer.write("\n")

    def flush(self):
        if isinstance(self.buffer, list):
            if self.buffer:
                marks = ", ".join(["%s"] * len(self.columns))
                self.cursor.executemany(
                    f"INSERT INTO {self.table} ({', '.join(self.columns)}) VALUES ({marks})",
                    self.buffer,
                )
        elif self.buffer.tell():
            with self.cursor.copy(
                f"COPY {self.table} ({', '.join(self.columns)}) FROM STDIN"
            ) as copy:
                copy.write(self.buffer.getvalue())
        self._reset()

    close = flush


def _communes(sizes: Sizes, rng, out) -> list[tuple[int, int]]:
    """(commune id, province id) of the current catalogue, made up to the size asked for."""
    catalog, _ = AdminCatalog.objects.get_or_create(
        key=AdminCatalog.CURRENT,
        defaults={"name": "Danh mục 2025", "effective_from": datetime.date(2025, 7, 1)},
    )
    communes = list(
        AdminUnit.objects.current().communes().order_by("pk").values_list("pk", "province_id")
    )[: sizes.communes]
    missing = sizes.communes - len(communes)
    if missing > 0:
        provinces = list(AdminUnit.objects.current().provinces().values_list("pk", flat=True))
        if not provinces:
            for number in range(34):
                province = AdminUnit.objects.create(
                    catalog=catalog,
                    level="province",
                    code=f"S{number:02d}",
                    name=f"Tỉnh Tổng Hợp {number + 1}",
                    latitude=9 + number * 0.4,
                    longitude=104 + (number % 5) * 0.8,
                )
                province.province = province
                province.save(update_fields=["province"])
                provinces.append(province.pk)
        units = AdminUnit.objects.bulk_create(
            AdminUnit(
                catalog=catalog,
                level="commune",
                code=f"S{number:05d}",
                name=f"Xã Tổng Hợp {number + 1}",
                search_name=f"xa tong hop {number + 1}",
                province_id=provinces[number % len(provinces)],
                parent_id=provinces[number % len(provinces)],
                latitude=9 + rng.random() * 14,
                longitude=103 + rng.random() * 6,
            )
            for number in range(missing)
        )
        communes += [(unit.pk, unit.province_id) for unit in units]
        out(f"Made {missing} synthetic communes.")
    return communes


def _pages(sizes: Sizes) -> dict:
    """A few courses (community and staff), their lessons and quizzes, and legal documents,
    as bare Wagtail pages under a folder page."""
    root = Page.get_first_root_node()
    folder = Page.objects.filter(slug="synth-coverage").first()
    if folder is None:
        folder = root.add_child(instance=Page(title="Synthetic coverage", slug="synth-coverage"))

    def child(parent, title, slug):
        page = Page.objects.filter(slug=slug).first()
        return page or parent.add_child(instance=Page(title=title, slug=slug, live=False))

    courses = {"community": [], "staff": []}
    for audience, count in (("community", 4), ("staff", 2)):
        for number in range(count):
            course = child(
                folder, f"Khóa học {audience} {number + 1}", f"synth-{audience}-{number}"
            )
            contents = [
                (child(course, f"Bài {k + 1}", f"synth-{audience}-{number}-{k}").pk, k == 3)
                for k in range(4)  # three lessons, then a quiz
            ]
            courses[audience].append((course.pk, contents))
    documents = [
        child(folder, f"Văn bản {number + 1}", f"synth-doc-{number}").pk
        for number in range(sizes.documents)
    ]
    return {"courses": courses, "documents": documents}


def _profiles(communes, rng, *, year):
    reach = Indicator.objects.get(code=IndicatorCode.REACH)
    staff = Indicator.objects.get(code=IndicatorCode.STAFF_TRAINED)
    CommuneProfile.objects.filter(unit_id__in=[c for c, _p in communes], year=year).delete()
    models = [ModelType.NONE] * 5 + [ModelType.INTEGRATED] * 3 + [ModelType.IN_DEPTH] * 2
    CommuneProfile.objects.bulk_create(
        CommuneProfile(
            unit_id=commune,
            year=year,
            is_key_area=rng.random() < 0.35,
            model=rng.choice(models),
            is_sample=True,
        )
        for commune, _p in communes
    )
    provinces = sorted({p for _c, p in communes})
    Denominator.objects.filter(
        indicator__in=[reach, staff],
        year=year,
        unit_id__in=[c for c, _p in communes] + provinces,
    ).delete()
    Denominator.objects.bulk_create(
        Denominator(unit_id=commune, indicator=reach, year=year, value=rng.randint(2000, 9000))
        for commune, _p in communes
    )
    Denominator.objects.bulk_create(
        Denominator(
            unit_id=province,
            indicator=staff,
            year=year,
            audience=agency,
            value=rng.randint(300, 2000),
        )
        for province in provinces
        for agency in (Audience.POLICE, Audience.PROCURACY, Audience.COURT, Audience.BORDER_GUARD)
    )
    figures_cache.bump()  # bulk writes send no signals


def _drop_indexes(cursor, tables) -> list[str]:
    """Drop the indexes of these tables that no constraint owns; return how to rebuild them."""
    cursor.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = ANY(%s) "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
        [tables],
    )
    found = cursor.fetchall()
    for name, _definition in found:
        cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _name, definition in found]


def _timestamp(moment: datetime.datetime) -> str:
    if connection.vendor == "sqlite":
        # Django keeps SQLite datetimes as naive UTC text.
        return moment.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S")
    return moment.isoformat()


def generate(*, sizes: Sizes, out) -> dict:
    rng = random.Random(sizes.seed)
    now = timezone.now().replace(microsecond=0)
    start = now - datetime.timedelta(days=30 * sizes.months)
    span = int((now - start).total_seconds())
    with transaction.atomic():
        communes = _communes(sizes, rng, out)
        pages = _pages(sizes)
        _profiles(communes, rng, year=now.year)
    out(f"{len(communes)} communes, {len(pages['documents'])} documents.")
    if connection.vendor == "postgresql":
        from .synthetic_sql import write_learners

        return write_learners(
            sizes=sizes,
            communes=communes,
            pages=pages,
            start=start,
            span=span,
            year=now.year,
            out=out,
        )
    return _write_learners(
        sizes=sizes,
        communes=communes,
        pages=pages,
        rng=rng,
        now=now,
        start=start,
        span=span,
        out=out,
    )


def _write_learners(*, sizes, communes, pages, rng, now, start, span, out) -> dict:

    per_learner = sizes.progress / max(1, sizes.learners)
    staff_agencies = [Audience.POLICE, Audience.PROCURACY, Audience.COURT, Audience.BORDER_GUARD]
    bands = [(b, int(b.split("-")[0]), int(b.split("-")[1])) for b in AgeBand.reach_bands()]
    counts = {"learners": 0, "progress": 0, "certificates": 0, "receipts": 0}
    bulk_tables = [
        _table(label)
        for label in (
            "accounts.User",
            "accounts.LearnerProfile",
            "progress.ContentProgress",
            "progress.Certificate",
            "dissemination.ReadReceipt",
        )
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        indexes = []
        if connection.vendor == "postgresql":
            # Foreign keys are right by construction; skip their per-row triggers, and build
            # the indexes once at the end rather than row by row.
            cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute("SET LOCAL synchronous_commit = off")
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            indexes = _drop_indexes(cursor, bulk_tables)
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
            ["page_id", "user_id", "visitor_key", "commune_id", "audience", "age_band", "read_at"],
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
            users.add((learner, "!", "f", f"{PREFIX}{learner}", "", "", "", "f", "t", joined))
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
                        "t" if passed else "f",
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
        for statement in indexes:
            cursor.execute(statement)
        counts.update(
            learners=users.count,
            progress=progress.count,
            certificates=certificates.count,
            receipts=receipts.count,
        )
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{user_table}', 'id'), "
                f"(SELECT MAX(id) FROM {user_table}))"
            )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for label in (
                "progress.ContentProgress",
                "progress.Certificate",
                "dissemination.ReadReceipt",
                "accounts.User",
            ):
                cursor.execute(f"ANALYZE {_table(label)}")
    return counts
