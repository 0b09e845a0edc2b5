"""Meetings shown on the pages of apps below this one, which never import it: their
templates load these tags (`{% load meetings %}`). A working group's meetings cost
one query."""

from typing import Any

import rules
from django import template

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
