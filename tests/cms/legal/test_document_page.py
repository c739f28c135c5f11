import datetime

import pytest
from django.conf import settings
from django.utils.module_loading import import_string

from cms.legal.dissemination import documents_for_dissemination
from tests.factories.legal import legal_document, pdf_document

pytestmark = pytest.mark.django_db


def test_document_page_shows_its_facts(client, library, documents):
    law = documents["law"]
    law.effective_date = datetime.date(2025, 7, 1)
    law.issuing_body = "Quốc hội"
    law.full_text = pdf_document()
    law.save_revision().publish()

    html = client.get(law.url).content.decode()
    assert "53/2024/QH15" in html
    assert "Quốc hội" in html
    assert "28/11/2024" in html and "01/07/2025" in html
    assert "Còn hiệu lực" in html
    assert "Toàn văn (PDF)" in html
    assert law.full_text.url in html


def test_replaced_document_links_to_its_replacement(client, library, documents):
    old = legal_document(
        index=library,
        number="66/2011/QH12",
        title="Luật Phòng, chống mua bán người",
        status="replaced",
        replaced_by=documents["law"],
    )
    html = client.get(old.url).content.decode()
    assert "Được thay thế bởi" in html
    assert documents["law"].url in html
    assert "66/2011/QH12" in client.get(documents["law"].url).content.decode()


def test_a_document_awaiting_review_shows_learners_a_neutral_note_and_editors_why(client, library):
    unconfirmed = legal_document(
        index=library, number="162/2025/NĐ-CP", title="Nghị định chi tiết", needs_review=True
    )
    html = client.get(unconfirmed.url).content.decode()
    assert "Nội dung đang được cập nhật." in html
    assert "biên tập viên" not in html and "đối chiếu" not in html
    assert "cần xác nhận" in unconfirmed.get_admin_display_title()


def test_key_articles_are_shown(client, library):
    from wagtail.rich_text import RichText

    code = legal_document(
        index=library,
        number="100/2015/QH13",
        title="Bộ luật Hình sự",
        key_articles=[
            (
                "article",
                {
                    "article": "Điều 150",
                    "title": "Tội mua bán người",
                    "text": RichText("<p>Nội dung.</p>"),
                },
            )
        ],
    )
    html = client.get(code.url).content.decode()
    assert "Điều 150. Tội mua bán người" in html


def test_documents_for_dissemination_are_the_live_marked_ones(library, documents):
    legal_document(
        index=library,
        number="9/2099/QH99",
        title="Nháp",
        marked_for_dissemination=True,
        publish=False,
    )
    selector = import_string(settings.COVERAGE_DISSEMINATION_DOCUMENTS)
    assert selector is documents_for_dissemination
    assert sorted(page.number for page in selector()) == ["53/2024/QH15", "793/QĐ-TTg"]
