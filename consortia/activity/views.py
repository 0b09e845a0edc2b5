"""The activity pages of a partnership: its signals, and who works with whom."""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_safe

from consortia.core.http import AuthenticatedHttpRequest
from consortia.core.page_cache import Page, page_cached, partnership_stamp
from consortia.health.selectors import reported_network
from consortia.partnerships.access import partnership_get_for_user

from .selectors import behavioural_network, signal_rows, signals_read_to

NAV = {"nav": "partnerships"}

# Both pages are cached whole per viewer under the partnership's event stamp
# (core/page_cache.py): the signals change without an event when their background task
# runs, and show within the cache's minute.


@login_required
@require_safe
def signals_page(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    return page_cached(request, lambda: partnership_stamp(uuid), lambda: _signals(request, uuid))


def _signals(request: AuthenticatedHttpRequest, uuid: UUID) -> Page:
    partnership = partnership_get_for_user(request.user, uuid)
    context = {
        "partnership": partnership,
        "rows": signal_rows(partnership=partnership),
        "cursor": signals_read_to(partnership=partnership),
        **NAV,
    }
    return "activity/signals.html", context


@login_required
@require_safe
def network_page(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    return page_cached(request, lambda: partnership_stamp(uuid), lambda: _network(request, uuid))


def _network(request: AuthenticatedHttpRequest, uuid: UUID) -> Page:
    partnership = partnership_get_for_user(request.user, uuid)
    context = {
        "partnership": partnership,
        "reported": reported_network(partnership=partnership),
        "observed": behavioural_network(partnership=partnership),
        **NAV,
    }
    return "activity/network.html", context
