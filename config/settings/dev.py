"""`make run` on a laptop: debug on, SQLite and in-process tasks unless the environment says."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-not-secret-chung-tay")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# The synthetic data generator for the benchmarks (bench/synthetic): development only.
INSTALLED_APPS = [*INSTALLED_APPS, "bench.synthetic"]  # noqa: F405
