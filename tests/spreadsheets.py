"""Reading the exports' spreadsheets as their reader would (opened with openpyxl)."""


def hidden_reason(cell) -> str | None:
    """What a spreadsheet program shows when this cell is selected: the input message of the
    data validation that covers it (how the exports flag a hidden figure), or None. A cell
    under two validations, or a message over Excel's limits, fails."""
    covering = [
        validation
        for validation in cell.parent.data_validations.dataValidation
        if validation.showInputMessage and cell.coordinate in validation.sqref
    ]
    assert len(covering) <= 1, f"{cell.coordinate} is under {len(covering)} validations"
    if not covering:
        return None
    validation = covering[0]
    assert len(validation.promptTitle or "") <= 32 and len(validation.prompt or "") <= 255
    return f"{validation.promptTitle}: {validation.prompt}"
