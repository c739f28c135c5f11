"""Reads of community sessions: whose sessions a user may see (the coverage reader scope), and
the check-in counts shown to the officer."""

from collections import Counter

from django.db.models import QuerySet
from django.utils import timezone

from elearning.coverage.choices import SUPPRESS_BELOW
from elearning.coverage.selectors import communes_of, reader_scope

from . import check_quiz
from .choices import SessionAgeBand
from .models import CommunitySession, SessionCheckIn

SUPPRESSED = "<5"


def communes_in_scope(*, user) -> frozenset | None:
    """The current communes a user may record or review sessions for: the area of their report
    scope (a commune, a province; None: the whole country). Empty when they have no scope."""
    scope = reader_scope(user=user)
    if scope is None:
        return frozenset()
    return communes_of(scope.unit)


def sessions_for(*, user) -> QuerySet:
    sessions = CommunitySession.objects.select_related("commune", "author")
    communes = communes_in_scope(user=user)
    if communes is None:
        return sessions
    return sessions.filter(commune_id__in=communes)


def is_reviewer(*, user) -> bool:
    return user.has_perm("community.review_communitysession")


def can_edit(*, user, session: CommunitySession) -> bool:
    """The author edits until the session is confirmed (a returned one too, to correct it)."""
    return (
        not session.is_confirmed
        and user.has_perm("community.change_communitysession")
        and (session.author_id == user.pk or user.is_superuser)
    )


def can_delete(*, user, session: CommunitySession) -> bool:
    """Its author deletes a session that never counted (waiting or returned), no one else's."""
    return (
        not session.is_confirmed
        and user.has_perm("community.delete_communitysession")
        and (session.author_id == user.pk or user.is_superuser)
    )


def check_in_counts(*, session: CommunitySession, viewer) -> dict:
    """Check-ins by age band and in total. Exact for the session's author while check-in is
    open; anyone else, or anyone once it is closed, sees small counts as "<5"."""
    counts = Counter(
        SessionCheckIn.objects.filter(session=session).values_list("age_band", flat=True)
    )
    exact = session.author_id == viewer.pk and timezone.now() <= session.closes_at

    def small(n):
        return not exact and 0 < n < SUPPRESS_BELOW

    total = sum(counts.values())
    bands = [(label, counts.get(value, 0)) for value, label in SessionAgeBand.check_in_choices()]
    # One small band could be recovered from the total and the others: hide them all.
    bands_hidden = any(small(n) for _label, n in bands)
    return {
        "total": SUPPRESSED if small(total) else total,
        "bands": [] if bands_hidden else bands,
        "bands_hidden": bands_hidden,
        "exact": exact,
    }


def check_quiz_summary(*, session: CommunitySession) -> dict:
    """The check quiz's results for the officer: how many of the check-ins answered, the
    average score and the share right per question, in %. Fewer than SUPPRESS_BELOW answers
    show as "<5" with no averages (an average of two people's scores gives them away)."""
    rows = list(
        SessionCheckIn.objects.filter(session=session, quiz_score__isnull=False).values_list(
            "quiz_score", "quiz_questions", "quiz_correct"
        )
    )
    answered = len(rows)
    summary = {"answered": answered, "average": None, "questions": []}
    if 0 < answered < SUPPRESS_BELOW:
        summary["answered"] = SUPPRESSED
    if answered < SUPPRESS_BELOW:
        return summary
    summary["average"] = round(100 * sum(s / q for s, q, _c in rows if q) / answered)
    for number, question in enumerate(check_quiz.questions_for(session), start=1):
        results = [correct[question.id] for _s, _q, correct in rows if question.id in correct]
        if len(results) < SUPPRESS_BELOW:  # the questions were changed after some answered
            percent = SUPPRESSED if results else None
        else:
            percent = round(100 * sum(results) / len(results))
        summary["questions"].append({"number": number, "text": question.text, "percent": percent})
    return summary
