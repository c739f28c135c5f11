"""Hidden figures in the exports' spreadsheets: each an empty grey cell whose reason shows when
it is selected (the input message of a data validation that accepts anything, which Excel and
LibreOffice show). One validation per reason covers all of a sheet's cells: a comment per cell
was written by openpyxl as a drawing shape apiece, the slowest part of a large export."""

from django.utils.translation import gettext as _
from openpyxl.styles import PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from .selectors import SUPPRESSED, WITHHELD

FLAG_FILL = PatternFill("solid", fgColor="DDDDDD")


class HiddenCells:
    """The hidden cells of one sheet, by mark: "<5" (a small count) and "*" (withheld beside
    one, for the reason given: each sheet's own relations)."""

    def __init__(self, *, withheld_because: str):
        self.reasons = {
            SUPPRESSED: _("Fewer than 5 people: not shown."),
            WITHHELD: withheld_because,
        }
        self.coordinates = {mark: [] for mark in self.reasons}

    def __contains__(self, value) -> bool:
        return isinstance(value, str) and value in self.reasons

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
                        prompt=self.reasons[mark],
                    )
                )
