"""Vietnamese is the default language: every catalogue must be complete, and the compiled
.mo that Django reads must say what the .po says."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
VI_CATALOGUES = sorted(
    path
    for pattern in ("locale/vi/LC_MESSAGES/django.po", "*/*/locale/vi/LC_MESSAGES/django.po")
    for path in ROOT.glob(pattern)
    if ".venv" not in path.parts and "node_modules" not in path.parts
)


def test_there_are_catalogues():
    assert len(VI_CATALOGUES) >= 3


@pytest.mark.parametrize("po_path", VI_CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_vietnamese_catalogue_is_complete(po_path):
    catalogue = polib.pofile(str(po_path))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not untranslated, f"untranslated in {po_path}: {untranslated}"
    assert not fuzzy, f"fuzzy in {po_path}: {fuzzy}"


@pytest.mark.parametrize("po_path", VI_CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_compiled_catalogue_matches_its_source(po_path):
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run `make messages`"

    def key(entry):
        return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")

    def value(entry):
        return entry.msgstr or tuple(sorted(entry.msgstr_plural.items()))

    source = {key(e): value(e) for e in polib.pofile(str(po_path)).translated_entries()}
    compiled = {key(e): value(e) for e in polib.mofile(str(mo_path)) if e.msgid}
    assert compiled == source, f"{mo_path} is stale: run `make messages`"
