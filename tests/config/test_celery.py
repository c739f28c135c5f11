"""`celery worker` refuses the development settings (DEBUG on, a known key) unless DEBUG=true
says a development worker is meant; the project's entry points share one default."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

import config
from config.celery import refuse_development_settings

ROOT = Path(__file__).resolve().parents[2]


def run(command, **env):
    """The command in a fresh process, without the settings of this one."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "DJANGO_SETTINGS_MODULE", "SECRET_KEY", "CELERY_BROKER_URL"}
    }
    return subprocess.run(
        command, cwd=ROOT, env={**environment, **env}, capture_output=True, text=True, timeout=120
    )


def test_a_worker_started_with_the_development_settings_refuses_to_start():
    result = run(
        [str(Path(sys.executable).with_name("celery")), "-A", "config", "worker", "-P", "solo"],
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        CELERY_BROKER_URL="redis://127.0.0.1:1/0",  # never reached: it stops before
    )
    assert result.returncode != 0
    assert "The worker would run with DEBUG on" in result.stderr + result.stdout


def test_debug_true_says_a_development_worker_is_meant(settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setenv("DEBUG", "true")
    refuse_development_settings()  # no refusal
    monkeypatch.delenv("DEBUG")
    with pytest.raises(SystemExit):
        refuse_development_settings()


@pytest.mark.parametrize(
    "command",
    [
        ["manage.py", "check"],
        ["-c", "import config.wsgi"],
        ["-c", "import config.asgi"],
        ["-c", "from config.celery import app; app.loader.import_default_modules()"],
    ],
)
def test_every_entry_point_starts_from_the_production_settings(command):
    """Without DJANGO_SETTINGS_MODULE each stops at production's first demand (a SECRET_KEY)."""
    result = run([sys.executable, *command])
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert config.DEFAULT_SETTINGS == "config.settings.production"
