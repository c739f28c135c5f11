from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import selectors


@never_cache
@require_GET
def healthz(request):
    """For load balancers and operators. 503 when the database is unusable (nothing works);
    200 "degraded" when only the cache, the broker or the worker is down (no heartbeat for three
    minutes): learners are still served (rate limits per process, coverage announcements left
    to the nightly reconciliation)."""
    checks = {
        "database": selectors.database_state(),
        "cache": selectors.cache_state(),
        "broker": selectors.broker_state(),
        "worker": selectors.worker_state(),
    }
    if not checks["database"].ok:
        status, code = "unavailable", 503
    elif all(state.ok for state in checks.values()):
        status, code = "ok", 200
    else:
        status, code = "degraded", 200
    body = {
        "status": status,
        "checks": {name: {"ok": s.ok, "detail": s.detail} for name, s in checks.items()},
    }
    return JsonResponse(body, status=code)
