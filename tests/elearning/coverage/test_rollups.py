"""Rollups follow the raw rows: a completion shows in the report after its task runs, the
nightly reconciliation puts a corrupted rollup right and says so, and both are idempotent."""

from django.db.models import Sum

from elearning.coverage import selectors, services
from elearning.coverage.changes import commune_changed
from elearning.coverage.models import ReconciliationRun, Rollup
from elearning.coverage.tasks import reconcile_rollups, refresh_commune_rollups
from tests.factories.coverage import PlanFactory, complete, indicator, months_ago, profile


def reach_of(plan, unit=None):
    area = selectors.area_for(plan=plan, scope=selectors.ReaderScope(unit=None), unit=unit)
    figures = selectors.overview(area=area).figures
    return next(f for f in figures if f.code == "reach")


def test_a_completion_changes_the_report_after_the_task_runs(
    communes, ninh_binh, django_capture_on_commit_callbacks
):
    profile(communes[0], population=200)
    plan = PlanFactory(scope_unit=ninh_binh, targets={"reach": 75})
    rows = complete(commune=communes[0], people=10)
    assert reach_of(plan).numerator == 0  # nothing counted before the task

    with django_capture_on_commit_callbacks(execute=True):
        commune_changed(commune_id=rows[0].commune_id)

    figure = reach_of(plan)
    assert (figure.numerator, figure.denominator, figure.value) == (10, 200, 5.0)
    # The province sum follows the commune.
    province_rows = Rollup.objects.filter(level="province", unit=ninh_binh)
    assert province_rows.aggregate(n=Sum("numerator"))["n"] == 10


def test_the_task_is_idempotent(communes, ninh_binh):
    profile(communes[0])
    rows = complete(commune=communes[0], people=6)
    assert refresh_commune_rollups(rows[0].commune_id) > 0
    before = list(Rollup.objects.values_list("level", "unit_id", "period", "numerator"))
    assert refresh_commune_rollups(rows[0].commune_id) == 0
    assert list(Rollup.objects.values_list("level", "unit_id", "period", "numerator")) == before


def test_people_are_counted_once_in_the_month_they_first_completed(communes, ninh_binh):
    profile(communes[0])
    plan = PlanFactory(scope_unit=ninh_binh)
    from elearning.progress.models import ContentProgress

    first = complete(commune=communes[0], people=5, when=months_ago(3))
    # The same five guests complete a second lesson this month: still five people.
    ContentProgress.objects.bulk_create(
        ContentProgress(
            visitor_key=row.visitor_key,
            content=complete(commune=communes[1], people=1)[0].content,
            progress=1,
            completed_at=months_ago(0),
            commune=communes[0],
            audience="community",
            age_band="18-24",
        )
        for row in first
    )
    services.refresh_commune_rollups(commune_id=communes[0].pk)
    assert reach_of(plan, unit=communes[0]).numerator == 5
    cells = Rollup.objects.filter(level="commune", unit=communes[0], indicator=indicator("reach"))
    assert cells.count() == 1


def test_children_and_people_over_60_and_staff_lessons_do_not_count_for_reach(communes, ninh_binh):
    profile(communes[0])
    plan = PlanFactory(scope_unit=ninh_binh)
    complete(commune=communes[0], people=5, age_band="61+")
    complete(commune=communes[0], people=5, content_audience="staff", audience="police")
    complete(commune=communes[0], people=5)
    services.refresh_commune_rollups(commune_id=communes[0].pk)
    assert reach_of(plan).numerator == 5


def test_reconciliation_fixes_a_corrupted_rollup_and_reports_it(communes, ninh_binh):
    profile(communes[0], population=100)
    plan = PlanFactory(scope_unit=ninh_binh)
    complete(commune=communes[0], people=8)
    complete(commune=communes[1], people=6)
    services.refresh_commune_rollups(commune_id=communes[0].pk)
    services.refresh_commune_rollups(commune_id=communes[1].pk)
    # Corrupt: a wrong count, a cell that should not exist, a cell gone missing.
    cell = Rollup.objects.get(level="commune", unit=communes[0], indicator=indicator("reach"))
    Rollup.objects.filter(pk=cell.pk).update(numerator=999)
    Rollup.objects.create(
        level="commune",
        unit=communes[2],
        indicator=indicator("reach"),
        period=cell.period,
        numerator=3,
    )
    Rollup.objects.filter(level="commune", unit=communes[1]).delete()
    assert reach_of(plan, unit=communes[0]).numerator == 999

    corrected = reconcile_rollups()

    run = ReconciliationRun.objects.get()
    assert corrected == run.corrected >= 3
    assert {d["kind"] for d in run.details} >= {"changed", "missing", "stale"}
    assert any(d["stored"] == 999 and d["fresh"] == 8 for d in run.details)
    assert reach_of(plan, unit=communes[0]).numerator == 8
    assert not Rollup.objects.filter(unit=communes[2]).exists()
    assert Rollup.objects.filter(level="commune", unit=communes[1]).exists()

    # Twice changes nothing.
    assert services.reconcile_rollups().corrected == 0


def test_reconciliation_of_clean_rollups_corrects_nothing(communes, ninh_binh):
    complete(commune=communes[0], people=5)
    services.refresh_commune_rollups(commune_id=communes[0].pk)
    assert services.reconcile_rollups().corrected == 0
