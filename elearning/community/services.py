"""Writes of community sessions: record (and correct) a session, confirm or return it, check a
participant in. Every refusal raises ValidationError with a message for the officer and changes
nothing. Confirmed sessions and their check-ins are what coverage counts: every write that
changes one announces its commune to coverage, inside the transaction."""

from datetime import timedelta

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from elearning.coverage.changes import commune_changed
from elearning.coverage.choices import IndicatorCode
from elearning.coverage.models import Denominator, Plan
from elearning.coverage.selectors import communes_of
from elearning.coverage.services import set_report_scope
from elearning.geo.models import AdminCatalog, AdminUnit
from elearning.progress.exceptions import InvalidSubmission
from elearning.progress.quiz_grading import grade, read_answers

from . import check_quiz, selectors
from .choices import (
    EARLY_MINUTES,
    MAX_HOURS,
    MAX_PARTICIPANTS,
    SessionAgeBand,
    SessionStatus,
    Sex,
)
from .models import CommunitySession, SessionCheckIn, SessionCount


def _first_plan_year(commune: AdminUnit) -> int | None:
    """The first year of the earliest plan whose area holds the commune (None: no plan)."""
    years = [
        plan.year
        for plan in Plan.objects.select_related("scope_unit__catalog").order_by("year")
        if (area := communes_of(plan.scope_unit)) is None or commune.pk in area
    ]
    return min(years, default=None)


def _population_14_60(commune: AdminUnit, *, year: int) -> int | None:
    row = (
        Denominator.objects.filter(
            unit=commune, indicator__code=IndicatorCode.REACH, audience="", year__lte=year
        )
        .order_by("-year")
        .values_list("value", flat=True)
        .first()
    )
    return row


def check_session(*, user, commune, starts_at, ends_at, counts) -> None:
    """Refuse a session a report could not trust. `counts` is a list of
    (sex, age band, audience, number). Raises ValidationError keyed by field."""
    errors = {}
    if commune is None or commune.level != AdminUnit.Level.COMMUNE:
        errors["commune"] = _("Choose a commune.")
    elif commune.catalog.key != AdminCatalog.CURRENT:
        errors["commune"] = _("Choose a commune of the current list (after 1/7/2025).")
    else:
        scope = selectors.communes_in_scope(user=user)
        if scope is not None and commune.pk not in scope:
            errors["commune"] = _("This commune is outside the area you are responsible for.")
    now = timezone.now()
    if starts_at and starts_at > now + timedelta(minutes=EARLY_MINUTES):
        errors["starts_at"] = _(
            "A session is recorded when it takes place: this date is in the future."
        )
    elif starts_at and "commune" not in errors:
        first_year = _first_plan_year(commune)
        if first_year and starts_at.year < first_year:
            errors["starts_at"] = _(
                "This date is before the first plan of this commune (%(year)s)."
            ) % {"year": first_year}
    if starts_at and ends_at:
        if ends_at <= starts_at:
            errors["ends_at"] = _("The end must be after the start.")
        elif ends_at - starts_at > timedelta(hours=MAX_HOURS):
            errors["ends_at"] = _("A session lasts at most %(hours)s hours.") % {"hours": MAX_HOURS}
    errors.update(_check_counts(commune, starts_at, counts, skip_population="commune" in errors))
    if errors:
        raise ValidationError(errors)


def _check_counts(commune, starts_at, counts, *, skip_population) -> dict:
    numbers = [number for _sex, _band, _audience, number in counts]
    if any(number is None or number < 0 for number in numbers):
        return {"counts": _("A number of participants cannot be negative.")}
    if not numbers or sum(numbers) == 0:
        return {"counts": _("Enter how many people took part.")}
    keys = [(sex, band, audience) for sex, band, audience, _number in counts]
    if len(set(keys)) != len(keys):
        return {"counts": _("Each sex, age band and audience may be entered once.")}
    if any(band not in SessionAgeBand.values or sex not in Sex.values for sex, band, _a in keys):
        return {"counts": _("Choose an age band and a sex for every row.")}
    total = sum(numbers)
    if total > MAX_PARTICIPANTS:
        return {
            "counts": _("%(total)s people in one session is more than %(max)s: check the numbers.")
            % {
                "total": f"{total:,}".replace(",", "."),
                "max": f"{MAX_PARTICIPANTS:,}".replace(",", "."),
            }
        }
    if skip_population or starts_at is None:
        return {}
    population = _population_14_60(commune, year=starts_at.year)
    in_reach = sum(n for _s, band, _a, n in counts if band in SessionAgeBand.reach_bands())
    if population is not None and in_reach > population:
        return {
            "counts": _(
                "%(count)s participants aged 14–60 is more than the commune's population of "
                "that age (%(population)s): check the numbers."
            )
            % {"count": in_reach, "population": population}
        }
    return {}


