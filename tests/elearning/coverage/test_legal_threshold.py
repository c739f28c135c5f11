"""Legal texts disseminated counts documents read by at least the plan's minimum of readers. A
minimum of 2–4 would split a "<5": a document that counts (or does not) beside its "<5"
readers tells how many there are."""

import pytest
from wagtail.models import Page

from elearning.coverage import selectors, services
from tests.factories.coverage import PlanFactory, page, profile
from tests.factories.dissemination import ReadReceiptFactory

DOCUMENTS = []


def documents():
    return Page.objects.filter(pk__in=DOCUMENTS)


@pytest.fixture
def plan(settings, communes, ninh_binh):
    document = page("Luật Phòng, chống mua bán người")
    DOCUMENTS[:] = [document.pk]
    settings.COVERAGE_DISSEMINATION_DOCUMENTS = f"{__name__}.documents"
    for commune in communes:
        profile(commune, population=100)
    for index in range(4):  # four readers in Hoa Lư: "<5"
        ReadReceiptFactory(page=document, commune=communes[0], visitor_key=f"doc-{index}")
    for index in range(9):
        ReadReceiptFactory(page=document, commune=communes[1], visitor_key=f"doc-b{index}")
    for commune in communes:
        services.refresh_commune_rollups(commune_id=commune.pk)
    return PlanFactory(scope_unit=ninh_binh, min_readers=4)


def _legal(plan, unit):
    area = selectors.area_for(plan=plan, scope=selectors.ReaderScope(unit=unit))
    figures = selectors.overview(area=area).figures
    main = next(f for f in figures if f.code == "legal_disseminated" and not f.is_detail)
    detail = next(f for f in figures if f.code == "legal_disseminated" and f.is_detail)
    return main.value_display, detail.numerator_display


def test_a_minimum_below_5_does_not_tell_a_hidden_number_of_readers(plan, communes, ninh_binh):
    # Hoa Lư: 4 readers, "<5"; "met" (1 of 1 documents) would say "exactly 4".
    assert _legal(plan, communes[0]) == ("*", "<5")
    # Gia Viễn: 9 readers, shown; the province: 13.
    assert _legal(plan, communes[1]) == (100.0, 9)
    assert _legal(plan, ninh_binh) == (100.0, 13)
