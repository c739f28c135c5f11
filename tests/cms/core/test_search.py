"""The site search as a learner uses it: /search/?q= with real Vietnamese queries, typed with
and without diacritics, and what a hostile visitor would send."""

import re

import pytest
from django.core.cache import cache
from django.test import override_settings
from wagtail.models import Locale, PageViewRestriction

from tests.factories.campaigns import campaign_index, campaign_page
from tests.factories.learning import make_course, make_lesson
from tests.factories.legal import legal_document, legal_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(home_page):
    campaign = campaign_page(
        index=campaign_index(home=home_page),
        year=2026,
        theme="Chung tay phòng, chống mua bán người",
        intro="Nhận diện thủ đoạn lừa đi làm việc ở nước ngoài.",
    )
    course = make_course(
        home_page,
        title="Nhận biết thủ đoạn",
        summary="Những dấu hiệu của lời mời việc nhẹ lương cao.",
    )
    lesson = make_lesson(course, title="Tìm giúp đỡ ở đâu", intro="Gọi đường dây nóng 111.")
    law = legal_document(
        index=legal_index(home=home_page),
        number="53/2024/QH15",
        title="Luật Phòng, chống mua bán người",
        summary="Thay thế Luật số 66/2011/QH12 từ ngày 1/7/2025.",
    )
    decision = legal_document(
        index=law.get_parent(),
        number="793/QĐ-TTg",
        title="Quyết định lấy ngày 30/7 là Ngày toàn dân phòng, chống mua bán người",
    )
    return {
        "campaign": campaign,
        "course": course,
        "lesson": lesson,
        "law": law,
        "decision": decision,
    }


def found(client, query, *, prefix=""):
    response = client.get(f"{prefix}/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    results = re.search(r'<ol class="search-results">(.*?)</ol>', html, re.S)
    titles = re.findall(
        r'class="search-result__title" href="[^"]+">([^<]+)<', results.group(1) if results else ""
    )
    return titles, html


def test_diacritics_and_case_do_not_matter(client, site):
    with_accents, _ = found(client, "mua bán người")
    without, _ = found(client, "MUA BAN NGUOI")
    assert with_accents == without
    assert set(with_accents) == {
        site["campaign"].title,
        site["law"].title,
        site["decision"].title,
    }


def test_every_word_must_match_and_results_say_what_they_are(client, site):
    titles, html = found(client, "viec nhe luong cao")
    assert titles == ["Nhận biết thủ đoạn"]
    assert "Khóa học" in html and "1 kết quả cho “viec nhe luong cao”" in html

    titles, html = found(client, "đường dây nóng")
    assert titles == ["Tìm giúp đỡ ở đâu"]
    assert "Bài học" in html


def test_a_legal_document_is_found_by_its_number(client, site):
    for typed in ("53/2024/QH15", "53/2024/qh15", "qh15 2024"):
        titles, _ = found(client, typed)
        assert titles == [site["law"].title], typed
    titles, html = found(client, "793/QĐ-TTg")
    assert titles == [site["decision"].title]
    assert "Văn bản pháp luật" in html and "793/QĐ-TTg" in html


def test_no_result_suggests_what_to_try(client, site):
    titles, html = found(client, "xe đạp điện")
    assert titles == []
    assert "0 kết quả cho “xe đạp điện”" in html
    assert "dùng ít từ hơn" in html
    assert 'href="/chien-dich/"' in html  # the sections to browse instead


def test_an_empty_search_offers_examples(client, site):
    titles, html = found(client, "")
    assert titles == []
    assert "kết quả cho" not in html
    assert 'href="?q=mua%20b%C3%A1n%20ng%C6%B0%E1%BB%9Di"' in html


def test_only_live_public_pages_in_the_visitors_language(client, site, home_page):
    draft = make_course(home_page, title="Mua bán người: bản nháp")
    draft.unpublish()
    private = make_course(home_page, title="Mua bán người: nội bộ")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    english = site["law"].copy_for_translation(
        Locale.objects.get(language_code="en"), copy_parents=True
    )
    english.title = "Law on Prevention of Human Trafficking"
    english.save_revision().publish()

    vi_titles, _ = found(client, "mua ban nguoi")
    assert draft.title not in vi_titles and private.title not in vi_titles
    assert english.title not in vi_titles

    en_titles, html = found(client, "human trafficking", prefix="/en")
    assert en_titles == [english.title]
    assert "Legal document" in html and "1 result for" in html


def test_the_search_box_is_in_the_header_menu_of_every_page(client, site):
    html = client.get(site["law"].url).content.decode()
    menu = html[html.index('<details class="menu">') : html.index("</details>")]
    assert 'action="/search/"' in menu and 'name="q"' in menu and 'maxlength="100"' in menu


@pytest.mark.parametrize(
    "typed",
    [
        "mua bán người" * 500,  # far over the cap
        "mua\x00bán người",
        "%00",
        '<script>alert("x")</script>',
        "\"' OR 1=1; --",
        "a & b | !c :* <-> (",
        "😀 🇻🇳",
    ],
)
def test_hostile_input_is_answered_calmly(client, site, typed):
    response = client.get("/search/", {"q": typed})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "\x00" not in html
    echoed = re.search(r'id="search-page-q" name="q" value="([^"]*)"', html)
    assert echoed and len(echoed.group(1)) <= 100 * 6  # the cap, even after HTML escaping


def test_a_long_query_is_cut_at_a_word_and_still_searched(client, site):
    titles, html = found(client, "luật mua bán người " * 100)
    assert titles == [site["law"].title]
    echoed = re.search(r'id="search-page-q" name="q" value="([^"]*)"', html).group(1)
    assert len(echoed) <= 100 and echoed.split()[-1] in {"luật", "mua", "bán", "người"}


@override_settings(CLIENT_RATE_LIMITS={"site_search": "3/m/ip"})
def test_searching_is_rate_limited_per_client(client, site):
    cache.clear()
    for _ in range(3):
        assert client.get("/search/", {"q": "mua ban"}).status_code == 200
    refused = client.get("/search/", {"q": "mua ban"})
    assert refused.status_code == 429
    assert "Quá nhiều yêu cầu" in refused.content.decode()
