"""The officer's and reviewer's screens: an officer sees and records only their own commune,
the author sees the QR code and short code, a reviewer of the province confirms or returns."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from elearning.community.models import CommunitySession
from tests.factories.community import held, officer_of


@pytest.fixture
def officer(communes):
    return officer_of(communes[0])


def form_data(commune, *, counts=((("female", "18-60", "community", 12)),), **fields):
    start = timezone.localtime() - timedelta(hours=1)
    data = {
        "commune": commune.pk,
        "starts_at": start.strftime("%Y-%m-%d %H:%M"),
        "ends_at": (start + timedelta(hours=1)).strftime("%Y-%m-%d %H:%M"),
        "kind": "meeting",
        "place": "Nhà văn hoá thôn 5",
        "led_by": "Chi hội Phụ nữ",
        "check_in_grace_minutes": 30,
        "counts-TOTAL_FORMS": len(counts),
        "counts-INITIAL_FORMS": 0,
        "counts-MIN_NUM_FORMS": 1,
        "counts-MAX_NUM_FORMS": 1000,
        **fields,
    }
    for index, (sex, band, audience, number) in enumerate(counts):
        data.update(
            {
                f"counts-{index}-sex": sex,
                f"counts-{index}-age_band": band,
                f"counts-{index}-audience": audience,
                f"counts-{index}-count": number,
                f"counts-{index}-ORDER": index,
            }
        )
    return data


def test_an_officer_records_a_session_and_sees_its_qr_code(client, officer, communes):
    client.force_login(officer)
    form = client.get(reverse("community_sessions:add"))
    assert form.status_code == 200
    choices = list(form.context["form"].fields["commune"].queryset)
    assert choices == [communes[0]]

    response = client.post(reverse("community_sessions:add"), form_data(communes[0]))
    session = CommunitySession.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("community_sessions:inspect", args=[session.pk])
    page = client.get(response.url).content.decode()
    assert "<svg" in page and session.checkin_code in page
    assert reverse("community:check_in", args=["x"]).rsplit("x", 1)[0] in page


def test_another_communes_session_is_refused_on_the_form_and_hidden(client, officer, communes):
    client.force_login(officer)
    response = client.post(reverse("community_sessions:add"), form_data(communes[1]))
    assert response.status_code == 200 and not CommunitySession.objects.exists()
    neighbour = held(officer=officer_of(communes[1]), commune=communes[1])
    assert neighbour.place not in client.get(reverse("community_sessions:index")).content.decode()
    for name in ("inspect", "edit", "delete"):
        url = reverse(f"community_sessions:{name}", args=[neighbour.pk])
        assert client.get(url).status_code == 404


def test_absurd_counts_are_refused_on_the_form_with_a_message(client, officer, communes):
    client.force_login(officer)
    data = form_data(communes[0], counts=[("female", "18-60", "community", 5001)])
    response = client.post(reverse("community_sessions:add"), data)
    assert not CommunitySession.objects.exists()
    assert "5.000" in response.content.decode()


def test_a_reviewer_confirms_and_the_author_can_no_longer_edit(
    client, officer, communes, ninh_binh
):
    session = held(officer=officer, commune=communes[0])
    client.force_login(officer)
    # An officer cannot confirm their own session.
    client.post(reverse("community_sessions:review", args=[session.pk]), {"decision": "confirm"})
    session.refresh_from_db()
    assert session.status == "draft"

    client.force_login(officer_of(ninh_binh, reviewer=True))
    page = client.get(reverse("community_sessions:inspect", args=[session.pk])).content.decode()
    assert "Xác nhận: tính buổi sinh hoạt này" in page
    client.post(reverse("community_sessions:review", args=[session.pk]), {"decision": "confirm"})
    session.refresh_from_db()
    assert session.status == "confirmed"

    client.force_login(officer)
    edit = client.get(reverse("community_sessions:edit", args=[session.pk]))
    assert edit.status_code == 302
    assert edit.url == reverse("community_sessions:inspect", args=[session.pk])


def test_a_return_needs_a_reason(client, officer, communes, ninh_binh):
    session = held(officer=officer, commune=communes[0])
    client.force_login(officer_of(ninh_binh, reviewer=True))
    review = reverse("community_sessions:review", args=[session.pk])
    page = client.post(review, {"decision": "return", "reason": ""}, follow=True)
    assert "Hãy ghi lý do trả lại" in page.content.decode()
    session.refresh_from_db()
    assert session.status == "draft"
