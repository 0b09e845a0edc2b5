"""The radar page (the level, the marks with their evidence, the survey's factors, the
outcomes, the remedies) and its one button: a remedy onto the next meeting's agenda.
Every view receives `uuid`, the partnership's."""

from uuid import UUID

import rules
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from consortia.core.http import AuthenticatedHttpRequest, action_attempt, problem
from consortia.core.page_cache import Page, page_cached, partnership_stamp
from consortia.partnerships.access import partnership_get_for_user

from . import services
from .selectors import next_meeting, radar_inputs, suggestions
from .warning import assess

CHANGE = "meetings.change_meeting"
SCHEDULE = "meetings.schedule_meeting_in_partnership"
NAV = {"nav": "partnerships"}


@login_required
@require_safe
def radar(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    """Cached whole per viewer under the partnership's event stamp (core/page_cache.py):
    the signals it reads change without an event when their background task runs, and
    show within the cache's minute."""
    return page_cached(request, lambda: partnership_stamp(uuid), lambda: _radar(request, uuid))


def _radar(request: AuthenticatedHttpRequest, uuid: UUID) -> Page:
    partnership = partnership_get_for_user(request.user, uuid)
    inputs = radar_inputs(partnership=partnership)
    report = assess(inputs)
    meeting = next_meeting(partnership=partnership) if report.raised else None
    can_add = meeting is not None and rules.has_perm(CHANGE, request.user, meeting)
    can_schedule = (
        bool(report.raised)
        and meeting is None
        and partnership.status != "closed"
        and rules.has_perm(SCHEDULE, request.user, partnership)
    )
    return (
        "radar/radar.html",
        {
            "partnership": partnership,
            "report": report,
            "outcomes": inputs.outcomes,
            "suggestions": suggestions(report, meeting),
            "meeting": meeting,
            "can_add": can_add and partnership.status != "closed",
            "can_schedule": can_schedule,
            **NAV,
        },
    )


@login_required
@require_POST
def remedy_add(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    """Who may change the next meeting adds to it; with no meeting ahead, those who
    may schedule one are told so (409, with the way to schedule it); anyone else: 404."""
    partnership = partnership_get_for_user(request.user, uuid)
    meeting = next_meeting(partnership=partnership)
    back = reverse("radar:radar", args=[partnership.uuid])
    if meeting is None:
        if not rules.has_perm(SCHEDULE, request.user, partnership):
            raise Http404("No such meeting.")
        if partnership.status == "closed":
            message = f"{partnership} has closed, so nobody can change its meetings' agendas."
            return problem(
                request, title="That could not be done", message=message, status=409, back_url=back
            )
        schedule = reverse("meetings:create", args=[partnership.uuid])
        return render(
            request,
            "radar/no_meeting.html",
            {"partnership": partnership, "schedule_url": schedule, "back_url": back},
            status=409,
        )
    if not rules.has_perm(CHANGE, request.user, meeting):
        raise Http404("No such meeting.")
    return action_attempt(
        request,
        services.remedy_add_to_agenda,
        success=f"The remedy is on the agenda of {meeting.title}.",
        next_url=back,
        actor=request.user,
        meeting=meeting,
        cause=request.POST.get("cause", ""),
        remedy=request.POST.get("remedy", ""),
    )
