"""The XLSX a reader sends upward: a title block (plan, issuing body, area, period, "as of",
each indicator's definition, the small-count rule) and a sheet per view (overview, units,
agencies) with Vietnamese names, real numbers in numeric cells, hidden figures left empty and
flagged (grey, with their reason when selected: xlsx_hidden), column widths and a frozen
header. Text cells are neutralised so none can run as a formula."""

import io

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from .choices import IndicatorCode, definitions
from .exports import neutralise
from .report_document import figure_headings
from .selectors import SUPPRESSED, WITHHELD
from .xlsx_hidden import HiddenCells

BOLD = Font(bold=True)


def _hidden_cells() -> HiddenCells:
    return HiddenCells(
        withheld_because=_(
            "Withheld so that a figure below 5 cannot be worked out from a total or from "
            "another period."
        )
    )


def _put(sheet, row, column, value, hidden: HiddenCells):
    """A number as a number; "<5"/"*" as an empty, grey cell (hidden); text neutralised."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        cell.value = value
        cell.number_format = "0.0" if isinstance(value, float) else "#,##0"
    elif value in (None, ""):
        cell.value = None
    elif value in hidden:
        hidden.flag(cell, value)
    else:
        cell.value = neutralise(str(value))
    return cell


def _table(sheet, headings, rows, widths):
    """A header row, then the rows; the last column is the note ("<5", "*")."""
    for column, heading in enumerate(headings, start=1):
        cell = sheet.cell(row=1, column=column, value=neutralise(str(heading)))
        cell.font = BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    hidden = _hidden_cells()
    for row_number, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            if column == len(headings):  # the note: the marks as text
                sheet.cell(row=row_number, column=column, value=value or None)
            else:
                _put(sheet, row_number, column, value, hidden)
    hidden.add_to(sheet)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=column).column_letter].width = width
    sheet.freeze_panes = "B2"


def _flags(values) -> str:
    return " ".join(sorted({v for v in values if v in (SUPPRESSED, WITHHELD)}))


def workbook(*, overview, rows, units_label: str) -> bytes:
    area, plan = overview.area, overview.area.plan
    book = Workbook()
    info = book.active
    info.title = _("Information")[:31]
    period = area.period.label if area.period else str(plan.year)
    block = [
        (_("Report"), _("Coverage of the prevention of human trafficking")),
        (_("Plan number"), plan.number),
        (_("Plan"), plan.title),
        (_("Issuing body"), plan.issuer),
        (_("Area"), area.label),
        (_("Reporting period"), period),
        (_("Figures as of"), overview.as_of.strftime("%d/%m/%Y")),
        (
            _("Small counts"),
            _(
                "A figure about fewer than 5 people is left empty and marked “<5”; a figure "
                "marked “*” is withheld so that a “<5” cannot be worked out from a total or from "
                "another period."
            ),
        ),
    ]
    if area.legacy_scope:
        block.append(
            (
                _("Former units"),
                _("The plan was set for %(unit)s as it was before 1/7/2025.")
                % {"unit": area.legacy_scope},
            )
        )
    block.append(("", ""))
    block.append((_("Indicator"), _("Definition")))
    block += definitions()
    for row_number, (label, value) in enumerate(block, start=1):
        info.cell(row=row_number, column=1, value=neutralise(str(label))).font = BOLD
        cell = info.cell(row=row_number, column=2, value=neutralise(str(value)))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    info.column_dimensions["A"].width = 34
    info.column_dimensions["B"].width = 100

    figures = book.create_sheet(_("Overview")[:31])
    _table(
        figures,
        [*figure_headings(), _("Note")],
        [
            [
                ("  " if f.is_detail else "") + f.label,
                f.value_display,
                f.target_display,
                f.status_label,
                f.numerator_display,
                f.denominator_display,
                _flags([f.value_display, f.numerator_display, f.denominator_display]),
            ]
            for f in overview.figures
        ],
        [52, 12, 12, 16, 12, 12, 8],
    )

    if rows:
        units = book.create_sheet(units_label[:31])
        codes = IndicatorCode.values
        legacy = any(row.former_units for row in rows)
        districts = any(row.former_districts for row in rows)
        headings = [_("Unit"), _("Code")] + ([_("Former district")] if districts else [])
        headings += [_("Formerly")] if legacy else []
        headings += [code.column_heading for code in IndicatorCode] + [_("Note")]
        table = []
        for row in rows:
            values = [getattr(row, f"{code}_display") for code in codes]
            table.append(
                [row.name, row.unit.code if row.unit else ""]
                + ([row.district] if districts else [])
                + ([row.formerly] if legacy else [])
                + values
                + [_flags(values)]
            )
        _table(
            units,
            headings,
            table,
            [28, 10]
            + ([24] if districts else [])
            + ([40] if legacy else [])
            + [16] * len(codes)
            + [8],
        )

    agencies = [
        f for f in overview.figures if f.code == IndicatorCode.STAFF_TRAINED and f.is_detail
    ]
    if agencies:
        sheet = book.create_sheet(_("Agencies")[:31])
        _table(
            sheet,
            [_("Agency"), _("Trained"), _("Headcount"), _("Value (%)"), _("Note")],
            [
                [
                    f.label,
                    f.numerator_display,
                    f.denominator_display,
                    f.value_display,
                    _flags([f.value_display, f.numerator_display]),
                ]
                for f in agencies
            ],
            [30, 12, 12, 12, 8],
        )
    # Sheets of other apps (the community sessions), named in settings: coverage imports none.
    for path in settings.COVERAGE_XLSX_SHEETS:
        import_string(path)(book=book, area=area)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()
