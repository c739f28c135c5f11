"""Cached figures: a page reads an area's figures from the cache while nothing has changed, and
anything that changes them (a rollup refresh, a reconciliation correcting drift, a denominator)
makes the next read recompute. Scope and "<5" are the same on a cached read."""

from django.urls import reverse

from elearning.coverage import selectors, services
from elearning.coverage.models import MONTHS, Rollup, RollupYear
from elearning.coverage.selectors import blocks
from tests.factories.coverage import (
    PlanFactory,
    complete,
    indicator,
    page,
    profile,
    reader,
)

COUNTRY = selectors.ReaderScope(unit=None)


def reach(plan, unit=None):
    area = selectors.area_for(plan=plan, scope=COUNTRY, unit=unit)
    return next(f for f in selectors.overview(area=area).figures if f.code == "reach")


def reach_by_commune(plan, unit=None):
    area = selectors.area_for(plan=plan, scope=COUNTRY, unit=unit)
    return {row.unit.pk: row.figures["reach"] for row in selectors.area_rows(area=area)}


def change_behind_the_services_back(**cells):
    """Rollup cells changed without a refresh, monthly and yearly (unit tables read years)."""
    Rollup.objects.filter(**cells).update(numerator=99)
    RollupYear.objects.filter(**cells).update(**{f"numerator_{m:02}": 99 for m in MONTHS})


def test_a_second_read_is_cached_and_a_refresh_invalidates_it(communes, ninh_binh):
    profile(communes[0], population=100)
    plan = PlanFactory(scope_unit=ninh_binh)
    complete(commune=communes[0], people=10)
    services.refresh_commune_rollups(commune_id=communes[0].pk)
    assert reach(plan).numerator == 10
    assert reach_by_commune(plan)[communes[0].pk].numerator == 10

    # A cell changed behind the services' back: the cached figures do not see it...
    change_behind_the_services_back(indicator=indicator("reach"))
    assert reach(plan).numerator == 10
    assert reach_by_commune(plan)[communes[0].pk].numerator == 10

    # ...but a refresh that changes a cell invalidates every cached area.
    complete(commune=communes[0], people=5)
    services.refresh_commune_rollups(commune_id=communes[0].pk)
    assert reach(plan).numerator == 15
    assert reach_by_commune(plan)[communes[0].pk].numerator == 15


def test_a_reconciliation_that_corrects_a_cell_invalidates_the_cache(communes, ninh_binh):
    profile(communes[0], population=100)
    plan = PlanFactory(scope_unit=ninh_binh)
    complete(commune=communes[0], people=10)
    services.reconcile_rollups()
    assert reach(plan, unit=communes[0]).numerator == 10

    # Rows the incremental refresh never heard of: drift the nightly run puts right.
    complete(commune=communes[0], people=7)
    assert reach(plan, unit=communes[0]).numerator == 10
    run = services.reconcile_rollups()
    assert run.corrected > 0
    assert reach(plan, unit=communes[0]).numerator == 17
    assert reach_by_commune(plan)[communes[0].pk].numerator == 17


def test_a_reconciliation_that_changes_nothing_keeps_the_cache(communes, ninh_binh):
    profile(communes[0], population=100)
    plan = PlanFactory(scope_unit=ninh_binh)
    complete(commune=communes[0], people=10)
    services.reconcile_rollups()
    assert reach(plan).numerator == 10
    assert services.reconcile_rollups().corrected == 0
    # Not bumped: the cached figures are still read (this drift is the next run's to fix).
    change_behind_the_services_back(indicator=indicator("reach"))
    assert reach(plan).numerator == 10


def test_a_new_denominator_invalidates_the_cache(communes, ninh_binh):
    profile(communes[0], population=100)
    plan = PlanFactory(scope_unit=ninh_binh)
    complete(commune=communes[0], people=10)
    services.refresh_commune_rollups(commune_id=communes[0].pk)
    assert reach(plan).value == 10.0
    profile(communes[0], population=200)
    assert reach(plan).value == 5.0


def test_areas_and_readers_do_not_share_figures(communes, ninh_binh, hanoi_commune):
    for commune in communes:
        profile(commune, population=100)
    complete(commune=communes[0], people=12)
    complete(commune=communes[1], people=3)
    for commune in communes:
        services.refresh_commune_rollups(commune_id=commune.pk)
    plan = PlanFactory(targets={"reach": 75})
    assert reach(plan, unit=communes[0]).numerator == 12
    assert reach(plan, unit=communes[1]).numerator == 3
    # Small counts read "<5" on the cached read as on the first.
    for _ in range(2):
        assert reach(plan, unit=communes[1]).value_display == "<5"
        assert reach_by_commune(plan, unit=ninh_binh)[communes[1].pk].value_display == "<5"


