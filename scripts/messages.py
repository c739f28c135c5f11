"""Refresh and compile the gettext catalogues.

Each app with a `locale/` folder owns its own catalogue (its Python code and its templates);
the project's `locale/` holds the strings of `templates/`, `static/` and the settings. Needs
GNU gettext (Debian: gettext). Run with: make messages

The project's `locale/` also supplies what Wagtail's, allauth's and Django's own catalogues
lack or get wrong for the admin's Vietnamese (entries whose translator comment starts with
"upstream:"); Django reads LOCALE_PATHS before every app, so these win. makemessages would drop
them as obsolete, so they are kept aside and put back."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["vi", "en"]
APP_DIRS = sorted(
    p.parent for p in ROOT.glob("*/*/locale") if p.parent.parent.name in {"elearning", "cms"}
)
IGNORE = ["node_modules/*", ".venv/*", "static_root/*", "media/*", "tests/*", "bench/*"]


UPSTREAM_MARK = "upstream:"


def upstream_entries(po_path: Path) -> list:
    import polib

    if not po_path.exists():
        return []
    return [e for e in polib.pofile(str(po_path)) if e.comment.startswith(UPSTREAM_MARK)]


def restore_upstream_entries(po_path: Path, entries: list) -> None:
    """Put back the upstream entries makemessages dropped; a msgid the project's own code now
    uses keeps the project's entry."""
    import polib

    if not entries:
        return
    catalogue = polib.pofile(str(po_path), wrapwidth=79)
    present = {(e.msgctxt, e.msgid) for e in catalogue}
    for entry in entries:
        if (entry.msgctxt, entry.msgid) not in present:
            catalogue.append(entry)
    catalogue.save(str(po_path))


def run(args, cwd):
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], cwd=cwd, check=True)


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    lang_args = [arg for code in LANGUAGES for arg in ("-l", code)]
    for app_dir in APP_DIRS:
        run(["makemessages", *lang_args, "--no-obsolete", "--add-location=file"], cwd=app_dir)
    project_ignore = [*IGNORE, "elearning/*", "cms/*"]
    project_catalogues = [
        ROOT / "locale" / code / "LC_MESSAGES" / "django.po" for code in LANGUAGES
    ]
    kept = {path: upstream_entries(path) for path in project_catalogues}
    run(
        ["makemessages", *lang_args, "--no-obsolete", "--add-location=file"]
        + [arg for pattern in project_ignore for arg in ("-i", pattern)],
        cwd=ROOT,
    )
    for path, entries in kept.items():
        restore_upstream_entries(path, entries)
    for app_dir in [*APP_DIRS, ROOT]:
        run(["compilemessages", "--ignore=.venv", "--ignore=node_modules"], cwd=app_dir)


if __name__ == "__main__":
    main()
