"""What every coverage export shares: cells that cannot be formulas, and hidden cells flagged.

A spreadsheet program runs a cell that starts with "=", "+", "-" or "@" (and some tab/CR forms)
as a formula: a unit name or plan title written that way by an editor would run in the
reader's Excel (=HYPERLINK(…) leaking data, DDE commands). Such text gets a leading apostrophe,
as OWASP recommends; numbers stay numbers."""

from openpyxl.styles import PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FLAG_FILL = PatternFill("solid", fgColor="DDDDDD")


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeExportMixin:
    """For Wagtail's SpreadsheetExportMixin views: every exported text cell neutralised."""

    def preprocess_field_value(self, field, value, export_format):
        return neutralise(super().preprocess_field_value(field, value, export_format))

    def get_heading(self, queryset, field):
        return neutralise(super().get_heading(queryset, field))


class HiddenCells:
    """A sheet's hidden figures: each an empty grey cell whose reason shows when it is selected
    (Excel's and LibreOffice's input message, from a data validation that accepts anything).
    One validation per reason covers all its cells: a comment per cell, as before, cost
    openpyxl some 0.2 ms a cell to write, a third of a large province's export."""

    def __init__(self, notes: dict[str, str]):
        self.notes = notes  # mark ("<5", "*") -> why the cell is empty
        self.coordinates = {mark: [] for mark in notes}

    def flag(self, cell, mark: str) -> None:
        cell.value = None
        cell.fill = FLAG_FILL
        self.coordinates[mark].append(cell.coordinate)

    def add_to(self, sheet) -> None:
        for mark, coordinates in self.coordinates.items():
            if coordinates:
                sheet.add_data_validation(
                    DataValidation(
                        sqref=" ".join(coordinates),
                        showInputMessage=True,
                        promptTitle=mark,
                        prompt=f"{mark}: {self.notes[mark]}",
                    )
                )
