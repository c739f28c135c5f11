import pytest
from wagtail.models import Site

from cms.core.models import SiteSettings

pytestmark = pytest.mark.django_db


def test_home_page_is_vietnamese_at_root(client, home_page):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi"' in html
    assert "Chung tay phòng, chống mua bán người" in html
    assert 'href="tel:111"' in html


def test_home_page_is_english_under_en(client, home_page):
    response = client.get("/en/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en"' in html
    assert "Hand in hand against human trafficking" in html


def test_root_stays_vietnamese_for_an_english_browser(client, home_page):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert '<html lang="vi"' in response.content.decode()


def test_language_switcher_links_to_the_other_language(client, home_page):
    vi_html = client.get("/").content.decode()
    en_html = client.get("/en/").content.decode()
    assert 'href="/en/" hreflang="en"' in vi_html
    assert 'href="/" hreflang="vi"' in en_html


def test_hotline_comes_from_the_editable_site_setting(
    client, home_page, django_capture_on_commit_callbacks
):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.hotline_number = "1800 1567"
    with django_capture_on_commit_callbacks(execute=True):  # pages see it once committed
        site_settings.save()
    html = client.get("/").content.decode()
    assert 'href="tel:18001567"' in html
    assert "1800 1567" in html


def test_demo_site_loads_twice_without_duplicates(home_page):
    from cms.core.demo.site import load
    from cms.core.models import HomePage

    load(out=lambda *args: None)
    assert HomePage.objects.count() == 2  # one Vietnamese, one English
    assert Site.objects.get(is_default_site=True).root_page_id == home_page.pk
