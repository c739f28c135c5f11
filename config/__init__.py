"""The Django project: settings, URLs, the WSGI and ASGI entry points and the Celery app. The
engine's apps live in `elearning`, the editors' in `cms`, helpers both use in `common`."""

import os

# One default for manage.py, wsgi.py, asgi.py and celery.py: production, so that a process
# started without DJANGO_SETTINGS_MODULE stops with a clear message (no SECRET_KEY) rather
# than serving with DEBUG on and a known key. Development says so (`make run` does).
DEFAULT_SETTINGS = "config.settings.production"


def use_default_settings() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)


# The Celery app is loaded with Django so that @shared_task uses it.
from .celery import app as celery_app  # noqa: E402

__all__ = ("DEFAULT_SETTINGS", "celery_app", "use_default_settings")
