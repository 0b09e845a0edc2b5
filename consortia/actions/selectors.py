"""Reads for the action pages, "My actions", the meeting agenda (open actions) and
the calendar feed (actions due)."""

from django.db.models import QuerySet

from consortia.groups.models import WorkingGroup
from consortia.partnerships.models import Partnership

from .models import Action


def _with_related(actions: QuerySet[Action]) -> QuerySet[Action]:
    return actions.select_related("partnership", "owner_user", "owner_partner__organisation", "working_group")


def open_actions(partnership: Partnership, working_group: WorkingGroup | None = None) -> QuerySet[Action]:
    """The partnership's open actions (of one working group when given), the soonest
    due first and undated last, with their owners and groups (one query)."""
    actions = partnership.actions.filter(status=Action.Status.OPEN)
    if working_group is not None:
        actions = actions.filter(working_group=working_group)
    return _with_related(actions)
