"""The live check-in counter: exact for the session's author while check-in is open; "<5" for
anyone else and once it has closed, with the age groups hidden so that none can be recovered
from the total."""

from datetime import timedelta

from elearning.community import selectors, services
from elearning.community.models import CommunitySession
from tests.factories.community import held, officer_of


def test_small_counts_are_exact_for_the_author_only_while_open(communes, ninh_binh):
    officer = officer_of(communes[0])
    session = held(officer=officer, commune=communes[0])
    for index, band in enumerate(["18-60"] * 6 + ["14-15"] * 2):
        services.check_in(
            session_id=session.pk, visitor_key=f"phone-{index}", learner_id=None, age_band=band
        )

    mine = selectors.check_in_counts(session=session, viewer=officer)
    assert mine["total"] == 8 and ("14–15", 2) in mine["bands"]

    reviewer = officer_of(ninh_binh, reviewer=True)
    theirs = selectors.check_in_counts(session=session, viewer=reviewer)
    # 8 people are shown, but not the groups: "2 aged 14–15" would be 8 minus 6.
    assert theirs["total"] == 8 and theirs["bands"] == [] and theirs["bands_hidden"]

    CommunitySession.objects.filter(pk=session.pk).update(
        ends_at=session.starts_at + timedelta(minutes=1), check_in_grace_minutes=0
    )
    session.refresh_from_db()
    closed = selectors.check_in_counts(session=session, viewer=officer)
    assert closed["bands"] == [] and closed["bands_hidden"]


def test_a_total_under_5_is_suppressed_for_others(communes, ninh_binh):
    session = held(officer=officer_of(communes[0]), commune=communes[0])
    services.check_in(session_id=session.pk, visitor_key="one", learner_id=None, age_band="61+")
    counts = selectors.check_in_counts(session=session, viewer=officer_of(ninh_binh, reviewer=True))
    assert counts["total"] == "<5"
