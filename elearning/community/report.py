"""The report reader's list of community sessions: the confirmed sessions of their area in the
plan's period, one row each (commune, date, kind, person-times counted by the officer, QR
check-ins), with the coverage reports' small-count rule. A session's count below 5 is "<5";
and since the report shows each commune's total (and the area's) beside the list, a "<5"
could be worked out by subtracting the other sessions from it: within each commune and across
the area, more sessions are withheld ("*") until it cannot (coverage's suppression.protect).
The same rows make the XLSX sheet."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font

from elearning.coverage.choices import IndicatorCode
from elearning.coverage.exports import neutralise
from elearning.coverage.selectors import Area, Figure
from elearning.coverage.selectors.suppression import protect
from elearning.coverage.xlsx_hidden import HiddenCells

from .choices import SessionStatus
from .models import CommunitySession

PARTICIPANTS, CHECK_INS = "participants", "check_ins"


@dataclass
class SessionRow:
    session: CommunitySession
    commune: str
    starts_at: datetime
    kind: str
    participants: Figure
    check_ins: Figure

    @property
    def participants_display(self):
        return self.participants.numerator_display

    @property
    def check_ins_display(self):
        return self.check_ins.numerator_display


def _count(value: int, key: str) -> Figure:
    return Figure(
        IndicatorCode.SESSION_PARTICIPANTS, key, value, None, person_based=True, key=(key,)
    )


def _hidden(rows) -> int:
    return sum(row.participants.is_suppressed + row.check_ins.is_suppressed for row in rows)


def _protect(rows: list[SessionRow]) -> None:
    """Withhold until no "<5" follows from a commune's total or the area's (each shown in the
    report) minus the sessions shown beside it."""
    by_commune = {}
    for row in rows:
        by_commune.setdefault(row.session.commune_id, []).append(row)
    groups = [*by_commune.values(), rows]
    before = -1
    while before != _hidden(rows):
        before = _hidden(rows)
        for group in groups:
            for key in (PARTICIPANTS, CHECK_INS):
                parts = [getattr(row, key) for row in group]
                total = _count(sum(part.numerator for part in parts), key)
                protect(rows=[[part] for part in parts], total_row=[total])


def session_rows(*, area: Area) -> list[SessionRow]:
    """The confirmed sessions of the area in the plan's years, newest first."""
    plan = area.plan
    sessions = CommunitySession.objects.filter(
        status=SessionStatus.CONFIRMED,
        starts_at__year__gte=plan.year,
        starts_at__year__lte=plan.last_year,
    ).select_related("commune")
    if area.commune_ids is not None:
        sessions = sessions.filter(commune_id__in=area.commune_ids)
    sessions = sessions.annotate(people=Sum("counts__count")).order_by("-starts_at", "pk")
    sessions = list(sessions)
    check_ins = Counter(
        dict(
            CommunitySession.objects.filter(pk__in=[s.pk for s in sessions])
            .annotate(n=Count("check_ins"))
            .values_list("pk", "n")
        )
    )
    rows = [
        SessionRow(
            session=session,
            commune=session.commune.name,
            starts_at=timezone.localtime(session.starts_at),
            kind=str(session.get_kind_display()),
            participants=_count(session.people or 0, PARTICIPANTS),
            check_ins=_count(check_ins[session.pk], CHECK_INS),
        )
        for session in sessions
    ]
    _protect(rows)
    return rows


def headings() -> list[str]:
    return [
        _("Commune"),
        _("Date"),
        _("Kind of session"),
        _("Participants (person-times)"),
        _("QR check-ins"),
    ]


def xlsx_sheet(*, book, area: Area) -> None:
    """The sessions sheet of the coverage report's XLSX (settings.COVERAGE_XLSX_SHEETS): the
    same rows as the page; a hidden count is an empty grey cell with its reason, as on the
    other sheets."""
    sheet = book.create_sheet(_("Community sessions")[:31])
    for column, heading in enumerate([*headings(), _("Note")], start=1):
        cell = sheet.cell(row=1, column=column, value=neutralise(heading))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    hidden = HiddenCells(
        withheld_because=_("Withheld so that a figure below 5 cannot be worked out from the total.")
    )
    for number, row in enumerate(session_rows(area=area), start=2):
        sheet.cell(row=number, column=1, value=neutralise(row.commune))
        date = sheet.cell(row=number, column=2, value=row.starts_at.replace(tzinfo=None))
        date.number_format = "dd/mm/yyyy hh:mm"
        sheet.cell(row=number, column=3, value=neutralise(row.kind))
        marks = set()
        for column, value in ((4, row.participants_display), (5, row.check_ins_display)):
            cell = sheet.cell(row=number, column=column)
            if isinstance(value, int):
                cell.value, cell.number_format = value, "#,##0"
            else:
                marks.add(value)
                hidden.flag(cell, value)
        sheet.cell(row=number, column=6, value=" ".join(sorted(marks)) or None)
    hidden.add_to(sheet)
    for letter, width in zip("ABCDEF", (28, 18, 22, 16, 14, 8), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "B2"
