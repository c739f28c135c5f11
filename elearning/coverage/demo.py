"""Demo coverage: Ninh Bình's plan 38/KH-BCĐ (2020) with the targets the seed quotes, sample
denominators and profiles for the current communes it became, demo learners so that every
indicator shows a value, and a province report reader.

The plan is set in the legacy catalogue (Ninh Bình before 1/7/2025) and is read on today's
communes through the lineage. Population figures, profiles and headcounts are SAMPLE figures
(flagged is_sample), not official statistics."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from elearning.geo.models import AdminCatalog, AdminUnit

from . import selectors, services
from .choices import IndicatorCode, ModelType
from .models import CommuneProfile, Denominator, Indicator, Plan, Target

NUMBER = "38/KH-BCĐ"
PLAN = {
    "title": "Kế hoạch thực hiện Chương trình phòng, chống mua bán người năm 2020",
    "issuer": (
        "Ban Chỉ đạo phòng, chống tội phạm, tệ nạn xã hội và xây dựng phong trào toàn dân "
        "bảo vệ ANTQ tỉnh Ninh Bình"
    ),
    "year": 2020,
    "min_readers": 5,
}
# The seed (000_988175dab3a30a3b.txt): ≥30 % of communes with an in-depth model, 50 % with an
# integrated model, 75 % of people aged 14–60 in key areas reached, 100 % of legal texts
# disseminated. Staff training has no figure in the plan, so no target.
TARGETS = {
    IndicatorCode.IN_DEPTH_MODEL: 30,
    IndicatorCode.INTEGRATED_MODEL: 50,
    IndicatorCode.REACH: 75,
    IndicatorCode.LEGAL_DISSEMINATED: 100,
}
READER = ("baocao-ninhbinh", "baocao-ChungTay-2026")
GUEST = "demo-coverage-"
STAFF = "demo-canbo-"


def _legacy_ninh_binh():
    return (
        AdminUnit.objects.filter(catalog__key=AdminCatalog.LEGACY, level=AdminUnit.Level.PROVINCE)
        .filter(search_name__endswith="ninh binh")
        .first()
    )


def _pages(model: str):
    """Live learning pages of a kind, by content type label (no cms import)."""
    return Page.objects.live().filter(
        content_type__app_label="learning", content_type__model=model, locale__language_code="vi"
    )


@transaction.atomic
def load(*, out) -> Plan | None:
    legacy = _legacy_ninh_binh()
    if legacy is None:
        out("Coverage demo skipped: the administrative units are not loaded.")
        return None
    services.ensure_indicators()
    plan, created = Plan.objects.get_or_create(
        number=NUMBER, year=PLAN["year"], defaults={**PLAN, "scope_unit": legacy}
    )
    for code, value in TARGETS.items():
        Target.objects.get_or_create(
            plan=plan, indicator=Indicator.objects.get(code=code), defaults={"value": value}
        )
    if created:
        out(f"Created the coverage plan {NUMBER} (Ninh Bình, 2020).")
    _sample_plan(legacy, out=out)

    communes = sorted(
        AdminUnit.objects.filter(pk__in=selectors.communes_of(legacy)), key=lambda u: u.code
    )
    rng = random.Random(38)
    year = timezone.localdate().year
    _profiles(communes, rng, year=year)
    touched = _learners(communes, rng)
    _reader(out=out)
    for commune_id in sorted(touched):
        services.refresh_commune_rollups(commune_id=commune_id)
    out(
        f"Coverage demo: {len(communes)} current communes of the former Ninh Bình province, "
        "with sample population figures."
    )
    return plan


def _sample_plan(legacy, *, out) -> None:
    """The 2020 plan counts 2020, when the demo has no learners: a SAMPLE plan for this year,
    with the same targets, shows the demo's figures. Flagged for an editor's review: no such
    plan was issued."""
    year = timezone.localdate().year
    plan, created = Plan.objects.get_or_create(
        number="…/KH-BCĐ (mẫu)",
        year=year,
        defaults={
            **PLAN,
            "title": f"Kế hoạch mẫu năm {year} (minh hoạ, chưa phải văn bản thật)",
            "year": year,
            "scope_unit": legacy,
            "needs_review": True,
        },
    )
    for code, value in TARGETS.items():
        Target.objects.get_or_create(
            plan=plan, indicator=Indicator.objects.get(code=code), defaults={"value": value}
        )
    if created:
        out(f"Created a sample coverage plan for {year} (needs an editor's review).")


def _profiles(communes, rng, *, year):
    reach = Indicator.objects.get(code=IndicatorCode.REACH)
    staff = Indicator.objects.get(code=IndicatorCode.STAFF_TRAINED)
    for index, commune in enumerate(communes):
        model = rng.choices(
            [ModelType.IN_DEPTH, ModelType.INTEGRATED, ModelType.NONE], weights=[3, 4, 3]
        )[0]
        population = rng.randint(180, 600)
        CommuneProfile.objects.get_or_create(
            unit=commune,
            year=year,
            defaults={"is_key_area": index % 3 == 0, "model": model, "is_sample": True},
        )
        Denominator.objects.get_or_create(
            unit=commune,
            indicator=reach,
            year=year,
            audience="",
            defaults={"value": population, "is_sample": True},
        )
    # Sample headcounts of the agencies at the first communes (police posts, court...).
    for commune, agency, value in zip(
        communes[:3], ["police", "procuracy", "court"], [40, 12, 10], strict=False
    ):
        Denominator.objects.get_or_create(
            unit=commune,
            indicator=staff,
            year=year,
            audience=agency,
            defaults={"value": value, "is_sample": True},
        )


def _learners(communes, rng) -> set[int]:
    """Guests who completed lessons and quizzes, read the legal documents, and staff with
    certificates. Skipped once done (the guests' keys mark them)."""
    from django.apps import apps

    ContentProgress = apps.get_model("progress", "ContentProgress")
    if ContentProgress.objects.filter(visitor_key__startswith=GUEST).exists():
        return set()
    lessons = list(_pages("lessonpage")[:3])
    quizzes = list(_pages("quizpage")[:2])
    if not lessons:
        return set()
    key_communes = communes[::3][:12]
    now = timezone.now()
    touched = set()
    rows = []
    for index, commune in enumerate(key_communes):
        # Most communes well above 5 people; one with 3, shown as "<5".
        people = 3 if index == 4 else rng.randint(40, 140)
        for person in range(people):
            when = now - datetime.timedelta(days=rng.randint(0, 300))
            key = f"{GUEST}{commune.code}-{person}"
            band = rng.choice(["14-15", "16-17", "18-24", "25-34", "35-44", "45-60"])
            lesson = lessons[person % len(lessons)]
            rows.append(
                ContentProgress(
                    visitor_key=key,
                    content=lesson,
                    course_id=lesson.get_parent().pk,
                    progress=1.0,
                    completed_at=when,
                    commune=commune,
                    audience="community",
                    age_band=band,
                    created_at=when,
                    updated_at=when,
                )
            )
            if quizzes and person % 2 == 0:
                quiz = quizzes[0]
                passed = rng.random() < 0.7
                rows.append(
                    ContentProgress(
                        visitor_key=key,
                        content=quiz,
                        course_id=quiz.get_parent().pk,
                        progress=1.0,
                        completed_at=when if passed else None,
                        best_score=0.9 if passed else 0.4,
                        passed=passed,
                        attempt_count=1,
                        commune=commune,
                        audience="community",
                        age_band=band,
                        created_at=when,
                        updated_at=when,
                    )
                )
        touched.add(commune.pk)
    ContentProgress.objects.bulk_create(rows)
    touched |= _readers(key_communes, rng)
    touched |= _staff(communes[:3], rng)
    return touched


def _readers(communes, rng) -> set[int]:
    from django.apps import apps

    ReadReceipt = apps.get_model("dissemination", "ReadReceipt")
    receipts = []
    for doc_id, _title in selectors.dissemination_documents():
        for person in range(rng.randint(6, 20)):
            commune = communes[person % len(communes)]
            receipts.append(
                ReadReceipt(
                    page_id=doc_id,
                    visitor_key=f"{GUEST}reader-{doc_id}-{person}",
                    commune=commune,
                    audience="community",
                    age_band="25-34",
                )
            )
    ReadReceipt.objects.bulk_create(receipts)
    return {r.commune_id for r in receipts}


def _staff(communes, rng) -> set[int]:
    from django.apps import apps

    Certificate = apps.get_model("progress", "Certificate")
    course = (
        Page.objects.live()
        .filter(content_type__app_label="learning", content_type__model="coursepage")
        .first()
    )
    if course is None:
        return set()
    User = get_user_model()
    touched = set()
    for commune, agency, trained in zip(
        communes, ["police", "procuracy", "court"], [26, 7, 6], strict=False
    ):
        for number in range(trained):
            user, _ = User.objects.get_or_create(
                username=f"{STAFF}{agency}-{number}",
                defaults={"first_name": f"Cán bộ {number + 1}"},
            )
            Certificate.objects.get_or_create(
                learner=user,
                course=course,
                defaults={
                    "score": rng.randint(80, 100),
                    "learner_name": user.first_name,
                    "course_title": course.title,
                    "commune": commune,
                    "audience": agency,
                },
            )
        touched.add(commune.pk)
    return touched


def _reader(*, out):
    province = (
        AdminUnit.objects.current().provinces().filter(search_name__endswith="ninh binh").first()
    )
    if province is None:
        return
    username, password = READER
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, first_name="Báo cáo Ninh Bình")
        user.set_password(password)
        user.save()
    services.set_report_scope(user=user, unit=province)
    out(f"Demo report reader (Ninh Bình province): {username} / {password}")
