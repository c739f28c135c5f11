"""What every coverage export shares: cells that cannot be formulas.

A spreadsheet program runs a cell that starts with "=", "+", "-" or "@" (and some tab/CR forms)
as a formula: a unit name or plan title written that way by an editor would run in the
reader's Excel (=HYPERLINK(…) leaking data, DDE commands). Such text gets a leading apostrophe,
as OWASP recommends; numbers stay numbers."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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
