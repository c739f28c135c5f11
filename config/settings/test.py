"""The test suite: the same engines as the environment (PostgreSQL and Redis in CI), fast
password hashing, and in-memory media so tests leave nothing behind."""

import os

from .base import *  # noqa: F403
from .base import CELERY_BROKER_URL, STORAGES, env

SECRET_KEY = "test-only-not-secret"
# The synthetic data generator for the benchmarks (bench/synthetic) is tested too.
INSTALLED_APPS = [*INSTALLED_APPS, "bench.synthetic"]  # noqa: F405
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests that need a real worker start one on the real broker; the rest run tasks in-process.
CELERY_TEST_BROKER_URL = CELERY_BROKER_URL
CELERY_TASK_ALWAYS_EAGER = True
COALESCED_TASK_DELAY = 0
CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = None
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"level": env("LOG_LEVEL", default="WARNING")},
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A test database in a file rather than in memory: the browser tests' live server then
    # gives each request thread its own connection (in memory they all share one, and two
    # requests at once, as an H5P page makes, break each other's transactions).
    import tempfile
    from pathlib import Path

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"chung-tay-test-{os.getpid()}.sqlite3")
    }
