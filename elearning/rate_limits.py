"""Per-client rate limits for endpoints anyone can call without signing in (commune search,
H5P results and saved state), on allauth's rate limiter: the same cache keys, the same client
IP rules (ALLAUTH_TRUSTED_PROXY_COUNT behind a proxy) and, while Redis is down, the same
fallback to a count kept in the process (elearning/resilient_cache.py).

Rates are in settings.CLIENT_RATE_LIMITS, in allauth's notation ("120/m/ip")."""

from allauth.core.internal import ratelimit
from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _

APP = "chung_tay"
RETRY_AFTER = 60  # seconds


def allowed(request, *, action: str, key: str | None = None, dry_run: bool = False) -> bool:
    """Whether the client is under the action's limits; counts this request unless `dry_run`
    (to refuse a client already over them without counting what is not held against it)."""
    usage = ratelimit.consume(
        request,
        app=APP,
        action=action,
        config=settings.CLIENT_RATE_LIMITS,
        key=key,
        limit_get=True,
        dry_run=dry_run,
    )
    return usage is not None


def too_many(*, json: bool = False) -> HttpResponse:
    message = _("Too many requests. Please wait a moment and try again.")
    if json:
        response = JsonResponse({"error": "rate_limited", "message": message}, status=429)
    else:
        response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER)
    return response