def test_a_cached_page_keeps_the_readers_scope(client, communes, ninh_binh, hanoi_commune):
    profile(communes[0], population=100)
    profile(hanoi_commune, population=100)
    complete(commune=communes[0], people=12)
    complete(commune=hanoi_commune, people=40)
    for commune in (communes[0], hanoi_commune):
        services.refresh_commune_rollups(commune_id=commune.pk)
    plan = PlanFactory(targets={"reach": 75})
    url = reverse("coverage_reports:areas", args=[plan.pk])

    client.force_login(reader(unit=None, is_superuser=True, is_staff=True))
    assert "Phường Ba Đình" not in client.get(url).content.decode()  # provinces, not communes
    client.force_login(reader(unit=ninh_binh))
    for _ in range(2):  # the first read fills the cache, the second reads it
        page = client.get(url).content.decode()
        assert "Phường Hoa Lư" in page
        assert "Phường Ba Đình" not in page
        assert "Hà Nội" not in page


def test_a_refresh_in_one_province_keeps_the_others_cached(communes, ninh_binh, hanoi_commune):
    """Completions stream in all day somewhere: a refresh forgets the figures of its province
    and of the country, not the pages of every other province."""
    for commune in (communes[0], hanoi_commune):
        profile(commune, population=100)
        complete(commune=commune, people=10)
        services.refresh_commune_rollups(commune_id=commune.pk)
    plan = PlanFactory()
    ha_noi = hanoi_commune.province
    assert reach(plan, unit=ha_noi).numerator == 10
    assert reach_by_commune(plan, unit=ha_noi)[hanoi_commune.pk].numerator == 10
    assert reach(plan, unit=ninh_binh).numerator == 10
    assert reach(plan).numerator == 20
    # Hà Nội's cell changed behind the services' back: what its cached pages still show.
    change_behind_the_services_back(unit=hanoi_commune)
    change_behind_the_services_back(unit=ha_noi)

    complete(commune=communes[0], people=5)  # a completion in Ninh Bình
    services.refresh_commune_rollups(commune_id=communes[0].pk)
    assert reach(plan, unit=ninh_binh).numerator == 15  # its province: recomputed
    assert reach(plan, unit=ha_noi).numerator == 10  # another province: still cached
    assert reach_by_commune(plan, unit=ha_noi)[hanoi_commune.pk].numerator == 10
    assert reach(plan).numerator == 15 + 99  # the country: recomputed

    profile(hanoi_commune, population=200)  # a denominator: every area
    assert reach(plan, unit=ha_noi).numerator == 99


def test_a_completion_protects_again_only_the_count_it_changed(communes, ninh_binh, monkeypatch):
    """figures_cache.CountMemo keeps what each count withholds by all it is worked out from:
    after a completion the table shows what the changed count now says (not what the memo
    held for it before), and the counts the completion did not touch are not worked out
    again."""
    worked_out = []
    work_out = blocks._withheld_of_count
    monkeypatch.setattr(
        blocks,
        "_withheld_of_count",
        lambda rows, *args: worked_out.append(rows) or work_out(rows, *args),
    )
    course, quiz = page("Khoá học"), page("Bài kiểm tra")
    for commune, people in zip(communes, (3, 12, 10), strict=True):
        profile(commune, population=100)
        complete(commune=commune, people=people)
        complete(
            commune=commune,
            people=6,
            content=quiz,
            course=course,
            content_audience="staff",
            passed=True,
            best_score=1,
        )
        services.refresh_commune_rollups(commune_id=commune.pk)
    plan = PlanFactory(scope_unit=ninh_binh)

    shown = reach_by_commune(plan, unit=ninh_binh)
    # 3 people: "<5"; the smallest other commune hidden beside it, or 3 = total − the rest.
    assert [shown[c.pk].value_display for c in communes] == ["<5", 12.0, "*"]
    assert len(worked_out) == 2  # reach and the course's quiz

    worked_out.clear()
    complete(commune=communes[0], people=2)
    services.refresh_commune_rollups(commune_id=communes[0].pk)
    shown = reach_by_commune(plan, unit=ninh_binh)
    assert [shown[c.pk].value_display for c in communes] == [5.0, 12.0, 10.0]
    assert len(worked_out) == 1  # reach only: the quiz's from the memo
