"""The learning log's rows in the notifications table (consortia/notifications/table.py).

A lesson's change is its owner's: they are told, as theirs, when a lesson is recorded
with them as owner, when a change makes them its owner, and on the day it is due (the
daily reminder). Whoever recorded a lesson is told when its status changes. Nobody is
told of their own act (the fan-out leaves out the actor).
"""

from django.urls import reverse

from consortia.core.models import Event
from consortia.notifications.table import Rule, rules_add


def lesson_link(event: Event) -> str:
    """The lesson's page."""
    if event.partnership is None or event.object_uuid is None:
        return ""
    return reverse("learning:detail", args=[event.partnership.uuid, event.object_uuid])


def owner(event: Event) -> list[int]:
    value = event.payload.get("owner")
    return [value] if isinstance(value, int) else []


def new_owner(event: Event) -> list[int]:
    return owner(event) if event.payload.get("reassigned") else []


def recorder(event: Event) -> list[int]:
    value = event.payload.get("recorded_by")
    return [value] if isinstance(value, int) else []


rules_add(
    Rule("lesson.recorded", owner, "yours", link=lesson_link),
    Rule("lesson.changed", new_owner, "yours", link=lesson_link),
    Rule("lesson.due_today", owner, "yours", link=lesson_link),
    Rule("lesson.status_changed", recorder, "yours", link=lesson_link),
)
