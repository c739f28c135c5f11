"""Recording, confirming and returning sessions: every bad input is refused with a Vietnamese
message and changes nothing; officers record only in their own commune."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from elearning.community import services
from elearning.community.models import CommunitySession, SessionCount
from tests.factories.community import held, officer_of
from tests.factories.coverage import PlanFactory, profile


@pytest.fixture
def officer(communes):
    return officer_of(communes[0])


def refused(officer, commune, **kwargs) -> str:
    """Try to record a session; return the messages of the refusal, after checking that
    nothing was stored."""
    before = (CommunitySession.objects.count(), SessionCount.objects.count())
    with pytest.raises(ValidationError) as caught:
        held(officer=officer, commune=commune, **kwargs)
    assert (CommunitySession.objects.count(), SessionCount.objects.count()) == before
    return " ".join(caught.value.messages)


def test_an_officer_records_a_session_of_their_commune(officer, communes):
    session = held(
        officer=officer,
        commune=communes[0],
        counts=[("female", "18-60", 20), ("male", "16-17", 7), ("unknown", "under_14", 3)],
    )
    assert session.author == officer and session.status == "draft"
    assert sorted(session.counts.values_list("age_band", "count")) == [
        ("16-17", 7),
        ("18-60", 20),
        ("under_14", 3),
    ]


def test_a_commune_outside_the_officers_area_is_refused(officer, hanoi_commune, communes):
    assert "không thuộc địa bàn" in refused(officer, hanoi_commune)
    assert "không thuộc địa bàn" in refused(officer, communes[1])


def test_a_negative_count_is_refused(officer, communes):
    message = refused(officer, communes[0], counts=[("female", "18-60", 10), ("male", "18-60", -3)])
    assert "không được âm" in message


def test_more_than_5000_in_one_session_is_refused(officer, communes):
    message = refused(
        officer, communes[0], counts=[("female", "18-60", 3000), ("male", "18-60", 2001)]
    )
    assert "5.001" in message and "5.000" in message


def test_more_people_than_the_communes_population_of_that_age_is_refused(officer, communes):
    profile(communes[0], population=150)
    message = refused(
        officer, communes[0], counts=[("female", "18-60", 100), ("male", "16-17", 51)]
    )
    assert "151" in message and "150" in message
    # Children and people over 60 are not in that population.
    held(
        officer=officer, commune=communes[0], counts=[("female", "18-60", 150), ("male", "61+", 40)]
    )


def test_a_date_in_the_future_is_refused(officer, communes):
    message = refused(officer, communes[0], starts_at=timezone.now() + timedelta(days=2))
    assert "trong tương lai" in message


def test_a_date_before_the_plan_is_refused(officer, communes, ninh_binh):
    PlanFactory(scope_unit=ninh_binh, year=timezone.localdate().year)
    last_year = timezone.now() - timedelta(days=400)
    assert "trước kế hoạch" in refused(officer, communes[0], starts_at=last_year)


def test_an_end_before_the_start_and_no_participants_are_refused(officer, communes):
    start = timezone.now() - timedelta(hours=3)
    assert "sau giờ bắt đầu" in refused(
        officer, communes[0], starts_at=start, ends_at=start - timedelta(minutes=5)
    )
    assert "bao nhiêu người" in refused(officer, communes[0], counts=[("female", "18-60", 0)])


def test_someone_without_the_officer_role_cannot_record(communes):
    reader = officer_of(communes[0], reviewer=True)
    with pytest.raises(PermissionDenied):
        held(officer=reader, commune=communes[0])
    assert not CommunitySession.objects.exists()


def test_only_the_author_edits_and_only_until_confirmed(officer, communes, ninh_binh):
    session = held(officer=officer, commune=communes[0])
    colleague = officer_of(communes[0])
    session.place = "Chợ xã"
    with pytest.raises(PermissionDenied):
        services.save_session(
            user=colleague, session=session, counts=[("female", "18-60", "community", 1)]
        )
    reviewer = officer_of(ninh_binh, reviewer=True)
    services.confirm_session(user=reviewer, session_id=session.pk)
    with pytest.raises(PermissionDenied):
        services.save_session(
            user=officer, session=session, counts=[("female", "18-60", "community", 1)]
        )
    session.refresh_from_db()
    assert session.place == "Nhà văn hoá thôn 3" and session.counts.get().count == 12


def test_a_reviewer_confirms_or_returns_with_a_reason_in_their_province_only(
    officer, communes, ninh_binh, ha_noi
):
    session = held(officer=officer, commune=communes[0])
    outsider = officer_of(ha_noi, reviewer=True)
    with pytest.raises(PermissionDenied):
        services.confirm_session(user=outsider, session_id=session.pk)
    with pytest.raises(PermissionDenied):  # an officer cannot confirm their own session
        services.confirm_session(user=officer, session_id=session.pk)
    reviewer = officer_of(ninh_binh, reviewer=True)
    with pytest.raises(ValidationError, match="lý do"):
        services.return_session(user=reviewer, session_id=session.pk, reason="  ")
    session.refresh_from_db()
    assert session.status == "draft"
    services.return_session(user=reviewer, session_id=session.pk, reason="Thiếu số nam giới")
    session.refresh_from_db()
    assert (session.status, session.return_reason) == ("returned", "Thiếu số nam giới")
    # The author corrects it: back to waiting for confirmation, then confirmed.
    services.save_session(user=officer, session=session, counts=[("male", "18-60", "community", 9)])
    services.confirm_session(user=reviewer, session_id=session.pk)
    session.refresh_from_db()
    assert (session.status, session.confirmed_by) == ("confirmed", reviewer)
