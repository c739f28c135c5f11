"""Refresh and compile the gettext catalogues.

Each app with a `locale/` folder owns its own catalogue (its Python code and its templates);
the project's `locale/` holds the strings of `templates/`, `static/` and the settings. Needs
GNU gettext (Debian: gettext). Run with: make messages"""

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


def run(args, cwd):
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], cwd=cwd, check=True)


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    lang_args = [arg for code in LANGUAGES for arg in ("-l", code)]
    for app_dir in APP_DIRS:
        run(["makemessages", *lang_args, "--no-obsolete", "--add-location=file"], cwd=app_dir)
    project_ignore = [*IGNORE, "elearning/*", "cms/*"]
    run(
        ["makemessages", *lang_args, "--no-obsolete", "--add-location=file"]
        + [arg for pattern in project_ignore for arg in ("-i", pattern)],
        cwd=ROOT,
    )
    for app_dir in [*APP_DIRS, ROOT]:
        run(["compilemessages", "--ignore=.venv", "--ignore=node_modules"], cwd=app_dir)


if __name__ == "__main__":
    main()
