"""Rollups follow the raw rows: a completion shows in the report after its task runs, the
nightly reconciliation puts a corrupted rollup right and says so, and both are idempotent. A
cell's year (RollupYear, what tables of units read) follows its months."""

from django.db.models import Sum
from django.utils import timezone

from elearning.coverage import figures_cache, selectors, services
from elearning.coverage.changes import commune_changed
from elearning.coverage.models import CommuneProfile, ReconciliationRun, Rollup, RollupYear
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


def test_a_cells_year_holds_its_months_side_by_side(communes, ninh_binh):
    earlier, now = months_ago(1), months_ago(0)
    complete(commune=communes[0], people=5, when=earlier)
    complete(commune=communes[0], people=7, when=now)
    services.refresh_commune_rollups(commune_id=communes[0].pk)

    for level, unit in (("commune", communes[0]), ("province", ninh_binh)):
        years = RollupYear.objects.filter(level=level, unit=unit, indicator=indicator("reach"))
        by_month = {
            (year.year, month): getattr(year, f"numerator_{month:02}")
            for year in years
            for month in range(1, 13)
        }
        assert by_month[(earlier.year, earlier.month)] == 5
        assert by_month[(now.year, now.month)] == 7
        assert sum(by_month.values()) == 12
        assert sum(year.numerator for year in years) == 12


def test_reconciliation_mends_a_corrupted_year_and_the_table_reads_the_mended_one(
    communes, ninh_binh
):
    profile(communes[0], population=100)
    plan = PlanFactory(scope_unit=ninh_binh)
    complete(commune=communes[0], people=8)
    services.refresh_commune_rollups(commune_id=communes[0].pk)
    month = f"numerator_{timezone.localdate().month:02}"
    RollupYear.objects.filter(level="commune", unit=communes[0]).update(**{month: 999})
    area = selectors.area_for(plan=plan, scope=selectors.ReaderScope(unit=None))

    def table_reach():
        figures_cache.bump()
        row = next(r for r in selectors.area_rows(area=area) if r.unit == communes[0])
        return row.figures["reach"].numerator

    assert table_reach() == 999
    assert services.reconcile_rollups().corrected >= 1
    assert table_reach() == 8


def test_a_plan_of_two_years_counts_both_in_its_commune_table(communes, ninh_binh):
    profile(communes[0], population=100)
    profile(communes[1], population=100)
    older, recent = months_ago(13), months_ago(0)
    plan = PlanFactory(scope_unit=ninh_binh, year=older.year, end_year=recent.year)
    complete(commune=communes[0], people=6, when=older)
    complete(commune=communes[0], people=7, when=recent)
    complete(commune=communes[1], people=5, when=older)
    for commune in communes[:2]:
        services.refresh_commune_rollups(commune_id=commune.pk)
    area = selectors.area_for(plan=plan, scope=selectors.ReaderScope(unit=None))

    rows = {row.unit: row for row in selectors.area_rows(area=area) if row.unit}
    assert rows[communes[0]].figures["reach"].numerator == 13
    assert rows[communes[1]].figures["reach"].numerator == 5
    assert reach_of(plan).numerator == 18


def _key_sums(province) -> int:
    rows = Rollup.objects.filter(level="key_communes", unit=province)
    return rows.aggregate(n=Sum("numerator"))["n"] or 0


def test_a_province_sums_the_reach_of_the_communes_key_in_each_month_s_year(communes, ninh_binh):
    this_year = timezone.localdate().year
    profile(communes[0], key=True)
    profile(communes[1], key=False)
    profile(communes[2], key=True, year=this_year - 1)  # key last year, not this year
    profile(communes[2], key=False)
    complete(commune=communes[0], people=6)
    complete(commune=communes[1], people=5)
    complete(commune=communes[2], people=7, when=timezone.now().replace(year=this_year - 1))
    complete(commune=communes[2], people=8)
    for commune in communes:
        services.refresh_commune_rollups(commune_id=commune.pk)

    sums = Rollup.objects.filter(level="key_communes", unit=ninh_binh)
    assert {(row.period.year, row.numerator) for row in sums} == {
        (this_year, 6),  # the first commune; the third is no longer key this year
        (this_year - 1, 7),
    }
    years = RollupYear.objects.filter(level="key_communes", unit=ninh_binh)
    assert sorted(years.values_list("year", "numerator")) == [(this_year - 1, 7), (this_year, 6)]
    # The province's report reads them, and says what its communes say.
    plan = PlanFactory(scope_unit=ninh_binh)
    assert reach_of(plan).numerator == 6 == reach_of(plan, unit=communes[0]).numerator


