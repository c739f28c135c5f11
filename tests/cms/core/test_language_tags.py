import pytest
from django.utils.translation import get_language_info

pytestmark = pytest.mark.django_db


def test_switcher_on_a_page_outside_wagtail_keeps_the_same_page(client, home_page):
    vi_html = client.get("/accounts/login/").content.decode()
    assert 'href="/en/accounts/login/" hreflang="en"' in vi_html
    en_html = client.get("/en/accounts/login/").content.decode()
    assert '<html lang="en"' in en_html
    assert 'href="/accounts/login/" hreflang="vi"' in en_html


def test_switcher_keeps_the_query_string(client, home_page):
    html = client.get("/accounts/login/?next=/admin/").content.decode()
    assert 'href="/en/accounts/login/?next=/admin/" hreflang="en"' in html


def test_switcher_names_each_language_in_its_own_language(client, home_page):
    html = client.get("/").content.decode()
    assert 'title="English"' in html
    html = client.get("/en/").content.decode()
    assert f'title="{get_language_info("vi")["name_local"]}"' in html  # "Tiếng Việt"
