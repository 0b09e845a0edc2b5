"""The training rows in the notifications table (consortia/notifications/table.py).

A new course is news for every partner: their representatives are told, as activity.
Whoever is given a place from the waiting list (a cancellation, more places, the quota
release) is told, as theirs. When a course is cancelled, everyone who held a place or
was waiting is told, as theirs. Nobody is told of their own act.
"""

from django.urls import reverse

from consortia.core.models import Event
from consortia.notifications.audiences import representatives
from consortia.notifications.table import Rule, rules_add


def course_link(event: Event) -> str:
    """The course's page."""
    if event.partnership is None or event.object_uuid is None:
        return ""
    return reverse("training:detail", args=[event.partnership.uuid, event.object_uuid])


def _ids(event: Event, key: str) -> set[int]:
    value = event.payload.get(key)
    return {v for v in value if isinstance(v, int)} if isinstance(value, list) else set()


def promoted(event: Event) -> set[int]:
    """The people the waiting list moved up into a place."""
    return _ids(event, "promoted")


def holders(event: Event) -> set[int]:
    """Everyone who held a place or was waiting when the course was cancelled."""
    return _ids(event, "holders")


rules_add(
    Rule("training.course_offered", representatives(), "activity", link=course_link),
    Rule("training.place_booked", promoted, "yours", link=course_link),
    Rule("training.place_cancelled", promoted, "yours", link=course_link),
    Rule("training.course_changed", promoted, "yours", link=course_link),
    Rule("training.places_released", promoted, "yours", link=course_link),
    Rule("training.course_cancelled", holders, "yours", link=course_link),
)
