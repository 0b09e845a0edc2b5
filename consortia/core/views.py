import logging

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from consortia.core.page_cache import Page, dashboard_stamp, page_cached
from consortia.organisations.selectors import (
    member_invitation_list_for_user,
    organisation_list_for_user,
)
from consortia.partnerships.selectors import invitation_list_for_user, partnership_list_for_user

logger = logging.getLogger(__name__)


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """Anonymous visitors get the introduction; signed-in users their dashboard."""
    user = request.user
    if not user.is_authenticated:
        return render(request, "core/landing.html")
    return page_cached(request, lambda: dashboard_stamp(user), lambda: _dashboard(request))


def _dashboard(request: HttpRequest) -> Page:
    return (
        "core/dashboard.html",
        {
            "organisations": organisation_list_for_user(request.user),
            "partnerships": partnership_list_for_user(request.user),
            "invitations": invitation_list_for_user(request.user),
            "member_invitations": member_invitation_list_for_user(request.user),
        },
    )


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
