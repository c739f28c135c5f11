"""Editors see which live pages lack their English (or Vietnamese) version, and translate one
from the report with Wagtail's own "Translate" form; report readers cannot open it."""

import html
import re

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale, Page

from cms.campaigns.editorial import EDITORS, ensure_editorial_workflow
from cms.campaigns.models import CampaignPage
from elearning.coverage.services import set_report_scope
from tests.factories.accounts import UserFactory
from tests.factories.campaigns import campaign_index, campaign_page

pytestmark = pytest.mark.django_db
REPORT = "/admin/reports/missing-translations/"


def text(response) -> str:
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(body).split())


@pytest.fixture
def site(home_page):
    en = Locale.objects.get(language_code="en")
    index = campaign_index(home=home_page)
    english_index = index.copy_for_translation(en)
    english_index.save_revision().publish()
    ensure_editorial_workflow(pages=[index, english_index])
    translated = campaign_page(index=index, year=2025, title="Chiến dịch đã dịch 2025")
    english = translated.copy_for_translation(en)
    english.title = "Translated campaign 2025"
    english.save_revision().publish()
    untranslated = campaign_page(index=index, year=2026, title="Chiến dịch chưa dịch 2026")
    draft = campaign_page(index=index, year=2027, title="Bản nháp 2027", publish=False)
    english_only = CampaignPage(title="English-only campaign 2028", slug="english-2028", year=2028)
    english_index.add_child(instance=english_only)
    english_only.save_revision().publish()
    editor = UserFactory(username="bientap")
    editor.groups.add(Group.objects.get(name=EDITORS))
    return {
        "untranslated": untranslated,
        "translated": translated,
        "draft": draft,
        "english_only": english_only,
        "editor": editor,
        "en": en,
    }


def test_the_report_lists_vietnamese_pages_without_english(client, site):
    client.force_login(site["editor"])
    response = client.get(REPORT)
    assert response.status_code == 200
    page = text(response)
    assert "Trang chưa có bản dịch" in page
    assert "Chiến dịch chưa dịch 2026" in page
    assert "Chiến dịch đã dịch 2025" not in page
    assert "Bản nháp 2027" not in page  # not live: nothing public to translate yet
    assert "English-only campaign 2028" not in page
    translate = f"/admin/translation/submit/page/{site['untranslated'].pk}/"
    assert translate in response.content.decode()


def test_the_report_lists_english_pages_without_vietnamese(client, site):
    client.force_login(site["editor"])
    page = text(client.get(REPORT + "?language=en"))
    assert "English-only campaign 2028" in page
    assert "Chiến dịch chưa dịch 2026" not in page


def test_translating_from_the_report_creates_the_english_page_and_clears_the_row(client, site):
    client.force_login(site["editor"])
    untranslated = site["untranslated"]
    form_url = f"/admin/translation/submit/page/{untranslated.pk}/"
    assert client.get(form_url).status_code == 200
    response = client.post(form_url, {"locales": [site["en"].pk]})
    assert response.status_code == 302
    english = Page.objects.get(translation_key=untranslated.translation_key, locale=site["en"])
    assert english.title == untranslated.title  # a draft for the editor to translate
    after = client.get(REPORT)
    assert form_url not in after.content.decode()
    assert "Không có trang nào" in text(after)


def test_the_report_exports_a_spreadsheet(client, site):
    client.force_login(site["editor"])
    response = client.get(REPORT + "?export=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert "Chiến dịch chưa dịch 2026" in body


def test_report_readers_cannot_open_it(client, site):
    reader = UserFactory(username="baocao")
    set_report_scope(user=reader, unit=None)
    client.force_login(reader)
    assert client.get(REPORT).status_code in (302, 403)
    assert "Chiến dịch chưa dịch 2026" not in text(client.get(REPORT, follow=True))
