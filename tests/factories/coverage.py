"""Coverage fixtures: plans, profiles, denominators, readers, and learners' rows to count.

plan = PlanFactory(scope_unit=province, targets={"reach": 75})
complete(commune=commune, people=6)          # six learners completed a community lesson
"""

import datetime
import itertools

import factory
from django.utils import timezone
from wagtail.models import Page

from elearning.coverage import services
from elearning.coverage.models import (
    CommuneProfile,
    Denominator,
    Indicator,
    Plan,
    Target,
)
from tests.factories.accounts import UserFactory
from tests.factories.pages import plain_page

_people = itertools.count(1)


def indicator(code) -> Indicator:
    services.ensure_indicators()
    return Indicator.objects.get(code=code)


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan
        skip_postgeneration_save = True

    title = "Kế hoạch thực hiện Chương trình phòng, chống mua bán người"
    number = factory.Sequence(lambda n: f"{n}/KH-BCĐ")
    issuer = "Ban Chỉ đạo tỉnh"
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    min_readers = 1

    @factory.post_generation
    def targets(obj, create, extracted, **kwargs):
        for code, value in (extracted or {}).items():
            Target.objects.create(plan=obj, indicator=indicator(code), value=value)


def profile(commune, *, population=1000, key=True, model="none", year=None):
    year = year or timezone.localdate().year
    CommuneProfile.objects.update_or_create(
        unit=commune, year=year, defaults={"is_key_area": key, "model": model}
    )
    Denominator.objects.update_or_create(
        unit=commune,
        indicator=indicator("reach"),
        year=year,
        audience="",
        defaults={"value": population},
    )


def headcount(unit, *, agency, value, year=None):
    Denominator.objects.update_or_create(
        unit=unit,
        indicator=indicator("staff_trained"),
        year=year or timezone.localdate().year,
        audience=agency,
        defaults={"value": value},
    )


def reader(unit=None, **kwargs):
    user = UserFactory(**kwargs)
    services.set_report_scope(user=user, unit=unit)
    return user


def page(title="Bài học") -> Page:
    return plain_page(title=title, slug_prefix="cov")


def complete(*, commune, people=1, content=None, course=None, when=None, **fields):
    """Rows of `people` guests who completed a community lesson in this commune."""
    from elearning.progress.models import ContentProgress

    content = content or page()
    when = when or timezone.now()
    fields.setdefault("audience", "community")
    fields.setdefault("age_band", "25-34")
    rows = [
        ContentProgress(
            visitor_key=f"visitor-{next(_people)}",
            content=content,
            course=course,
            progress=1.0,
            completed_at=when,
            commune=commune,
            **fields,
        )
        for _ in range(people)
    ]
    return ContentProgress.objects.bulk_create(rows)


def months_ago(months: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=31 * months)


def people_counted(commune, code="reach") -> int:
    """What the report would show for the commune: its stored rollup cells, summed."""
    from django.db.models import Sum

    from elearning.coverage.models import Rollup

    cells = Rollup.objects.filter(level="commune", unit=commune, indicator=indicator(code))
    return cells.aggregate(n=Sum("numerator"))["n"] or 0
