"""The admin screens an editor, a moderator and a report reader use show no English string of
Wagtail's or allauth's catalogues: the project's locale/ supplies what upstream's Vietnamese
catalogue lacks."""

import json
import os
import re
from pathlib import Path

import allauth
import polib
import pytest
import wagtail
from django.contrib.auth.models import Group
from django.utils import translation

from cms.campaigns.editorial import EDITORS, MODERATORS, ensure_editorial_workflow
from elearning.coverage.services import set_report_scope
from tests.admin_screens import SAME_IN_VIETNAMESE, english_on_screen, too_few_words_to_scan
from tests.factories.accounts import UserFactory
from tests.factories.campaigns import SloganFactory, campaign_index, campaign_page

pytestmark = pytest.mark.django_db
JS_CATALOGUE = "admin/locale/en/LC_MESSAGES/djangojs.po"
DUMP = os.environ.get("ADMIN_STRINGS_DUMP")  # a file to list the msgids seen, for translating


@pytest.fixture
def site(home_page):
    index = campaign_index(home=home_page)
    workflow = ensure_editorial_workflow(pages=[index])
    editor = UserFactory(username="bientap", first_name="Lan")
    editor.groups.add(Group.objects.get(name=EDITORS))
    moderator = UserFactory(username="kiemduyet", first_name="Hoa")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    reader = UserFactory(username="baocao")
    set_report_scope(user=reader, unit=None)
    slogan = SloganFactory(text="Chung tay phòng, chống mua bán người", year=2017)
    published = campaign_page(index=index, year=2025, slogans=[slogan])
    draft = campaign_page(index=index, year=2027, slug="30-7-2027", publish=False)
    draft.save_revision(user=editor)
    state = workflow.start(draft, editor)
    return {
        "index": index,
        "editor": editor,
        "moderator": moderator,
        "reader": reader,
        "slogan": slogan,
        "published": published,
        "draft": draft,
        "task_state": state.current_task_state,
    }


def editor_screens(site):
    index, draft, published = site["index"], site["draft"], site["published"]
    return [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{index.pk}/",
        f"/admin/pages/{published.pk}/edit/",
        f"/admin/pages/{draft.pk}/edit/",
        f"/admin/pages/{index.pk}/add_subpage/",
        f"/admin/pages/add/campaigns/campaignpage/{index.pk}/",
        f"/admin/pages/{published.pk}/history/",
        "/admin/pages/search/?q=30",
        "/admin/snippets/campaigns/slogan/",
        "/admin/snippets/campaigns/slogan/add/",
        f"/admin/snippets/campaigns/slogan/edit/{site['slogan'].pk}/",
        "/admin/images/",
        "/admin/images/multiple/add/",
        "/admin/documents/",
        "/admin/documents/multiple/add/",
        "/admin/account/",
        "/admin/reports/missing-translations/",
        "/admin/reports/missing-translations/?language=en",
    ]


def moderator_screens(site):
    draft, task_state = site["draft"], site["task_state"]
    return [
        *editor_screens(site),
        f"/admin/pages/workflow/action/{draft.pk}/approve/{task_state.pk}/",
        f"/admin/pages/workflow/action/{draft.pk}/reject/{task_state.pk}/",
        "/admin/reports/locked/",
        "/admin/reports/workflow/",
    ]


def reader_screens(site):
    return ["/admin/", "/admin/coverage/reports/", "/admin/account/"]


def english_seen(client, user, urls):
    client.force_login(user)
    seen = {}
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        body = response.content.decode()
        if response.get("Content-Type", "").startswith("application/json"):
            body = response.json().get("html", "")
        for text, msgid in english_on_screen(body).items():
            seen.setdefault(text, url)
            if DUMP:
                with open(DUMP, "a") as dump:
                    dump.write(msgid.replace("\n", " ") + "\n")
    return seen


@pytest.mark.parametrize(
    "role, screens",
    [("editor", editor_screens), ("moderator", moderator_screens), ("reader", reader_screens)],
)
def test_admin_screens_have_no_english(client, site, role, screens):
    seen = english_seen(client, site[role], screens(site))
    assert not seen, "English on Vietnamese admin screens:\n" + "\n".join(
        f"{url}: {text!r}" for text, url in sorted(seen.items(), key=lambda item: item[1])
    )


def account_screens_signed_out():
    return [
        "/accounts/login/",
        "/admin/login/",
        "/accounts/password/reset/",
        "/accounts/password/reset/done/",
        "/accounts/password/reset/key/1-wrongkey/",
    ]


def account_screens_signed_in():
    return ["/accounts/logout/", "/accounts/password/change/"]


