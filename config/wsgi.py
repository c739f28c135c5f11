import gc

from django.core.wsgi import get_wsgi_application

from config import use_default_settings

use_default_settings()

# After the settings are chosen (noqa: E402). In front: pages from the anonymous page cache,
# answered without Django and without a slot (cms/core/page_cache.py); then the guard that
# refuses (503 + Retry-After) what a busy process cannot start soon (config/overload.py).
from cms.core.page_cache import ServeCachedPages  # noqa: E402
from config.overload import ShedWhenBusy  # noqa: E402

application = ServeCachedPages(ShedWhenBusy.from_environment(get_wsgi_application()))

# Everything loaded so far (Django, Wagtail, the URL and template machinery) lives as long as
# the process: moved out of the collector's reach, a full collection no longer walks it. Full
# collections cost the largest coverage table 170 ms at p95 (bench/README.md).
gc.freeze()
