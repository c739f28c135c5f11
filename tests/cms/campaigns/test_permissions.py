"""Who may do what in the admin: moderators publish, editors do not, report readers see
reports and no editing screen."""

import pytest

from elearning.coverage.services import set_report_scope
from tests.factories.accounts import UserFactory
from tests.factories.campaigns import campaign_page

pytestmark = pytest.mark.django_db

EDITING_SCREENS = [
    "/admin/pages/{index}/",
    "/admin/pages/{page}/edit/",
    "/admin/pages/add/campaigns/campaignpage/{index}/",
    "/admin/snippets/campaigns/slogan/",
    "/admin/snippets/campaigns/slogan/add/",
    "/admin/images/",
    "/admin/documents/",
]


@pytest.fixture
def reader(workflow):
    user = UserFactory(username="baocao")
    set_report_scope(user=user, unit=None)
    return user


def test_a_report_reader_sees_no_editing_screen(client, campaigns, reader):
    page = campaign_page(index=campaigns, year=2026)
    client.force_login(reader)
    assert client.get("/admin/coverage/reports/").status_code == 200
    for screen in EDITING_SCREENS:
        url = screen.format(index=campaigns.pk, page=page.pk)
        response = client.get(url)
        # Wagtail answers a screen the user may not use with a redirect to the dashboard.
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert response["Location"] == "/admin/", url
    menu = client.get("/admin/").content.decode()
    assert "/admin/snippets/campaigns/slogan/" not in menu
    assert "/admin/images/" not in menu


def test_a_moderator_publishes_from_the_editor(client, campaigns, moderator):
    page = campaign_page(index=campaigns, year=2026, publish=False)
    client.force_login(moderator)
    assert "action-publish" in client.get(f"/admin/pages/{page.pk}/edit/").content.decode()


def test_an_editor_does_not_publish_from_the_editor(client, campaigns, editor):
    page = campaign_page(index=campaigns, year=2026, publish=False)
    client.force_login(editor)
    assert "action-publish" not in client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
