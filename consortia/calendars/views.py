"""The calendar feed (public: its token is the authority) and the signed-in person's
page to make, see and stop their feed link."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from consortia.core.http import AuthenticatedHttpRequest, problem

from . import services
from .ics import feed_calendar
from .selectors import feed_entries, feed_live, feed_owner

# The new link, kept in the session from the POST that made it to the one page that
# shows it (which takes it out): the database holds only its hash.
NEW_URL = "calendars.new_feed_url"


# No sign-in and no CSRF token: calendar clients fetch with neither, and the view
# changes nothing. A forged, revoked or malformed token and a deactivated owner all get
# the same 404, so the answer tells nothing about which. The token never reaches the
# logs (settings.LOG_SECRET_PATTERNS, core/logging.py).
@csrf_exempt
def feed(request: HttpRequest, token: str) -> HttpResponse:
    owner = feed_owner(token)
    if owner is None:
        response = problem(
            request,
            title="This calendar feed does not work",
            message=(
                "The link is not one Consortia made, or its owner has made a new one or stopped it. "
                "Sign in to make a new link on your calendar feed page."
            ),
            status=404,
        )
    elif request.method not in ("GET", "HEAD"):
        response = HttpResponseNotAllowed(["GET", "HEAD"])
    else:
        body = feed_calendar(
            feed_entries(owner),
            name=f"Consortia: {owner.display_name}",
            site_url=settings.SITE_URL,
            now=timezone.now(),
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="consortia.ics"'
    # The feed is one person's, whoever fetches it: no cache may keep it.
    patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
@require_safe
def feed_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "calendars/settings.html",
        {"feed": feed_live(request.user), "new_url": request.session.pop(NEW_URL, "")},
    )


@login_required
@require_POST
def feed_make(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Make a new link (stopping the old one) and show it, once, on the settings page."""
    token = services.feed_make(actor=request.user)
    request.session[NEW_URL] = settings.SITE_URL.rstrip("/") + reverse("calendars:feed", args=[token])
    messages.success(request, "Your new calendar feed link is ready. Any older link has stopped working.")
    return redirect("calendars:settings")


@login_required
@require_POST
def feed_revoke(request: AuthenticatedHttpRequest) -> HttpResponse:
    if services.feed_revoke(actor=request.user):
        messages.success(
            request, "Your calendar feed link has stopped working. Calendars that use it will stop updating."
        )
    else:
        messages.info(request, "You have no calendar feed link to stop.")
    return redirect("calendars:settings")
