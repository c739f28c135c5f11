"""Page URLs are plain ASCII, also for Vietnamese titles, so a link pasted into Zalo or an SMS
reads as words, not as th%C3%A1ng-h%C3%A0nh-…"""

import html
import json
import re

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page

from cms.campaigns.editorial import EDITORS, ensure_editorial_workflow
from cms.core.services import make_page_slugs_ascii
from cms.core.slugs import ascii_slug
from tests.factories.accounts import UserFactory
from tests.factories.campaigns import campaign_index, campaign_page


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Tháng hành động 2027", "thang-hanh-dong-2027"),
        ("ĐƯỜNG DÂY NÓNG", "duong-day-nong"),
        ("đ Đ", "d-d"),
        ("ư ơ ă â ê ô", "u-o-a-a-e-o"),
        # The five tones on one vowel: sắc, huyền, hỏi, ngã, nặng (and none).
        ("a á à ả ã ạ", "a-a-a-a-a-a"),
        ("ứ ừ ử ữ ự", "u-u-u-u-u"),
        ("Ấn Độ, Ở Đây, Ỹ", "an-do-o-day-y"),
        ("Phòng, chống mua bán người", "phong-chong-mua-ban-nguoi"),
    ],
)
def test_vietnamese_letters_become_ascii(title, slug):
    assert ascii_slug(title) == slug


def test_decomposed_input_reads_the_same():
    # Phones and Word may send "ộ" as "o" + two combining marks.
    import unicodedata

    assert ascii_slug(unicodedata.normalize("NFD", "Tháng hành động")) == "thang-hanh-dong"


@pytest.mark.django_db
def test_a_page_saved_with_a_vietnamese_slug_gets_the_ascii_one(home_page):
    index = campaign_index(home=home_page)
    page = campaign_page(
        index=index, year=2027, title="Tháng hành động 2027", slug="tháng-hành-động"
    )
    page.refresh_from_db()
    assert page.slug == "thang-hanh-dong"
    assert page.url_path.endswith("/chien-dich/thang-hanh-dong/")
    assert page.url.isascii()


@pytest.mark.django_db
def test_a_page_without_a_slug_gets_one_from_its_vietnamese_title(home_page):
    index = campaign_index(home=home_page)
    page = campaign_page(index=index, year=2027, title="Tháng hành động 2027", slug="")
    assert Page.objects.get(pk=page.pk).slug == "thang-hanh-dong-2027"


@pytest.mark.django_db
def test_the_same_slug_twice_gets_a_suffix(home_page):
    index = campaign_index(home=home_page)
    campaign_page(index=index, year=2026, title="Đợt 1", slug="dot-1")
    second = campaign_page(index=index, year=2027, title="Đợt 1", slug="đợt-1")
    assert Page.objects.get(pk=second.pk).slug == "dot-1-2"


@pytest.mark.django_db
def test_the_editor_types_a_vietnamese_slug_in_the_admin(client, home_page):
    index = campaign_index(home=home_page)
    ensure_editorial_workflow(pages=[index])
    editor = UserFactory(username="bientap")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    url = f"/admin/pages/add/campaigns/campaignpage/{index.pk}/"
    form = client.get(url).content.decode()
    # Wagtail's slug controller gets the Vietnamese letters to map before it slugifies.
    formatters = re.search(r'data-w-slug-formatters-value="([^"]*)"', form)
    assert formatters, "the slug field has no formatters"
    patterns = {regex[0]: to for regex, to in json.loads(html.unescape(formatters[1]))}
    assert patterns["[đ]"] == "d"

    response = client.post(
        url,
        {
            "title": "Tháng hành động 2027",
            "slug": "tháng-hành-động-2027",
            "year": "2027",
            "campaign_slogans-TOTAL_FORMS": "0",
            "campaign_slogans-INITIAL_FORMS": "0",
            "campaign_slogans-MIN_NUM_FORMS": "0",
            "campaign_slogans-MAX_NUM_FORMS": "1000",
            "body-count": "0",
            "comments-TOTAL_FORMS": "0",
            "comments-INITIAL_FORMS": "0",
            "comments-MIN_NUM_FORMS": "0",
            "comments-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = Page.objects.get(title="Tháng hành động 2027")
    assert page.slug == "thang-hanh-dong-2027"


@pytest.mark.django_db
def test_old_unicode_slugs_change_and_their_urls_redirect(
    client, home_page, django_capture_on_commit_callbacks
):
    index = campaign_index(home=home_page)
    page = campaign_page(index=index, year=2027, title="Tháng hành động 2027", slug="thang")
    # A page saved before this change: its Unicode slug is in the database.
    Page.objects.filter(pk=page.pk).update(
        slug="tháng-hành-động-2027", url_path=page.url_path.replace("thang", "tháng-hành-động-2027")
    )
    old_url = "/chien-dich/tháng-hành-động-2027/"
    assert client.get(old_url).status_code == 200

    with_redirects = []
    with django_capture_on_commit_callbacks(execute=True):
        assert make_page_slugs_ascii(out=with_redirects.append) == 1
    assert with_redirects == ["Slug tháng-hành-động-2027 → thang-hanh-dong-2027"]

    assert client.get("/chien-dich/thang-hanh-dong-2027/").status_code == 200
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"].endswith("/chien-dich/thang-hanh-dong-2027/")
    assert make_page_slugs_ascii() == 0
