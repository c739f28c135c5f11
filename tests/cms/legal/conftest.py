import datetime

import pytest

from tests.factories.legal import legal_document, legal_index


@pytest.fixture
def library(home_page):
    return legal_index(home=home_page)


@pytest.fixture
def documents(library):
    """A small library: the 2024 law, the 30/7 decision, the data-protection decree."""
    return {
        "law": legal_document(
            index=library,
            number="53/2024/QH15",
            title="Luật Phòng, chống mua bán người (2024)",
            summary="Luật phòng, chống mua bán người hiện hành.",
            marked_for_dissemination=True,
        ),
        "decision": legal_document(
            index=library,
            number="793/QĐ-TTg",
            title="Quyết định lấy ngày 30/7 hằng năm là Ngày toàn dân phòng, chống mua bán người",
            document_type="decision",
            signed_date=datetime.date(2016, 5, 10),
            marked_for_dissemination=True,
        ),
        "decree": legal_document(
            index=library,
            number="13/2023/NĐ-CP",
            title="Nghị định về bảo vệ dữ liệu cá nhân",
            document_type="decree",
            status="replaced",
            signed_date=datetime.date(2023, 4, 17),
        ),
    }
