"""The installable site: the web app manifest in the reader's language with icons Android
accepts, the service worker served from the root with a scope over both languages, the
offline page, and the page attributes that keep one person's pages from another."""

import json

import pytest
from django.contrib.staticfiles import finders
from PIL import Image

from tests.factories.accounts import LearnerFactory

pytestmark = pytest.mark.django_db


def test_the_manifest_names_the_app_in_vietnamese_and_starts_in_the_readers_language(
    client, home_page
):
    response = client.get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Chung Tay phòng, chống mua bán người"
    assert manifest["short_name"] == "Chung Tay"
    assert manifest["start_url"] == "/?source=pwa"
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#b3261e"
    english = json.loads(client.get("/en/manifest.webmanifest").content)
    assert english["start_url"] == "/en/?source=pwa"
    assert english["name"] == "Chung Tay: prevent human trafficking"
    assert english["scope"] == "/"


def test_the_manifest_icons_are_real_pngs_of_the_sizes_it_states(client, home_page):
    manifest = json.loads(client.get("/manifest.webmanifest").content)
    purposes = set()
    for icon in manifest["icons"]:
        path = finders.find(icon["src"].removeprefix("/static/"))
        with Image.open(path) as image:
            assert image.format == "PNG"
            assert "x".join(map(str, image.size)) == icon["sizes"]
        purposes.add((icon["sizes"], icon["purpose"]))
    # Android asks for 192 and 512; a maskable pair keeps the rings inside its safe circle.
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= purposes


def test_the_worker_is_served_from_the_root_for_both_languages(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    first_line = response.content.decode().splitlines()[0]
    config = json.loads(first_line.removeprefix("self.OFFLINE = ").removesuffix(";"))
    assert config["offline"] == {"vi": "/offline/", "en": "/en/offline/"}
    for url in config["shell"]:  # every file it keeps at install exists
        assert finders.find(url.removeprefix("/static/")), url


def test_pages_link_the_manifest_and_a_deferred_script_and_are_allowed_a_worker(client, home_page):
    response = client.get("/")
    html = response.content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert '<script src="/static/js/offline.js" defer></script>' in html
    policy = response["Content-Security-Policy"]
    assert "worker-src 'self'" in policy
    assert "manifest-src 'self'" in policy


def owner_of(response) -> str:
    html = response.content.decode()
    return html.split('data-owner="', 1)[1].split('"', 1)[0]


def test_two_people_on_one_phone_get_different_owner_keys(client, home_page):
    assert owner_of(client.get("/")) == "anon"
    first, second = LearnerFactory(), LearnerFactory()
    client.force_login(first)
    key = owner_of(client.get("/"))
    assert key not in ("anon", str(first.pk)) and len(key) == 20
    client.force_login(second)
    assert owner_of(client.get("/")) not in (key, "anon")


def test_the_offline_page_names_nobody_and_is_in_the_readers_language(client, home_page):
    client.force_login(LearnerFactory())
    page = client.get("/offline/")
    assert "Không có mạng" in page.content.decode()
    assert owner_of(page) == ""  # kept for whoever uses the phone
    assert "No network" in client.get("/en/offline/").content.decode()


def test_signing_out_clears_the_browsers_cache_of_the_persons_pages(client, home_page):
    client.force_login(LearnerFactory())
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache"'
    assert "_auth_user_id" not in client.session
