import gc

from django.core.wsgi import get_wsgi_application

from config import use_default_settings

use_default_settings()

# A busy process refuses what it cannot start soon (503 + Retry-After): config/overload.py.
from config.overload import ShedWhenBusy  # noqa: E402 (after the settings are chosen)

application = ShedWhenBusy.from_environment(get_wsgi_application())

# Everything loaded so far (Django, Wagtail, the URL and template machinery) lives as long as
# the process: moved out of the collector's reach, a full collection no longer walks it. Full
# collections cost the largest coverage table 170 ms at p95 (bench/README.md).
gc.freeze()
