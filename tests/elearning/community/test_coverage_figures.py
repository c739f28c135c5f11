"""What a community session does to the commune's figures: nothing until a reviewer confirms
it; then, after the refresh task, its person-times and the session itself are counted, and its
QR check-ins join the online learners in reach, each person once."""

import pytest
from django.db.models import Sum

from elearning.community import services
from elearning.coverage import selectors
from elearning.coverage.models import ReconciliationRun, Rollup
from elearning.coverage.tasks import reconcile_rollups
from tests.factories.community import held, officer_of
from tests.factories.coverage import PlanFactory, complete, indicator, profile


def figures_of(plan, unit=None) -> dict:
    area = selectors.area_for(plan=plan, scope=selectors.ReaderScope(unit=None), unit=unit)
    return {f.code: f for f in selectors.overview(area=area).figures if not f.is_detail}


@pytest.fixture
def plan(ninh_binh, communes):
    profile(communes[0], population=500)
    return PlanFactory(scope_unit=ninh_binh, targets={"reach": 75, "sessions_held": 2})


@pytest.fixture
def officer(communes):
    return officer_of(communes[0])


@pytest.fixture
def reviewer(ninh_binh):
    return officer_of(ninh_binh, reviewer=True)


def check_in(session, *keys, age_band="18-60"):
    for key in keys:
        services.check_in(
            session_id=session.pk, visitor_key=key, learner_id=None, age_band=age_band
        )


def test_a_confirmed_session_moves_the_communes_figures_after_the_task(
    plan, officer, reviewer, communes, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        session = held(
            officer=officer,
            commune=communes[0],
            counts=[("female", "18-60", 20), ("male", "16-17", 7), ("unknown", "under_14", 3)],
        )
        check_in(session, *[f"phone-{i}" for i in range(6)])
        check_in(session, "grandad", age_band="61+")
    before = figures_of(plan)
    assert (before["session_participants"].numerator, before["sessions_held"].numerator) == (0, 0)
    assert before["reach"].numerator == 0  # a draft session counts nothing

    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_session(user=reviewer, session_id=session.pk)

    figures = figures_of(plan)
    assert figures["session_participants"].numerator == 30  # person-times, every age
    assert figures["sessions_held"].numerator == 1
    # Reach: the six checked-in phones aged 14–60 (not the man over 60), out of 500 people;
    # the 30 person-times are shown beside it, never added to it.
    assert (figures["reach"].numerator, figures["reach"].denominator) == (6, 500)
    # The province's sums follow the commune's.
    participants = Rollup.objects.filter(
        level="province", indicator=indicator("session_participants")
    ).aggregate(n=Sum("numerator"))["n"]
    assert participants == 30
    # A target of two sessions: one held so far.
    assert figures["sessions_held"].target == 2 and figures["sessions_held"].status in {
        "on_track",
        "behind",
    }


def test_a_phone_that_learned_online_and_checked_in_is_one_person(
    plan, officer, reviewer, communes
):
    learners = complete(commune=communes[0], people=5)
    session = held(officer=officer, commune=communes[0])
    # Two of the five online learners check in with the same phone, three newcomers too.
    check_in(session, learners[0].visitor_key, learners[1].visitor_key, "new-1", "new-2", "new-3")
    services.confirm_session(user=reviewer, session_id=session.pk)
    from elearning.coverage.services import refresh_commune_rollups

    refresh_commune_rollups(commune_id=communes[0].pk)
    assert figures_of(plan)["reach"].numerator == 8


def test_returning_a_confirmed_session_takes_it_out_of_the_figures(
    plan, officer, reviewer, communes, django_capture_on_commit_callbacks
):
    session = held(officer=officer, commune=communes[0], counts=[("female", "18-60", 40)])
    check_in(session, *[f"phone-{i}" for i in range(7)])
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_session(user=reviewer, session_id=session.pk)
    assert figures_of(plan)["session_participants"].numerator == 40
    with django_capture_on_commit_callbacks(execute=True):
        services.return_session(user=reviewer, session_id=session.pk, reason="Trùng buổi")
    figures = figures_of(plan)
    assert figures["session_participants"].numerator == 0
    assert figures["sessions_held"].numerator == 0
    assert figures["reach"].numerator == 0


def test_small_counts_are_shown_as_fewer_than_5(plan, officer, reviewer, communes):
    session = held(officer=officer, commune=communes[0], counts=[("female", "18-60", 3)])
    check_in(session, "a", "b")
    services.confirm_session(user=reviewer, session_id=session.pk)
    from elearning.coverage.services import refresh_commune_rollups

    refresh_commune_rollups(commune_id=communes[0].pk)
    figures = figures_of(plan)
    assert figures["reach"].numerator_display == "<5"
    assert figures["reach"].value_display == "<5"
    assert figures["session_participants"].numerator_display == "<5"
    # Sessions are not people: one session is shown as one.
    assert figures["sessions_held"].numerator_display == 1


def test_the_nightly_reconciliation_puts_session_figures_right(
    plan, officer, reviewer, communes, django_capture_on_commit_callbacks
):
    session = held(officer=officer, commune=communes[0], counts=[("male", "18-60", 25)])
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_session(user=reviewer, session_id=session.pk)
    cells = Rollup.objects.filter(
        level="commune", unit=communes[0], indicator=indicator("session_participants")
    )
    cells.update(numerator=999)  # a lost or corrupted update

    reconcile_rollups()

    assert cells.get().numerator == 25
    run = ReconciliationRun.objects.get()
    assert run.corrected >= 1
    assert figures_of(plan)["session_participants"].numerator == 25
