"""The meetings pages: a partnership's meetings (upcoming and past), scheduling one
(prefilled from the agreement's rhythm or from a decided time poll), a meeting's page
(details in its time zone, agenda with the live items under the default ones,
attendance per person and per organisation, minutes, decisions, approvals), its .ics,
and the forms and buttons that change it. Every view receives `uuid`, the
partnership's, and finds the meeting within it (404 for missing and forbidden alike)."""

from datetime import timedelta
from typing import Any
from uuid import UUID

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from consortia.agreements.selectors import agreement_in_force
from consortia.canvas.selectors import outcome_list
from consortia.core.http import (
    AuthenticatedHttpRequest,
    action_attempt,
    form_attempt,
    partnership_form_page,
    problem,
)
from consortia.decisions.access import poll_get_for_user
from consortia.decisions.models import Poll
from consortia.groups.forms import person_label
from consortia.groups.models import WorkingGroup
from consortia.groups.selectors import group_list, partnership_people, partnership_people_users
from consortia.partnerships.access import partner_get_for_user, partnership_get_for_user
from consortia.partnerships.models import Partnership
from consortia.partnerships.rules import active_partners, partners_of_user, speaks_for

from . import services
from .access import agenda_item_get_for_user, meeting_get_for_user
from .forms import (
    AgendaItemForm,
    AttendanceForm,
    CorrectionForm,
    DecisionForm,
    MeetingActionForm,
    MeetingForm,
    MinutesForm,
    OpenForCorrectionsForm,
)
from .ics import meeting_calendar
from .models import Meeting
from .selectors import (
    ChosenTime,
    Suggestion,
    agenda,
    agenda_links,
    attendance_list,
    meeting_actions,
    meeting_invited_partners,
    meeting_list,
    poll_winning_time,
    previous_meeting,
    suggested_next,
)

SCHEDULE = "meetings.schedule_meeting_in_partnership"
CHANGE = "meetings.change_meeting"
ATTENDANCE = "meetings.record_attendance_at_meeting"
APOLOGIES = "meetings.send_apologies_to_meeting"
MINUTES = "meetings.write_minutes_of_meeting"
CORRECT = "meetings.correct_minutes_of_meeting"
APPROVE = "meetings.approve_minutes_for_partner"
NAV = {"nav": "partnerships"}


def meeting_url(meeting: Meeting, anchor: str = "") -> str:
    url = reverse("meetings:detail", args=[meeting.partnership.uuid, meeting.uuid])
    return f"{url}#{anchor}" if anchor else url


def _people(partnership: Partnership) -> list[tuple[Any, str]]:
    people = partnership_people(partnership)
    return [(u, person_label(u, people[u.pk].organisations)) for u in partnership_people_users(partnership)]


