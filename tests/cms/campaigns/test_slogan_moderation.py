"""Slogans change the public home page: an editor's change waits for a moderator (the same
review workflow as pages), and "confirmed" is the moderator's decision (issue 14, item 5)."""

import pytest
from django.utils import timezone

from cms.campaigns.models import Slogan, SloganStatus
from tests.factories.campaigns import SloganFactory, campaign_page

pytestmark = pytest.mark.django_db

LIVE_TEXT = "Tích cực hưởng ứng ngày toàn dân phòng, chống mua bán người"


@pytest.fixture
def live_slogan(campaigns):
    slogan = SloganFactory(text=LIVE_TEXT, year=2017, status=SloganStatus.CONFIRMED)
    campaign_page(
        index=campaigns, year=timezone.localdate().year, title="Chiến dịch", slogans=[slogan]
    )
    return slogan


def slogan_form(slogan, **changes):
    data = {
        "text": slogan.text,
        "year": str(slogan.year),
        "status": slogan.status,
        "source": slogan.source,
        "source_document": "",
    }
    data.update(changes)
    return data


def test_an_editors_change_does_not_reach_the_home_page_before_review(client, editor, live_slogan):
    client.force_login(editor)
    response = client.post(
        f"/admin/snippets/campaigns/slogan/edit/{live_slogan.pk}/",
        {**slogan_form(live_slogan, text="Khẩu hiệu chưa duyệt"), "action-submit": "1"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    client.logout()
    home = client.get("/").content.decode()
    assert "Khẩu hiệu chưa duyệt" not in home
    assert LIVE_TEXT in home
    live_slogan.refresh_from_db()
    assert live_slogan.text == LIVE_TEXT
    # The change waits, in moderation, for a moderator.
    assert live_slogan.has_unpublished_changes
    assert live_slogan.workflow_in_progress


def test_an_editor_cannot_confirm_a_slogan(client, editor, live_slogan):
    slogan = SloganFactory(text="Khẩu hiệu cần xác nhận", status=SloganStatus.NEEDS_REVIEW)
    client.force_login(editor)
    form = client.get(f"/admin/snippets/campaigns/slogan/edit/{slogan.pk}/").content.decode()
    assert 'value="confirmed"' not in form

    response = client.post(
        f"/admin/snippets/campaigns/slogan/edit/{slogan.pk}/",
        slogan_form(slogan, status=SloganStatus.CONFIRMED),
    )
    assert response.status_code == 200  # the form again, with the error
    slogan.refresh_from_db()
    assert slogan.status == SloganStatus.NEEDS_REVIEW
    assert slogan.latest_revision is None  # nothing was saved, not even a draft


def test_an_editor_cannot_publish_a_slogan(client, editor, live_slogan):
    client.force_login(editor)
    form = client.get(f"/admin/snippets/campaigns/slogan/edit/{live_slogan.pk}/")
    assert "action-publish" not in form.content.decode()
    client.post(
        f"/admin/snippets/campaigns/slogan/edit/{live_slogan.pk}/",
        {**slogan_form(live_slogan, text="Đăng thẳng"), "action-publish": "1"},
    )
    live_slogan.refresh_from_db()
    assert live_slogan.text == LIVE_TEXT


def test_a_new_slogan_by_an_editor_is_not_public(client, editor, live_slogan):
    client.force_login(editor)
    client.post(
        "/admin/snippets/campaigns/slogan/add/",
        {
            "text": "Khẩu hiệu mới",
            "year": "2027",
            "status": SloganStatus.NEEDS_REVIEW,
            "source": "",
            "source_document": "",
            "locale": "1",
        },
    )
    slogan = Slogan.objects.get(text="Khẩu hiệu mới")
    assert not slogan.live


def test_the_moderator_approves_and_confirms(client, editor, moderator, live_slogan, workflow):
    client.force_login(editor)
    client.post(
        f"/admin/snippets/campaigns/slogan/edit/{live_slogan.pk}/",
        {**slogan_form(live_slogan, text="Khẩu hiệu đã sửa"), "action-submit": "1"},
    )
    live_slogan.refresh_from_db()
    task_state = live_slogan.current_workflow_task_state
    assert task_state is not None
    # The editor has no approve action; the moderator has.
    assert task_state.task.specific.get_actions(live_slogan, editor) == []
    assert "approve" in [a[0] for a in task_state.task.specific.get_actions(live_slogan, moderator)]

    task_state.task.specific.on_action(task_state, moderator, "approve")
    live_slogan.refresh_from_db()
    assert live_slogan.text == "Khẩu hiệu đã sửa"
    assert live_slogan.live
    assert "Khẩu hiệu đã sửa" in client.get("/").content.decode()


def test_the_moderator_may_confirm(client, moderator, live_slogan):
    slogan = SloganFactory(text="Khẩu hiệu cần xác nhận", status=SloganStatus.NEEDS_REVIEW)
    client.force_login(moderator)
    form = client.get(f"/admin/snippets/campaigns/slogan/edit/{slogan.pk}/").content.decode()
    assert 'value="confirmed"' in form
    client.post(
        f"/admin/snippets/campaigns/slogan/edit/{slogan.pk}/",
        {**slogan_form(slogan, status=SloganStatus.CONFIRMED), "action-publish": "1"},
    )
    slogan.refresh_from_db()
    assert slogan.status == SloganStatus.CONFIRMED
    assert slogan.live


def test_draft_slogans_stay_off_public_pages(client, live_slogan):
    live_slogan.live = False
    live_slogan.save()
    assert LIVE_TEXT not in client.get("/").content.decode()
