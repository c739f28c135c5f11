"""Reading the exports' spreadsheets as their reader would (opened with openpyxl)."""


def hidden_reason(cell) -> str | None:
    """What a spreadsheet program shows when this cell is selected: the input message of the
    data validation that covers it (how the exports flag a hidden figure), or None."""
    for validation in cell.parent.data_validations.dataValidation:
        if validation.showInputMessage and cell.coordinate in validation.sqref:
            return validation.prompt
    return None
