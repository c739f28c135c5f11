"""Pieces of pages rendered once and reused ({% fragment %}, cms/core/templatetags/
fragment_tags.py): what every visitor sees alike, until the next publication. A change must
show on the next request, an editor must still get their own view, and a filtered list is
never someone else's."""

import pytest

from tests.factories.accounts import StaffFactory
from tests.factories.campaigns import campaign_index, campaign_page
from tests.factories.legal import legal_document, legal_index

pytestmark = pytest.mark.django_db

REVIEW_NOTE_FOR_EDITORS = "badge--review"  # "awaiting editor confirmation"


@pytest.fixture(autouse=True)
def rendered_every_time(settings):
    """What the site renders, not what the anonymous page cache in front of it keeps."""
    settings.PAGE_CACHE_PAGE_TYPES = []


@pytest.fixture
def library(home_page):
    library = legal_index(home=home_page)
    legal_document(index=library, number="53/2024/QH15", title="Luật Phòng, chống mua bán người")
    return library


def test_a_published_title_shows_on_the_next_view_of_the_list(
    client, library, django_capture_on_commit_callbacks
):
    assert "Luật Phòng, chống mua bán người" in client.get(library.url).content.decode()
    document = library.get_children().get().specific
    document.title = "Luật Phòng, chống mua bán người (sửa đổi)"
    with django_capture_on_commit_callbacks(execute=True):
        document.save_revision().publish()
    assert "(sửa đổi)" in client.get(library.url).content.decode()


def test_a_new_campaign_shows_on_the_campaign_list_and_the_home_page(
    client, home_page, django_capture_on_commit_callbacks
):
    index = campaign_index(home=home_page)
    with django_capture_on_commit_callbacks(execute=True):
        campaign_page(index=index, year=2025, title="Chiến dịch năm ngoái")
    assert "Chiến dịch năm ngoái" in client.get(index.url).content.decode()
    client.get(home_page.url)
    with django_capture_on_commit_callbacks(execute=True):
        campaign_page(index=index, year=2026, title="Chiến dịch năm nay")
    assert "Chiến dịch năm nay" in client.get(index.url).content.decode()
    assert "Chiến dịch năm nay" in client.get(home_page.url).content.decode()


def test_an_editor_gets_the_review_note_a_visitor_does_not(
    client, library, django_capture_on_commit_callbacks
):
    document = library.get_children().get().specific
    document.needs_review = True
    with django_capture_on_commit_callbacks(execute=True):
        document.save_revision().publish()
    visitor_view = client.get(library.url).content.decode()  # rendered and kept
    assert "badge" in visitor_view
    assert REVIEW_NOTE_FOR_EDITORS not in visitor_view

    client.force_login(StaffFactory(is_superuser=True))
    assert REVIEW_NOTE_FOR_EDITORS in client.get(library.url).content.decode()
    client.logout()
    assert REVIEW_NOTE_FOR_EDITORS not in client.get(library.url).content.decode()


def test_a_search_gets_its_own_results_not_the_kept_list(client, library):
    legal_document(index=library, number="162/2025/NĐ-CP", title="Nghị định về hỗ trợ nạn nhân")
    everything = client.get(library.url).content.decode()
    assert "Nghị định về hỗ trợ nạn nhân" in everything
    found = client.get(library.url, {"q": "Luật"}).content.decode()
    assert "Luật Phòng, chống mua bán người" in found
    assert "Nghị định về hỗ trợ nạn nhân" not in found
    # and the list kept for everyone is still the whole list
    assert "Nghị định về hỗ trợ nạn nhân" in client.get(library.url).content.decode()


def test_links_kept_in_the_list_carry_no_visitor_parameters(client, library):
    for number in range(25):  # two pages of the list
        legal_document(index=library, number=f"{number}/2024/TT", title=f"Thông tư số {number}")
    tracked = client.get(library.url, {"utm_source": "zalo"}).content.decode()
    assert "utm_source=zalo&amp;page=2" in tracked
    assert "utm_source" not in client.get(library.url).content.decode()


def test_the_filter_keeps_each_visitors_choice(client, library):
    decrees = client.get(library.url, {"type": "decree"}).content.decode()
    assert '<option value="decree" selected>' in decrees
    laws = client.get(library.url, {"type": "law"}).content.decode()
    assert '<option value="law" selected>' in laws
    assert '<option value="decree" selected>' not in laws


def test_the_menu_follows_the_visitor_signing_in_and_out(client, library):
    from django.urls import reverse

    from tests.factories.accounts import LearnerFactory

    sign_out = f'href="{reverse("account_logout")}"'
    assert sign_out not in client.get(library.url).content.decode()
    client.force_login(LearnerFactory())
    assert sign_out in client.get(library.url).content.decode()
    client.logout()
    assert sign_out not in client.get(library.url).content.decode()


def test_the_search_page_keeps_the_visitors_words_in_the_header(client, library):
    client.get(library.url)  # the header kept for everyone
    html = client.get("/search/", {"q": "lừa đảo"}).content.decode()
    assert html.count('value="lừa đảo"') >= 2  # the header's form and the page's own
    assert 'value="lừa đảo"' not in client.get(library.url).content.decode()