@login_required
@require_safe
def meeting_list_page(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    upcoming, past = meeting_list(request.user, partnership)
    return render(
        request,
        "meetings/list.html",
        {
            "partnership": partnership,
            "upcoming": upcoming,
            "past": past,
            "can_schedule": partnership.status != "closed"
            and rules.has_perm(SCHEDULE, request.user, partnership),
            **NAV,
        },
    )


def _poll_named(request: AuthenticatedHttpRequest, partnership: Partnership, value: str) -> Poll | None:
    """The partnership's poll with this uuid, or None (not a uuid, or not its poll)."""
    try:
        return poll_get_for_user(request.user, partnership, UUID(value))
    except (Http404, ValueError):
        return None


def _schedule_initial(
    request: AuthenticatedHttpRequest, partnership: Partnership, groups: list[WorkingGroup]
) -> tuple[dict[str, Any], Suggestion | None, Poll | None, ChosenTime | None]:
    """The form's first values: from a decided time poll (?poll=), else the rhythm."""
    initial: dict[str, Any] = {"working_group": request.GET.get("working_group", "")}
    group = next((g for g in groups if str(g.uuid) == initial["working_group"]), None)
    suggestion = suggested_next(partnership, group)
    # Whether minutes need each partner's approval is the partnership's habit: as last time.
    last = previous_meeting(partnership, group, timezone.now() + timedelta(days=3650))
    initial["needs_partner_approval"] = bool(last and last.needs_partner_approval)
    poll = _poll_named(request, partnership, request.GET.get("poll", ""))
    chosen = None
    if poll is not None:
        chosen = poll_winning_time(poll)
        initial["title"] = poll.title
    if chosen is not None and chosen.starts_at is not None:
        initial["starts_at"] = chosen.starts_at.strftime("%Y-%m-%dT%H:%M")
        initial["ends_at"] = chosen.ends_at.strftime("%Y-%m-%dT%H:%M") if chosen.ends_at else ""
    elif suggestion is not None:
        initial["starts_at"] = suggestion.starts_at.strftime("%Y-%m-%dT%H:%M")
        initial["ends_at"] = suggestion.ends_at.strftime("%Y-%m-%dT%H:%M")
    return initial, suggestion, poll, chosen


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=SCHEDULE)
    groups = group_list(partnership)
    initial, suggestion, poll, chosen = _schedule_initial(request, partnership, groups)
    form = MeetingForm(
        request.POST or None,
        groups=groups,
        partners=active_partners(partnership),
        people=_people(partnership),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        from_poll = _poll_named(request, partnership, request.POST.get("from_poll", ""))
        if request.POST.get("from_poll") and from_poll is None:
            form.add_error(None, "That poll is not one of this partnership's")
            return _schedule_page(request, partnership, form, suggestion, poll, chosen)
        meeting = form_attempt(
            form,
            services.meeting_schedule,
            actor=request.user,
            partnership=partnership,
            from_poll=from_poll,
            **form.service_kwargs(),
        )
        if meeting is not None:
            messages.success(request, "The meeting is scheduled.")
            return redirect(meeting_url(meeting))
    return _schedule_page(request, partnership, form, suggestion, poll, chosen)


def _schedule_page(
    request: AuthenticatedHttpRequest,
    partnership: Partnership,
    form: MeetingForm,
    suggestion: Suggestion | None,
    poll: Poll | None,
    chosen: ChosenTime | None,
) -> HttpResponse:
    return partnership_form_page(
        request,
        partnership,
        form,
        section="Meetings",
        title="Schedule a meeting",
        back_url=reverse("meetings:list", args=[partnership.uuid]),
        submit="Schedule the meeting",
        template="meetings/schedule_form.html",
        suggestion=suggestion,
        poll=poll,
        chosen=chosen,
    )


@login_required
@require_safe
def meeting_detail(request: AuthenticatedHttpRequest, uuid, meeting_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    meeting = meeting_get_for_user(request.user, partnership, meeting_uuid)
    return render(request, "meetings/detail.html", _detail_context(request, partnership, meeting))


def _detail_context(
    request: AuthenticatedHttpRequest, partnership: Partnership, meeting: Meeting
) -> dict[str, Any]:
    user = request.user
    items = agenda(meeting)
    people, organisations = attendance_list(meeting)
    can_write = rules.has_perm(MINUTES, user, meeting)
    invited = meeting_invited_partners(meeting)
    approvals = {a.partner_id: a for a in meeting.approvals.select_related("approved_by")}
    open_ = partnership.status != "closed" and not meeting.is_cancelled
    return {
        "partnership": partnership,
        "meeting": meeting,
        "items": items,
        "links": agenda_links(meeting, items),
        "people": people,
        "organisations": organisations,
        "decisions": list(meeting.decisions.select_related("poll")),
        "actions": meeting_actions(meeting),
        "corrections": list(meeting.corrections.select_related("author")) if can_write else [],
        "approval_lines": [(p, approvals.get(p.pk)) for p in invited]
        if meeting.needs_partner_approval
        else [],
        "may_approve_for": [
            p
            for p in partners_of_user(user, partnership)
            if p in invited and p.pk not in approvals and speaks_for(user, p)
        ]
        if meeting.needs_partner_approval and meeting.minutes_published
        else [],
        "can_change": open_ and rules.has_perm(CHANGE, user, meeting),
        "can_record": open_
        and services.attendance_open(meeting)
        and rules.has_perm(ATTENDANCE, user, meeting),
        # members record lessons from the meeting and mark them reviewed (learning/rules.py)
        "can_review_lessons": open_
        and rules.has_perm("learning.record_lesson_in_partnership", user, partnership),
        "can_apologise": open_ and not meeting.is_past and rules.has_perm(APOLOGIES, user, meeting),
        "can_write": open_ and can_write and not meeting.minutes_published,
        "can_correct": open_ and meeting.corrections_open and rules.has_perm(CORRECT, user, meeting),
        "open_form": OpenForCorrectionsForm(),
        **NAV,
    }


@login_required
@require_safe
def meeting_ics(request: AuthenticatedHttpRequest, uuid, meeting_uuid) -> HttpResponse:
    """The meeting as an iCalendar file (METHOD:PUBLISH), after the access check."""
    partnership = partnership_get_for_user(request.user, uuid)
    meeting = meeting_get_for_user(request.user, partnership, meeting_uuid)
    response = HttpResponse(
        meeting_calendar(meeting, method="PUBLISH"), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="meeting.ics"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: AuthenticatedHttpRequest, uuid, meeting_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    meeting = meeting_get_for_user(request.user, partnership, meeting_uuid, perm=CHANGE)
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(meeting.time_zone)
    initial = {
        "title": meeting.title,
        "starts_at": meeting.starts_at.astimezone(zone).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": meeting.ends_at.astimezone(zone).strftime("%Y-%m-%dT%H:%M"),
        "time_zone": meeting.time_zone,
        "place": meeting.place,
        "video_url": meeting.video_url,
        "invited_partners": [str(p.uuid) for p in meeting_invited_partners(meeting)],
        "chair": str(meeting.chair.uuid) if meeting.chair else "",
        "note_taker": str(meeting.note_taker.uuid) if meeting.note_taker else "",
        "needs_partner_approval": meeting.needs_partner_approval,
        "send_invitations": True,
    }
    form = MeetingForm(
        request.POST or None,
        partners=active_partners(partnership),
        people=_people(partnership),
        editing=True,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        done = form_attempt(
            form, services.meeting_change, actor=request.user, meeting=meeting, **form.service_kwargs()
        )
        if done is not None:
            messages.success(request, "The meeting is updated.")
            return redirect(meeting_url(meeting))
    return partnership_form_page(
        request,
        partnership,
        form,
        section="Meetings",
        subject_label="Meeting",
        title="Change the meeting",
        subject=meeting.title,
        back_url=meeting_url(meeting),
        submit="Save the changes",
    )


@login_required
@require_POST
def meeting_cancel(request: AuthenticatedHttpRequest, uuid, meeting_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    meeting = meeting_get_for_user(request.user, partnership, meeting_uuid, perm=CHANGE)
    tell = request.POST.get("send_invitations") == "on"
    return action_attempt(
        request,
        services.meeting_cancel,
        success="The meeting is cancelled." + (" Those invited are told by email." if tell else ""),
        next_url=meeting_url(meeting),
        actor=request.user,
        meeting=meeting,
        send_invitations=tell,
    )


# --- agenda --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def agenda_add(request: AuthenticatedHttpRequest, uuid, meeting_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    meeting = meeting_get_for_user(request.user, partnership, meeting_uuid, perm=CHANGE)
    form = AgendaItemForm(request.POST or None, people=_people(partnership))
    if request.method == "POST" and form.is_valid():
        item = form_attempt(
            form, services.agenda_item_add, actor=request.user, meeting=meeting, **form.service_kwargs()
        )
        if item is not None:
            messages.success(request, "The item is on the agenda.")
            return redirect(meeting_url(meeting, "agenda"))
    return partnership_form_page(
        request,
        partnership,
        form,
        section="Meetings",
        subject_label="Meeting",
        title="Add an agenda item",
        subject=meeting.title,
        back_url=meeting_url(meeting, "agenda"),
        submit="Add the item",
    )


@login_required
@require_http_methods(["GET", "POST"])
def agenda_edit(request: AuthenticatedHttpRequest, uuid, meeting_uuid, item_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    meeting = meeting_get_for_user(request.user, partnership, meeting_uuid, perm=CHANGE)
    item = agenda_item_get_for_user(meeting, item_uuid)
    initial = {
        "title": item.title,
        "owner": str(item.owner.uuid) if item.owner else "",
        "duration_minutes": item.duration_minutes,
        "notes": item.notes,
        "not_reached": item.not_reached,
    }
    form = AgendaItemForm(request.POST or None, people=_people(partnership), editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = form_attempt(
            form, services.agenda_item_change, actor=request.user, item=item, **form.service_kwargs()
        )
        if done is not None:
            messages.success(request, "The item is updated.")
            return redirect(meeting_url(meeting, "agenda"))
    return partnership_form_page(
        request,
        partnership,
        form,
        section="Meetings",
        subject_label="Meeting",
        title="Change an agenda item",
        subject=meeting.title,
        back_url=meeting_url(meeting, "agenda"),
        submit="Save the item",
    )


@login_required
@require_POST
def agenda_move(request: AuthenticatedHttpRequest, uuid, meeting_uuid, item_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    meeting = meeting_get_for_user(request.user, partnership, meeting_uuid, perm=CHANGE)
    item = agenda_item_get_for_user(meeting, item_uuid)
    direction = request.POST.get("direction")
    if direction not in {"up", "down"}:
        return problem(
            request,
            title="That could not be done",
            message="Choose up or down.",
            back_url=meeting_url(meeting),
        )
    return action_attempt(
        request,
        services.agenda_item_move,
        success="The agenda is reordered.",
        next_url=meeting_url(meeting, "agenda"),
        actor=request.user,
        item=item,
        up=direction == "up",
    )


@login_required
@require_POST
def agenda_remove(request: AuthenticatedHttpRequest, uuid, meeting_uuid, item_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    meeting = meeting_get_for_user(request.user, partnership, meeting_uuid, perm=CHANGE)
    item = agenda_item_get_for_user(meeting, item_uuid)
    return action_attempt(
        request,
        services.agenda_item_remove,
        success="The item is off the agenda.",
        next_url=meeting_url(meeting, "agenda"),
        actor=request.user,
        item=item,
    )


# --- attendance ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request: AuthenticatedHttpRequest, uuid, meeting_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    meeting = meeting_get_for_user(request.user, partnership, meeting_uuid, perm=ATTENDANCE)
    people, _ = attendance_list(meeting)
    rows = [(p.user, person_label(p.user, p.organisations), p.status) for p in people]
    form = AttendanceForm(request.POST or None, people=rows)
    if request.method == "POST" and form.is_valid():
        done = form_attempt(
            form, services.attendance_record, actor=request.user, meeting=meeting, statuses=form.statuses()
        )
        if done is not None:
            messages.success(request, "Attendance is recorded." if done else "Nothing changed.")
            return redirect(meeting_url(meeting, "attendance"))
    return partnership_form_page(
        request,
        partnership,
        form,
        section="Meetings",
        subject_label="Meeting",
        title="Record attendance",
        subject=meeting.title,
        back_url=meeting_url(meeting, "attendance"),
        submit="Save attendance",
    )


@login_required
@require_POST
def apologies(request: AuthenticatedHttpRequest, uuid, meeting_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    meeting = meeting_get_for_user(request.user, partnership, meeting_uuid, perm=APOLOGIES)
    return action_attempt(
        request,
        services.apologies_send,
        success="Your apologies are sent.",
        next_url=meeting_url(meeting),
        actor=request.user,
        meeting=meeting,
    )


# --- minutes -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def minutes_edit(request: AuthenticatedHttpRequest, uuid, meeting_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    meeting = meeting_get_for_user(request.user, partnership, meeting_uuid, perm=MINUTES)
    form = MinutesForm(request.POST or None, initial={"minutes": meeting.minutes})
    if request.method == "POST" and form.is_valid():
        done = form_attempt(
            form, services.minutes_save, actor=request.user, meeting=meeting, **form.cleaned_data
        )
        if done is not None:
            messages.success(request, "The minutes are saved.")
            return redirect(meeting_url(meeting, "minutes"))
    corrections = list(meeting.corrections.select_related("author"))
    return partnership_form_page(
        request,
        partnership,
        form,
        section="Meetings",
        subject_label="Meeting",
        title="Minutes",
        subject=meeting.title,
        back_url=meeting_url(meeting, "minutes"),
        submit="Save the minutes",
        template="meetings/minutes_form.html",
        corrections=corrections,
    )


@login_required
@require_POST
def minutes_open(request: AuthenticatedHttpRequest, uuid, meeting_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    meeting = meeting_get_for_user(request.user, partnership, meeting_uuid, perm=MINUTES)
    form = OpenForCorrectionsForm(request.POST)
    if not form.is_valid():
        message = str(next(iter(form.errors.values()))[0])
        return problem(
            request, title="That could not be done", message=message, back_url=meeting_url(meeting)
        )
    return action_attempt(
        request,
        services.minutes_open,
        success="The minutes are open for corrections.",
        next_url=meeting_url(meeting, "minutes"),
        actor=request.user,
        meeting=meeting,
        days=form.cleaned_data["days"],
    )


@login_required
@require_http_methods(["GET", "POST"])
def correction(request: AuthenticatedHttpRequest, uuid, meeting_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    meeting = meeting_get_for_user(request.user, partnership, meeting_uuid, perm=CORRECT)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = form_attempt(
            form, services.correction_suggest, actor=request.user, meeting=meeting, **form.cleaned_data
        )
        if done is not None:
            messages.success(request, "Your correction is sent to the note-taker.")
            return redirect(meeting_url(meeting, "minutes"))
    return partnership_form_page(
        request,
        partnership,
        form,
        section="Meetings",
        subject_label="Meeting",
        title="Suggest a correction",
        subject=meeting.title,
        back_url=meeting_url(meeting, "minutes"),
        submit="Send the correction",
    )


@login_required
@require_POST
def minutes_publish(request: AuthenticatedHttpRequest, uuid, meeting_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    meeting = meeting_get_for_user(request.user, partnership, meeting_uuid, perm=MINUTES)
    return action_attempt(
        request,
        services.minutes_publish,
        success="The minutes are published.",
        next_url=meeting_url(meeting, "minutes"),
        actor=request.user,
        meeting=meeting,
    )


@login_required
@require_POST
def minutes_approve(request: AuthenticatedHttpRequest, uuid, meeting_uuid, partner_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    meeting = meeting_get_for_user(request.user, partnership, meeting_uuid)
    partner = partner_get_for_user(request.user, partnership, partner_uuid, perm=APPROVE)
    return action_attempt(
        request,
        services.minutes_approve,
        success=f"You approved the minutes for {partner.organisation}.",
        next_url=meeting_url(meeting, "approvals"),
        actor=request.user,
        meeting=meeting,
        partner=partner,
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_add(request: AuthenticatedHttpRequest, uuid, meeting_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    meeting = meeting_get_for_user(request.user, partnership, meeting_uuid, perm=MINUTES)
    form = DecisionForm(request.POST or None, polls=list(partnership.polls.order_by("-created_at")[:100]))
    if request.method == "POST" and form.is_valid():
        done = form_attempt(
            form, services.decision_add, actor=request.user, meeting=meeting, **form.service_kwargs()
        )
        if done is not None:
            messages.success(request, "The decision is recorded in the minutes.")
            return redirect(meeting_url(meeting, "decisions"))
    return partnership_form_page(
        request,
        partnership,
        form,
        section="Meetings",
        subject_label="Meeting",
        title="Record a decision",
        subject=meeting.title,
        back_url=meeting_url(meeting, "decisions"),
        submit="Record the decision",
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_add(request: AuthenticatedHttpRequest, uuid, meeting_uuid) -> HttpResponse:
    """An action agreed at the meeting: actions' form, plus the agenda item it came from."""
    partnership = partnership_get_for_user(request.user, uuid)
    meeting = meeting_get_for_user(request.user, partnership, meeting_uuid, perm=MINUTES)
    version = agreement_in_force(partnership)
    form = MeetingActionForm(
        request.POST or None,
        people=partnership_people_users(partnership),
        partners=sorted(active_partners(partnership), key=lambda p: p.organisation.name),
        outcomes=outcome_list(partnership),
        objectives=list(version.objectives.all()) if version else [],
        items=agenda(meeting),
        initial={"working_group": str(meeting.working_group.uuid) if meeting.working_group else ""},
        groups=group_list(partnership),
    )
    if request.method == "POST" and form.is_valid():
        done = form_attempt(
            form, services.meeting_action_add, actor=request.user, meeting=meeting, **form.service_kwargs()
        )
        if done is not None:
            messages.success(request, "The action is added to the minutes.")
            return redirect(meeting_url(meeting, "actions"))
    return partnership_form_page(
        request,
        partnership,
        form,
        section="Meetings",
        subject_label="Meeting",
        title="Add an action from the meeting",
        subject=meeting.title,
        back_url=meeting_url(meeting, "actions"),
        submit="Add the action",
    )
