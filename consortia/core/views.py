import logging

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and readiness for load balancers: 200 when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = {"status": "ok", "vendor": connection.vendor}
    except Exception as exc:  # any driver error means "not ready"
        logger.error("healthz database check failed", extra={"error": str(exc)})
        return JsonResponse({"status": "error", "checks": {"database": {"status": "error"}}}, status=503)
    return JsonResponse({"status": "ok", "checks": {"database": database}})
