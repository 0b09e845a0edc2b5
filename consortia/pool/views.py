"""The fair-shares page of a partnership's resource pool."""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from consortia.core.http import AuthenticatedHttpRequest
from consortia.partnerships.access import partnership_get_for_user

from .selectors import fair_shares

NAV = {"nav": "partnerships"}


@login_required
@require_safe
def fair_shares_page(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    return render(
        request, "pool/shares.html", {"partnership": partnership, "shares": fair_shares(partnership), **NAV}
    )