def test_a_commune_that_becomes_a_key_area_counts_in_its_province_after_the_task(
    communes, ninh_binh, ha_noi, hanoi_commune, django_capture_on_commit_callbacks
):
    profile(communes[0], key=True, population=100)
    profile(communes[1], key=False, population=100)
    complete(commune=communes[0], people=6)
    complete(commune=communes[1], people=5)
    for commune in communes[:2]:
        services.refresh_commune_rollups(commune_id=commune.pk)
    plan = PlanFactory(scope_unit=ninh_binh)
    assert (reach_of(plan).numerator, reach_of(plan).denominator) == (6, 100)

    with django_capture_on_commit_callbacks(execute=True):
        profile(communes[1], key=True, population=100)
    assert (reach_of(plan).numerator, reach_of(plan).denominator) == (11, 200)
    assert _key_sums(ninh_binh) == 11

    # Moved to a commune of another province: both provinces are recounted.
    complete(commune=hanoi_commune, people=7)
    services.refresh_commune_rollups(commune_id=hanoi_commune.pk)
    assert _key_sums(ha_noi) == 0  # not a key area yet
    moved = CommuneProfile.objects.get(unit=communes[1])
    with django_capture_on_commit_callbacks(execute=True):
        moved.unit = hanoi_commune
        moved.save()
    assert _key_sums(ninh_binh) == 6 and _key_sums(ha_noi) == 7
    assert reach_of(plan).numerator == 6
    # Moved on again, the same instance: the commune it left last is recounted, not the first.
    with django_capture_on_commit_callbacks(execute=True):
        moved.unit = communes[2]
        moved.save()
    assert _key_sums(ha_noi) == 0 and _key_sums(ninh_binh) == 6

    with django_capture_on_commit_callbacks(execute=True):
        CommuneProfile.objects.filter(unit=communes[0]).get().delete()
    assert _key_sums(ninh_binh) == 0
    assert reach_of(plan).numerator == 0


def test_a_plan_of_several_years_counts_the_communes_key_in_its_last_year(communes, ninh_binh):
    """Such a plan's key communes are those of the year it is counted to, for every month:
    the provinces' sums (each month's own year) would count last year's key communes."""
    this_year = timezone.localdate().year
    profile(communes[0], key=True, year=this_year - 1)
    profile(communes[0], key=False)
    complete(commune=communes[0], people=7, when=timezone.now().replace(year=this_year - 1))
    services.refresh_commune_rollups(commune_id=communes[0].pk)
    assert _key_sums(ninh_binh) == 7

    two_years = PlanFactory(scope_unit=ninh_binh, year=this_year - 1, end_year=this_year)
    assert reach_of(two_years).numerator == 0
    last_year = PlanFactory(scope_unit=ninh_binh, year=this_year - 1)
    assert reach_of(last_year).numerator == 7


def test_a_whole_province_s_report_reads_the_sums_of_its_key_communes(communes, ninh_binh):
    profile(communes[0], key=True, population=100)
    complete(commune=communes[0], people=6)
    services.refresh_commune_rollups(commune_id=communes[0].pk)
    plan = PlanFactory(scope_unit=ninh_binh)
    assert reach_of(plan).numerator == 6
    # A sum changed behind the services' back: the province's report shows it (it reads the
    # sum, not its communes' rows), the commune's own does not, and the reconciliation
    # puts it right.
    Rollup.objects.filter(level="key_communes", unit=ninh_binh).update(numerator=60)
    RollupYear.objects.filter(level="key_communes", unit=ninh_binh).update(numerator=60)
    figures_cache.bump()
    assert reach_of(plan).numerator == 60
    assert reach_of(plan, unit=communes[0]).numerator == 6
    assert services.reconcile_rollups().corrected >= 1
    assert reach_of(plan).numerator == 6