@transaction.atomic
def save_session(*, user, session: CommunitySession, counts) -> CommunitySession:
    """Record a new session, or its author's correction of one not yet confirmed (a returned
    session goes back to waiting for confirmation). Counts replace the stored ones."""
    if session.pk:
        stored = CommunitySession.objects.select_for_update().get(pk=session.pk)
        if not selectors.can_edit(user=user, session=stored):
            raise PermissionDenied(
                _("Only its author can change a session, until it is confirmed.")
            )
    elif not user.has_perm("community.add_communitysession"):
        raise PermissionDenied
    check_session(
        user=user,
        commune=session.commune if session.commune_id else None,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        counts=counts,
    )
    if not session.pk:
        session.author = user
    session.status = SessionStatus.DRAFT
    session.return_reason = ""
    session.save()
    session.counts.all().delete()
    SessionCount.objects.bulk_create(
        SessionCount(session=session, sex=sex, age_band=band, audience=audience, count=number)
        for sex, band, audience, number in counts
        if number
    )
    return session


def _review(*, user, session_id: int) -> CommunitySession:
    session = CommunitySession.objects.select_for_update().get(pk=session_id)
    scope = selectors.communes_in_scope(user=user)
    if not selectors.is_reviewer(user=user) or (
        scope is not None and session.commune_id not in scope
    ):
        raise PermissionDenied(_("You may not review sessions of this commune."))
    return session


@transaction.atomic
def confirm_session(*, user, session_id: int) -> CommunitySession:
    """A reviewer confirms: from now on the session and its check-ins count."""
    session = _review(user=user, session_id=session_id)
    if session.status != SessionStatus.DRAFT:
        raise ValidationError(_("Only a session waiting for confirmation can be confirmed."))
    session.status = SessionStatus.CONFIRMED
    session.confirmed_by, session.reviewed_at = user, timezone.now()
    session.save(update_fields=["status", "confirmed_by", "reviewed_at"])
    commune_changed(commune_id=session.commune_id)
    return session


