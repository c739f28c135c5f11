"""Editors write and submit; moderators approve (publishing the page) or reject with a
comment; editors cannot publish directly."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import TaskState, WorkflowState

from cms.campaigns.editorial import EDITORS, MODERATORS, ensure_editorial_workflow
from tests.factories.campaigns import campaign_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(campaigns, workflow):
    return campaign_page(index=campaigns, year=2026, publish=False)


def test_the_workflow_service_is_idempotent(campaigns, workflow):
    again = ensure_editorial_workflow(pages=[campaigns])
    assert again == workflow
    assert Group.objects.filter(name__in=[EDITORS, MODERATORS]).count() == 2
    assert workflow.workflow_tasks.count() == 1


def test_campaign_pages_follow_the_review_workflow(draft, workflow):
    assert draft.get_workflow() == workflow


def test_editors_can_edit_but_not_publish(draft, editor, moderator):
    editor_permissions = draft.permissions_for_user(editor)
    assert editor_permissions.can_edit()
    assert not editor_permissions.can_publish()
    assert draft.get_parent().permissions_for_user(editor).can_add_subpage()
    assert draft.permissions_for_user(moderator).can_publish()


def test_editors_reach_the_admin_and_the_slogans(client, editor):
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/snippets/campaigns/slogan/add/").status_code == 200


def test_editor_cannot_publish_through_the_admin(client, draft, editor):
    client.force_login(editor)
    edit_url = f"/admin/pages/{draft.pk}/edit/"
    form = client.get(edit_url)
    assert form.status_code == 200
    assert "action-publish" not in form.content.decode()
    draft.refresh_from_db()
    assert not draft.live


def test_moderator_approves_and_the_page_goes_live(draft, editor, moderator, workflow):
    draft.save_revision(user=editor)
    state = workflow.start(draft, editor)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "approve", comment="Đạt yêu cầu.")

    draft.refresh_from_db()
    assert draft.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def test_moderator_rejects_with_a_comment_and_nothing_is_published(
    draft, editor, moderator, workflow
):
    draft.save_revision(user=editor)
    state = workflow.start(draft, editor)
    task_state = state.current_task_state
    task_state.task.specific.on_action(
        task_state, moderator, "reject", comment="Cần sửa lại khẩu hiệu."
    )

    draft.refresh_from_db()
    assert not draft.live
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.get_comment() == "Cần sửa lại khẩu hiệu."


def test_an_editor_cannot_approve_their_own_page(draft, editor, workflow):
    draft.save_revision(user=editor)
    state = workflow.start(draft, editor)
    task = state.current_task_state.task.specific
    assert task.get_actions(draft, editor) == []
