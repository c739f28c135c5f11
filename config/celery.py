"""The Celery app. Without CELERY_BROKER_URL tasks run eagerly in-process (see settings)."""

import os

from celery import Celery, signals

from . import use_default_settings

use_default_settings()

app = Celery("chung_tay")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

TRUE = {"1", "true", "yes", "on"}


@signals.celeryd_init.connect
def refuse_development_settings(**kwargs):
    """`celery worker` with the development settings would run with DEBUG on and the known
    development key while the web processes (production settings) do not: refuse, unless
    DEBUG=true says a development worker is meant."""
    from django.conf import settings

    if settings.DEBUG and os.environ.get("DEBUG", "").strip().lower() not in TRUE:
        raise SystemExit(
            f"The worker would run with DEBUG on ({os.environ['DJANGO_SETTINGS_MODULE']}), "
            "which the web processes do not. Start it with the web processes' settings, e.g. "
            "DJANGO_SETTINGS_MODULE=config.settings.production, or set DEBUG=true for a "
            "development worker."
        )
