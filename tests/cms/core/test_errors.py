import pytest
from django.test import Client, RequestFactory
from django.utils import translation
from wagtail.models import Locale

from cms.core.errors import server_error
from cms.core.models import SiteSettings
from tests.factories.campaigns import campaign_index, campaign_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def hotline_222(home_page, django_capture_on_commit_callbacks):
    site_settings = SiteSettings.objects.get()
    site_settings.hotline_number = "222"
    with django_capture_on_commit_callbacks(execute=True):
        site_settings.save()
    return site_settings


def test_404_in_vietnamese_with_the_hotline_the_menu_and_a_way_home(client, hotline_222):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang này" in html
    assert 'href="tel:222"' in html
    assert 'class="menu"' in html
    assert "Về trang chủ" in html


def test_404_in_english(client, home_page):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert "We cannot find this page" in html
    assert 'href="tel:111"' in html


@pytest.mark.urls("tests.cms.core.error_urls")
def test_403_in_the_readers_language(client, home_page):
    response = client.get("/forbidden/")
    assert response.status_code == 403
    assert "Bạn không được mở trang này" in response.content.decode()


def test_400_is_light_and_in_the_readers_language(client, home_page, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'href="tel:111"' in html
    assert 'href="/"' in html


@pytest.mark.urls("tests.cms.core.error_urls")
def test_500_names_the_hotline_saved_by_the_editors(home_page, hotline_222):
    client = Client(raise_request_exception=False)
    response = client.get("/en/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert 'href="tel:222"' in html
    assert 'href="/en/"' in html


def test_500_page_reads_no_database(home_page, django_assert_num_queries):
    request = RequestFactory().get("/")
    with translation.override("vi"), django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    assert "Đã có lỗi xảy ra" in response.content.decode()


def test_favicon_is_answered(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file


@pytest.fixture
def vietnamese_only_page(home_page):
    """The campaign index translated into English, and below it a campaign that is not."""
    index = campaign_index(home=home_page)
    en_index = index.copy_for_translation(Locale.objects.get(language_code="en"))
    en_index.title = "Campaigns"
    en_index.save_revision().publish()
    return index, en_index, campaign_page(index=index)


def test_language_switch_on_an_untranslated_page_leads_to_the_nearest_translated_page(
    client, vietnamese_only_page
):
    section, en_section, child = vietnamese_only_page
    html = client.get(child.url).content.decode()
    assert f'href="{en_section.url}?untranslated=1" hreflang="en"' in html

    response = client.get(f"{en_section.url}?untranslated=1")
    assert response.status_code == 200
    assert "has no translation in this language yet" in response.content.decode()


def test_the_english_address_of_an_untranslated_page_redirects_instead_of_404(
    client, vietnamese_only_page
):
    section, en_section, child = vietnamese_only_page
    response = client.get(f"/en{child.url}")
    assert response.status_code == 302
    assert response["Location"] == f"{en_section.url}?untranslated=1"