@transaction.atomic
def return_session(*, user, session_id: int, reason: str) -> CommunitySession:
    """A reviewer sends a session back to its author with a reason; a confirmed one stops
    counting."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the session is returned, so its author can correct it."))
    session = _review(user=user, session_id=session_id)
    if session.status == SessionStatus.RETURNED:
        raise ValidationError(_("This session has already been returned."))
    was_counted = session.is_confirmed
    session.status, session.return_reason = SessionStatus.RETURNED, reason[:1000]
    session.confirmed_by, session.reviewed_at = user, timezone.now()
    session.save(update_fields=["status", "return_reason", "confirmed_by", "reviewed_at"])
    if was_counted:
        commune_changed(commune_id=session.commune_id)
    return session


@transaction.atomic
def delete_session(*, user, session_id: int) -> None:
    """Its author deletes a session that never counted (its check-ins go with it). A confirmed
    session is in the reports: a reviewer returns it instead, with a reason."""
    session = CommunitySession.objects.select_for_update().get(pk=session_id)
    if session.is_confirmed:
        raise PermissionDenied(
            _("A confirmed session counts in the reports and cannot be deleted.")
        )
    if not selectors.can_delete(user=user, session=session):
        raise PermissionDenied(_("Only its author can delete a session."))
    session.delete()


class CheckInRefused(ValidationError):
    """A check-in the session does not accept (closed, not yet open, twice, a child)."""


def check_in(
    *, session_id: int, visitor_key: str, learner_id: int | None, age_band: str, sex: str = ""
) -> SessionCheckIn:
    """One participant's phone checks in. Refused (nothing stored) outside the session's
    window, for a child under 14, or a second time from the same device."""
    if age_band not in dict(SessionAgeBand.check_in_choices()):
        raise CheckInRefused(_("Choose your age group."))
    if sex and sex not in Sex.values:
        raise CheckInRefused(_("Choose a sex from the list, or leave it empty."))
    if not visitor_key:
        raise CheckInRefused(_("This phone could not be recognised. Allow cookies and try again."))
    with transaction.atomic():
        session = CommunitySession.objects.select_for_update().get(pk=session_id)
        now = timezone.now()
        if session.status == SessionStatus.RETURNED:
            raise CheckInRefused(_("This session is not open for check-in."))
        if now < session.starts_at - timedelta(minutes=EARLY_MINUTES):
            raise CheckInRefused(_("Check-in for this session has not opened yet."))
        if now > session.closes_at:
            raise CheckInRefused(_("Check-in for this session has closed."))
        if SessionCheckIn.objects.filter(session=session, visitor_key=visitor_key).exists():
            raise CheckInRefused(_("This phone has already checked in to this session."))
        try:
            with transaction.atomic():
                check_in = SessionCheckIn.objects.create(
                    session=session,
                    visitor_key=visitor_key,
                    learner_id=learner_id,
                    age_band=age_band,
                    sex=sex or Sex.UNKNOWN,
                    checked_in_at=now,
                )
        except IntegrityError as error:  # the same phone, twice at once
            raise CheckInRefused(_("This phone has already checked in to this session.")) from error
        if session.is_confirmed:
            commune_changed(commune_id=session.commune_id)
    return check_in


def answer_check_quiz(*, session_id: int, visitor_key: str, data) -> SessionCheckIn:
    """The phone's check-in takes its one check quiz: graded here against the session's
    questions (`data`: the posted form). Refused, nothing stored, for a phone not checked in
    to this session, a second answer, after closing, or answers that are not the session's
    questions' options."""
    with transaction.atomic():
        session = CommunitySession.objects.get(pk=session_id)
        # The phone's own row is locked: a double tap grades once.
        check_in = (
            SessionCheckIn.objects.select_for_update()
            .filter(session=session, visitor_key=visitor_key)
            .first()
        )
        if not visitor_key or check_in is None:
            raise CheckInRefused(_("Check in to this session first, then answer the questions."))
        if check_in.quiz_score is not None:
            raise CheckInRefused(_("You have already answered this session's questions."))
        if session.status == SessionStatus.RETURNED or timezone.now() > session.closes_at:
            raise CheckInRefused(
                _("This session has closed: its questions can no longer be answered.")
            )
        questions = check_quiz.questions_for(session)
        if not questions:
            raise CheckInRefused(_("This session has no questions to answer."))
        try:
            graded = grade(questions, read_answers(data, questions))
        except InvalidSubmission as error:
            raise CheckInRefused(str(error.message)) from error
        check_in.quiz_score = graded.score
        check_in.quiz_questions = graded.max_score
        check_in.quiz_correct = {qid: a["correct"] for qid, a in graded.answers.items()}
        check_in.save(update_fields=["quiz_score", "quiz_questions", "quiz_correct"])
    return check_in


OFFICERS_GROUP = "Community session officers"
REVIEWERS_GROUP = "Community session reviewers"
_GROUP_PERMISSIONS = {
    OFFICERS_GROUP: [
        "add_communitysession",
        "change_communitysession",
        "delete_communitysession",
        "view_communitysession",
    ],
    REVIEWERS_GROUP: ["view_communitysession", "review_communitysession"],
}


def _group(name: str) -> Group:
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="community", codename__in=_GROUP_PERMISSIONS[name]
        ),
    )
    return group


@transaction.atomic
def appoint(*, user, unit: AdminUnit | None, reviewer: bool = False) -> None:
    """Let a user record community sessions in a commune or province (their report scope), or
    review them (confirm or return) when `reviewer`."""
    set_report_scope(user=user, unit=unit)
    user.groups.add(_group(REVIEWERS_GROUP if reviewer else OFFICERS_GROUP))
