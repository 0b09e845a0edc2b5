"""Who could help with the canvas's needs that are not (fully) covered: for each, the
people and organisations suggested, in the partnership and in the directory, with the
reasons. Every view receives `uuid`, the partnership's."""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from consortia.canvas.selectors import COVERED, canvas_get, gap_analysis
from consortia.core.http import AuthenticatedHttpRequest
from consortia.partnerships.access import partnership_get_for_user

from .selectors import need_suggestions

VIEW = "matching.view_suggestions_in_partnership"
NEEDS_PER_PAGE = 5


@login_required
@require_safe
def needs_who_could_help(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    """A page of the needs not covered, each with its suggestions. The queries do not
    grow with people, offers, organisations or needs (a page holds NEEDS_PER_PAGE)."""
    partnership = partnership_get_for_user(request.user, uuid, perm=VIEW)
    canvas = canvas_get(partnership)
    gaps = [n for n in gap_analysis(partnership, canvas).needs if n.status != COVERED]
    page = Paginator(gaps, NEEDS_PER_PAGE).get_page(request.GET.get("page"))
    found = need_suggestions(partnership, [n.need for n in page], area=canvas.area)
    return render(
        request,
        "matching/needs.html",
        {
            "partnership": partnership,
            "area": canvas.area,
            "page": page,
            "rows": [(gap, found[gap.need.pk]) for gap in page],
            "nav": "partnerships",
        },
    )
