"""The overview of an area and the total row of its units' table are the same figures, for
every period a reader can pick, although neither reads the other: the overview sums the
area's rollups without its units (a province of 200 communes: the table is most of a cold
page), the table adds up its units' inputs without reading the area's rollups again."""

import datetime

from django.utils import timezone

from elearning.coverage import periods, selectors, services
from elearning.coverage.selectors.areas import protected_table
from elearning.coverage.selectors.figures import dissemination_documents
from tests.factories.coverage import PlanFactory, complete, headcount, page, profile
from tests.factories.geo import CommuneFactory, ProvinceFactory

YEAR = timezone.localdate().year - 1
# People first counted per commune and month: small counts (1–4) in most cells.
REACH = {0: {1: 3, 2: 6, 7: 2}, 1: {1: 4, 3: 1, 10: 8}, 2: {2: 2, 6: 5}}
# Quiz takers of two courses: commune -> {month: (passed, failed)}. The second course's few
# takers are hidden, and so the first's beside them in the area's own row.
PASSED = {
    "Khoá một": {0: {1: (3, 1)}, 1: {4: (6, 2)}, 2: {8: (1, 1)}},
    "Khoá hai": {0: {5: (2, 0)}},
}


def _on(month):
    return timezone.make_aware(datetime.datetime(YEAR, month, 15, 10))


def _shown(figures) -> list:
    return [
        (f.key, f.value_display, f.numerator_display, f.denominator_display, f.status)
        for f in figures
    ]


def test_the_overview_is_the_total_row_of_its_units_table(db):
    province = ProvinceFactory(code="37", name="Tỉnh Ninh Bình")
    communes = [CommuneFactory(province=province, code=f"3{i:04d}") for i in range(3)]
    lesson = page("Bài học")
    courses = {title: (page(title), page(f"Bài kiểm tra {title}")) for title in PASSED}
    for index, commune in enumerate(communes):
        profile(commune, population=100, year=YEAR - 1)
        for month, people in REACH[index].items():
            complete(commune=commune, people=people, content=lesson, when=_on(month))
        for title, by_commune in PASSED.items():
            course, quiz = courses[title]
            for month, (passed, failed) in by_commune.get(index, {}).items():
                for ok, people in ((True, passed), (False, failed)):
                    complete(
                        commune=commune,
                        people=people,
                        content=quiz,
                        course=course,
                        content_audience="staff",
                        passed=ok,
                        best_score=90 if ok else 20,
                        created_at=_on(month),
                        when=_on(month),
                    )
        services.refresh_commune_rollups(commune_id=commune.pk)
    # Staff headcounts of the province itself and of two communes: the table adds its rows up
    # and the province's own, the overview reads them all.
    headcount(province, agency="police", value=40, year=YEAR - 1)
    headcount(communes[0], agency="police", value=10, year=YEAR - 1)
    headcount(communes[1], agency="court", value=7, year=YEAR - 1)
    plan = PlanFactory(scope_unit=province, year=YEAR, targets={"reach": 50})
    scope = selectors.ReaderScope(unit=province)
    docs = dissemination_documents()
    checked = withheld = 0
    for period in periods.choices(plan, today=timezone.localdate()):
        area = selectors.area_for(plan=plan, scope=scope, period=period)
        overview = selectors.overview(area=area).figures
        total, rows = protected_table(area, docs=docs)
        assert _shown(overview) == _shown(total), period.key
        staff = next(f for f in total if f.key == ("staff_trained", ""))
        assert staff.denominator == 57  # 40 of the province's own, 10 and 7 of its communes
        checked += 1
        withheld += sum(f.is_suppressed for f in overview)
    assert checked == 19  # the plan's year, its halves, quarters and months
    assert withheld  # the data does hide figures: the comparison is not of plain numbers only
