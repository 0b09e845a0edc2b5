from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from consortia.accounts.models import User
from consortia.core.page_cache import Page, dashboard_stamp, page_cached
from consortia.organisations.selectors import (
    member_invitation_list_for_user,
    organisation_list_for_user,
)
from consortia.partnerships.selectors import invitation_list_for_user, partnership_list_for_user


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """Anonymous visitors get the introduction; signed-in users their dashboard."""
    user = request.user
    if not user.is_authenticated:
        return render(request, "home/landing.html")
    return page_cached(request, lambda: dashboard_stamp(user), lambda: _dashboard(user))


def _dashboard(user: User) -> Page:
    return (
        "home/dashboard.html",
        {
            "organisations": organisation_list_for_user(user),
            "partnerships": partnership_list_for_user(user),
            "invitations": invitation_list_for_user(user),
            "member_invitations": member_invitation_list_for_user(user),
        },
    )
