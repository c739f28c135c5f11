import pytest

from cms.legal.dissemination import documents_for_dissemination
from cms.legal.models import LegalDocumentPage

pytestmark = pytest.mark.django_db

FACTS_NUMBERS = {
    "66/2011/QH12",
    "53/2024/QH15",
    "09/2013/NĐ-CP",
    "134/2013/TTLT-BTC-BLĐTBXH",
    "793/QĐ-TTg",
    "100/2015/QH13",
    "162/2025/NĐ-CP",
    "193/QĐ-TTg",
    "13/2023/NĐ-CP",
    "91/2025/QH15",
}


def load_library():
    """The legal loader alone (the full `load_demo_data` also runs the other apps')."""
    from cms.legal.demo import load

    load(out=lambda line: None)


CHECK_ROWS = {"53/2024/QH15", "162/2025/NĐ-CP", "193/QĐ-TTg", "13/2023/NĐ-CP", "91/2025/QH15"}


def test_demo_library_has_every_document_of_the_facts_once(home_page):
    load_library()
    load_library()
    vi = LegalDocumentPage.objects.filter(locale__language_code="vi")
    assert set(vi.values_list("number", flat=True)) == FACTS_NUMBERS
    assert vi.count() == len(FACTS_NUMBERS)
    assert LegalDocumentPage.objects.filter(locale__language_code="en").count() == len(
        FACTS_NUMBERS
    )
    assert set(vi.filter(needs_review=True).values_list("number", flat=True)) == CHECK_ROWS

    old_law = vi.get(number="66/2011/QH12")
    assert old_law.status == "replaced"
    assert old_law.replaced_by.number == "53/2024/QH15"
    assert {page.number for page in documents_for_dissemination()} <= FACTS_NUMBERS


def test_legal_documents_go_through_the_review_workflow(home_page):
    from cms.campaigns.editorial import WORKFLOW

    load_library()
    for document in LegalDocumentPage.objects.all():
        assert document.get_workflow().name == WORKFLOW
