from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import selectors


@never_cache
@require_GET
def healthz(request):
    """For load balancers: 200 when the database and the broker are usable, 503 otherwise,
    with what is wrong in the body."""
    checks = {"database": selectors.database_state(), "broker": selectors.broker_state()}
    healthy = all(state.ok for state in checks.values())
    body = {
        "status": "ok" if healthy else "unavailable",
        "checks": {name: {"ok": s.ok, "detail": s.detail} for name, s in checks.items()},
    }
    return JsonResponse(body, status=200 if healthy else 503)
