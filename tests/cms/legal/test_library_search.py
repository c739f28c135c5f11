"""The library's search ignores diacritics and case, and finds documents by number; the
filters narrow by type, status and year. Runs on SQLite and on PostgreSQL (DATABASE_URL)."""

import pytest

from cms.legal.selectors import search_documents

pytestmark = pytest.mark.django_db


def numbers(documents):
    return sorted(document.number for document in documents)


@pytest.mark.parametrize(
    "query", ["mua ban nguoi", "MUA BÁN NGƯỜI", "mua bán người", "  Mua   Bán  người, "]
)
def test_search_ignores_diacritics_and_case(library, documents, query):
    assert numbers(search_documents(index_page=library, query=query)) == [
        "53/2024/QH15",
        "793/QĐ-TTg",
    ]


@pytest.mark.parametrize("query", ["793/QĐ-TTg", "793", "793/qd-ttg", "QĐ-TTg"])
def test_search_finds_a_document_by_its_number(library, documents, query):
    assert numbers(search_documents(index_page=library, query=query)) == ["793/QĐ-TTg"]


def test_every_word_must_match(library, documents):
    assert numbers(search_documents(index_page=library, query="dữ liệu cá nhân")) == [
        "13/2023/NĐ-CP"
    ]
    assert not search_documents(index_page=library, query="dữ liệu mua bán").exists()


def test_filters_by_type_status_and_year(library, documents):
    assert numbers(search_documents(index_page=library, document_type="decree")) == [
        "13/2023/NĐ-CP"
    ]
    assert numbers(search_documents(index_page=library, status="replaced")) == ["13/2023/NĐ-CP"]
    assert numbers(search_documents(index_page=library, year=2016)) == ["793/QĐ-TTg"]


def test_draft_documents_are_not_found(library, documents):
    from tests.factories.legal import legal_document

    legal_document(index=library, number="1/2099/QH99", title="Luật mua bán nháp", publish=False)
    assert "1/2099/QH99" not in numbers(search_documents(index_page=library, query="mua ban"))


def test_search_text_follows_edits(library, documents):
    decree = documents["decree"]
    decree.title = "Nghị định về an toàn thông tin"
    decree.save_revision().publish()
    assert not search_documents(index_page=library, query="du lieu").exists()
    assert numbers(search_documents(index_page=library, query="an toan")) == ["13/2023/NĐ-CP"]


def test_library_page_searches_and_filters(client, library, documents):
    html = client.get(library.url, {"q": "MUA BAN NGUOI"}).content.decode()
    assert "53/2024/QH15" in html and "793/QĐ-TTg" in html
    assert "13/2023/NĐ-CP" not in html
    assert "2 văn bản" in html

    html = client.get(library.url, {"type": "decision"}).content.decode()
    assert "793/QĐ-TTg" in html and "53/2024/QH15" not in html


def test_library_page_explains_a_bad_filter_in_vietnamese(client, library, documents):
    response = client.get(library.url, {"type": "not-a-type", "year": "abc"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hãy chọn một mục trong danh sách." in html
    # Nothing is filtered by the bad input: every document is still listed.
    assert "3 văn bản" in html


def test_library_page_says_so_when_nothing_matches(client, library, documents):
    html = client.get(library.url, {"q": "không có văn bản này"}).content.decode()
    assert "Không có văn bản nào phù hợp" in html
