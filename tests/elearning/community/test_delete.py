"""Officers delete their own drafts (a session recorded by mistake, twice, in the wrong
commune), through the admin's delete screen: never a confirmed session, never another's."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from elearning.community import services
from elearning.community.models import CommunitySession, SessionCheckIn
from tests.factories.community import held, officer_of


@pytest.fixture
def officer(communes):
    return officer_of(communes[0])


def delete_url(session):
    return reverse("community_sessions:delete", args=[session.pk])


def test_an_officer_deletes_their_own_draft(client, officer, communes):
    session = held(officer=officer, commune=communes[0])
    services.check_in(session_id=session.pk, visitor_key="k1", learner_id=None, age_band="18-60")
    client.force_login(officer)
    inspect = client.get(reverse("community_sessions:inspect", args=[session.pk]))
    assert delete_url(session) in inspect.content.decode()
    confirm = client.get(delete_url(session))
    assert confirm.status_code == 200
    response = client.post(delete_url(session))
    assert response.status_code == 302
    assert not CommunitySession.objects.exists() and not SessionCheckIn.objects.exists()


def test_a_returned_session_can_be_deleted_by_its_author(client, officer, communes):
    session = held(officer=officer, commune=communes[0])
    reviewer = officer_of(communes[0], reviewer=True)
    services.return_session(user=reviewer, session_id=session.pk, reason="Trùng buổi")
    client.force_login(officer)
    assert client.post(delete_url(session)).status_code == 302
    assert not CommunitySession.objects.exists()


def test_a_confirmed_session_cannot_be_deleted(client, officer, communes):
    session = held(officer=officer, commune=communes[0])
    reviewer = officer_of(communes[0], reviewer=True)
    services.confirm_session(user=reviewer, session_id=session.pk)
    client.force_login(officer)
    inspect = client.get(reverse("community_sessions:inspect", args=[session.pk]))
    assert delete_url(session) not in inspect.content.decode()
    assert client.get(delete_url(session)).status_code == 404
    assert client.post(delete_url(session)).status_code == 404
    assert CommunitySession.objects.get().is_confirmed
    with pytest.raises(PermissionDenied, match="không thể xoá"):
        services.delete_session(user=officer, session_id=session.pk)
    assert CommunitySession.objects.exists()


def test_another_officers_draft_cannot_be_deleted(client, officer, communes):
    """A colleague of the same commune sees the session but cannot delete it."""
    session = held(officer=officer, commune=communes[0])
    colleague = officer_of(communes[0])
    client.force_login(colleague)
    inspect = client.get(reverse("community_sessions:inspect", args=[session.pk]))
    assert inspect.status_code == 200 and delete_url(session) not in inspect.content.decode()
    assert client.post(delete_url(session)).status_code == 404
    with pytest.raises(PermissionDenied, match="Chỉ người ghi"):
        services.delete_session(user=colleague, session_id=session.pk)
    assert CommunitySession.objects.exists()


def test_a_reviewer_cannot_delete_a_draft(client, officer, communes):
    session = held(officer=officer, commune=communes[0])
    reviewer = officer_of(communes[0], reviewer=True)
    client.force_login(reviewer)
    response = client.post(delete_url(session))
    assert response.status_code in (302, 403, 404)
    assert CommunitySession.objects.exists()
