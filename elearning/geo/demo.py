"""Administrative units for the demo: every other demo loader needs communes."""

from .importer import import_admin_units, is_loaded


def load(*, out):
    if is_loaded():
        out("Administrative units already loaded.")
        return
    for line in import_admin_units().lines():
        out(line)
