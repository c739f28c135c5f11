"""Synthetic learners at country scale, for benchmarks: accounts, learner profiles, progress
rows, certificates and read receipts. This module makes what they hang on (communes, courses,
legal documents, commune profiles and denominators); on PostgreSQL the server then makes the
learners' rows itself (sql.py), elsewhere (SQLite, so tests can run it small) Python does
with multi-row INSERTs (rows.py). Nothing goes through the ORM row by row.

Everything generated is marked so it can be removed: usernames start with "synth-"."""

import datetime
import random
from dataclasses import dataclass

from django.apps import apps
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Page

from elearning.accounts.choices import Audience
from elearning.coverage import figures_cache, services
from elearning.coverage.choices import IndicatorCode, ModelType
from elearning.coverage.models import CommuneProfile, Denominator, Indicator
from elearning.geo.models import AdminCatalog, AdminUnit

from .rows import STAFF_SHARE, write_rows
from .sql import write_learners

# Rows per INSERT: PostgreSQL takes at most 65,535 parameters in a statement, and parameters
# are bound by the server (settings).
BATCH = 1000


@dataclass
class Sizes:
    communes: int = 3321
    learners: int = 10_000_000
    progress: int = 50_000_000
    months: int = 24
    documents: int = 10
    seed: int = 38


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
            [
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
            ],
            batch_size=BATCH,
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
    documents = [_document(folder, number) for number in range(sizes.documents)]
    return {"courses": courses, "documents": documents}


def _document(folder, number) -> int:
    """A legal document marked for dissemination, so the indicator has documents to count
    (a bare page where the legal app is not installed)."""
    slug = f"synth-doc-{number}"
    title = f"Văn bản {number + 1}"
    if page := Page.objects.filter(slug=slug).first():
        return page.pk
    try:
        document = apps.get_model("legal", "LegalDocumentPage")(
            title=title, slug=slug, number=f"{number + 1}/2025/TH", marked_for_dissemination=True
        )
    except LookupError:
        document = Page(title=title, slug=slug)
    return folder.add_child(instance=document).pk


def _profiles(communes, rng, *, year, learners):
    reach = Indicator.objects.get(code=IndicatorCode.REACH)
    staff = Indicator.objects.get(code=IndicatorCode.STAFF_TRAINED)
    CommuneProfile.objects.filter(unit_id__in=[c for c, _p in communes], year=year).delete()
    models = [ModelType.NONE] * 5 + [ModelType.INTEGRATED] * 3 + [ModelType.IN_DEPTH] * 2
    CommuneProfile.objects.bulk_create(
        [
            CommuneProfile(
                unit_id=commune,
                year=year,
                is_key_area=rng.random() < 0.35,
                model=rng.choice(models),
                is_sample=True,
            )
            for commune, _p in communes
        ],
        batch_size=BATCH,
    )
    provinces = sorted({p for _c, p in communes})
    staff_each = learners * STAFF_SHARE / max(1, len(provinces)) / 4  # per province and agency
    Denominator.objects.filter(
        indicator__in=[reach, staff],
        year=year,
        unit_id__in=[c for c, _p in communes] + provinces,
    ).delete()
    Denominator.objects.bulk_create(
        [
            Denominator(unit_id=commune, indicator=reach, year=year, value=rng.randint(2000, 9000))
            for commune, _p in communes
        ],
        batch_size=BATCH,
    )
    Denominator.objects.bulk_create(
        Denominator(
            unit_id=province,
            indicator=staff,
            year=year,
            audience=agency,
            # More staff than take part: the trained share stays below 100 %.
            value=max(20, int(staff_each * rng.uniform(1.2, 2.0))),
        )
        for province in provinces
        for agency in (Audience.POLICE, Audience.PROCURACY, Audience.COURT, Audience.BORDER_GUARD)
    )
    figures_cache.bump()  # bulk writes send no signals


def generate(*, sizes: Sizes, out) -> dict:
    rng = random.Random(sizes.seed)
    now = timezone.now().replace(microsecond=0)
    start = now - datetime.timedelta(days=30 * sizes.months)
    span = int((now - start).total_seconds())
    with transaction.atomic():
        services.ensure_indicators()  # a flushed database has lost the migration's
        communes = _communes(sizes, rng, out)
        pages = _pages(sizes)
        _profiles(communes, rng, year=now.year, learners=sizes.learners)
    out(f"{len(communes)} communes, {len(pages['documents'])} documents.")
    if connection.vendor == "postgresql":
        return write_learners(
            sizes=sizes,
            communes=communes,
            pages=pages,
            start=start,
            span=span,
            year=now.year,
            out=out,
        )
    return write_rows(
        sizes=sizes,
        communes=communes,
        pages=pages,
        rng=rng,
        now=now,
        start=start,
        span=span,
        out=out,
    )
