"""The activity pages of a partnership: its signals, and who works with whom."""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from consortia.core.http import AuthenticatedHttpRequest
from consortia.health.selectors import reported_network
from consortia.partnerships.access import partnership_get_for_user

from .selectors import behavioural_network, signal_rows, signals_read_to

NAV = {"nav": "partnerships"}


@login_required
@require_safe
def signals_page(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    context = {
        "partnership": partnership,
        "rows": signal_rows(partnership=partnership),
        "cursor": signals_read_to(partnership=partnership),
        **NAV,
    }
    return render(request, "activity/signals.html", context)


@login_required
@require_safe
def network_page(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    context = {
        "partnership": partnership,
        "reported": reported_network(partnership=partnership),
        "observed": behavioural_network(partnership=partnership),
        **NAV,
    }
    return render(request, "activity/network.html", context)
