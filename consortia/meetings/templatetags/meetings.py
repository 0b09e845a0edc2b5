"""Meetings shown on the pages of apps below this one, which never import it: their
templates load these tags (`{% load meetings %}`). A working group's meetings cost
one query; the link to schedule from a time poll none."""

from typing import Any

import rules
from django import template

from consortia.decisions.models import Kind, Poll
from consortia.groups.models import WorkingGroup

from ..selectors import group_meetings

register = template.Library()


@register.inclusion_tag("meetings/partials/group_meetings.html", takes_context=True)
def working_group_meetings(context: template.Context, group: WorkingGroup) -> dict[str, Any]:
    """The group's meetings, latest first, with a link to schedule one for its lead
    and the convener's admins."""
    user = context["request"].user
    return {
        "group": group,
        "partnership": group.partnership,
        "meetings": group_meetings(user, group),
        "can_schedule": not group.is_archived and rules.has_perm("groups.manage_workinggroup", user, group),
    }


@register.inclusion_tag("meetings/partials/schedule_from_poll.html", takes_context=True)
def schedule_from_poll(context: template.Context, poll: Poll) -> dict[str, Any]:
    """ "Schedule a meeting at this time" on a closed time poll's page, for those who
    schedule meetings (no query for any other poll)."""
    user = context["request"].user
    shown = (
        poll.kind == Kind.TIME_POLL
        and poll.status == Poll.Status.CLOSED
        and rules.has_perm("meetings.schedule_meeting_in_partnership", user, poll.partnership)
    )
    return {"poll": poll, "partnership": poll.partnership, "shown": shown}