def test_login_logout_and_password_screens_have_no_english(client, site):
    seen = {}
    for url in account_screens_signed_out():
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        for text in english_on_screen(response.content.decode()):
            seen.setdefault(text, url)
    client.force_login(site["editor"])
    for url in account_screens_signed_in():
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        for text in english_on_screen(response.content.decode()):
            seen.setdefault(text, url)
    assert not seen, "English on the account screens:\n" + "\n".join(
        f"{url}: {text!r}" for text, url in sorted(seen.items(), key=lambda item: item[1])
    )


def test_a_wrong_password_is_answered_in_vietnamese(client, site):
    response = client.post("/accounts/login/", {"login": "bientap", "password": "sai-mat-khau"})
    assert response.status_code == 200
    assert not english_on_screen(response.content.decode())
    assert "_auth_user_id" not in client.session


def js_catalogue(client) -> dict:
    response = client.get("/admin/jsi18n/")
    assert response.status_code == 200
    source = response.content.decode()
    match = re.search(r"const newcatalog = (\{.*?\});\n", source, re.S)
    return json.loads(match.group(1)) if match else {}


def test_the_admins_javascript_strings_are_vietnamese(client, site):
    """Wagtail's JavaScript (sidebar, StreamField, comments, autosave) reads its strings from
    the jsi18n catalogue; every msgid of Wagtail's admin JS catalogue must be there, translated."""
    client.force_login(site["editor"])
    catalogue = js_catalogue(client)
    english = polib.pofile(str(Path(wagtail.__file__).parent / JS_CATALOGUE))
    untranslated = []
    for entry in english:
        words = re.sub(r"%\(\w+\)[sd]", "", entry.msgid)
        if not re.search(r"[A-Za-z]{2}", words) or entry.msgid in SAME_IN_VIETNAMESE:
            continue
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        value = catalogue.get(key)
        values = value if isinstance(value, list) else [value]
        if not value or any(v in (entry.msgid, entry.msgid_plural) for v in values):
            untranslated.append(entry.msgid)
    assert not untranslated, "English in the admin's JavaScript:\n" + "\n".join(untranslated)


def upstream_entries():
    for package in (wagtail, allauth):
        for path in Path(package.__file__).parent.glob("**/locale/en/LC_MESSAGES/django.po"):
            yield from polib.pofile(str(path))


def english_in_vietnamese(entries) -> list[str]:
    """The msgids that Django, asked for Vietnamese, still answers in English (both forms of a
    plural entry, for one and for several)."""
    english = []
    with translation.override("vi"):
        for entry in entries:
            if entry.msgid_plural:
                answers = {
                    translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
                    if entry.msgctxt
                    else translation.ngettext(entry.msgid, entry.msgid_plural, n)
                    for n in (1, 2, 5)
                }
            elif entry.msgctxt:
                answers = {translation.pgettext(entry.msgctxt, entry.msgid)}
            else:
                answers = {translation.gettext(entry.msgid)}
            if answers & {entry.msgid, entry.msgid_plural}:
                english.append(entry.msgid)
    return english


def test_every_plural_string_is_vietnamese():
    """A plural string shows only with some counts ("Delete 3 pages" after a bulk selection,
    "Referenced 0 times"), which the screens above cannot all meet: every plural entry of
    Wagtail's and allauth's catalogues must be translated."""
    english = english_in_vietnamese(e for e in upstream_entries() if e.msgid_plural)
    assert not english, "Plural strings in English:\n" + "\n".join(english)


def test_strings_the_scan_cannot_recognise_are_vietnamese():
    """A msgid of placeholders and one or two short English words ("%(time)s by %(user)s",
    "Sent to %(task_name)s %(started_at)s") cannot be told apart from other text on a screen,
    so its translation is checked in the catalogue."""
    short = (e for e in upstream_entries() if not e.msgid_plural and too_few_words_to_scan(e.msgid))
    english = english_in_vietnamese(short)
    assert not english, "English the screen scan cannot see:\n" + "\n".join(english)


def test_the_scan_recognises_plural_and_dated_strings():
    english = english_on_screen(
        "<p>Referenced 0 times</p><p>Referenced 1 time</p><span>Delete 3 pages</span>"
        "<b>+2 more</b><p>16:37 by Lan</p>"
        "<p>Được dùng ở 0 nơi</p><p>Xóa 3 trang</p><p>16:37 bởi Lan</p><p>Năm 2030</p>"
    )
    assert english == {
        "Referenced 0 times": "Referenced %(count)s times",
        "Referenced 1 time": "Referenced %(count)s time",
        "Delete 3 pages": "Delete %(counter)s pages",
        "+2 more": "+%(counter)s more",
        "16:37 by Lan": "%(time)s by %(user_display_name)s",
    }
