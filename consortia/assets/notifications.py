"""The shared assets' rows in the notifications table (consortia/notifications/table.py).

A booking waiting for approval, and one an automatic asset took at once, are the
owner's: its representatives (its admins when it named none) are told, as theirs.
An approval or a refusal is the booker's. A cancellation is told to both the booker
and the owner's representatives (nobody is told of their own act).
"""

from django.urls import reverse

from consortia.core.models import Event
from consortia.notifications.audiences import speakers_for
from consortia.notifications.table import Rule, rules_add


def booking_link(event: Event) -> str:
    """The booking's page."""
    if event.partnership is None or event.object_uuid is None:
        return ""
    return reverse("assets:booking", args=[event.partnership.uuid, event.object_uuid])


def owners(event: Event) -> set[int]:
    """The owning partner's representatives (one or two queries)."""
    owner = event.payload.get("owner")
    return speakers_for([owner]) if isinstance(owner, int) else set()


def booker(event: Event) -> set[int]:
    user = event.payload.get("booked_by")
    return {user} if isinstance(user, int) else set()


def booker_and_owners(event: Event) -> set[int]:
    return booker(event) | owners(event)


rules_add(
    Rule("booking.requested", owners, "yours", link=booking_link),
    Rule("booking.made", owners, "yours", link=booking_link),
    Rule("booking.approved", booker, "yours", link=booking_link),
    Rule("booking.declined", booker, "yours", link=booking_link),
    Rule("booking.cancelled", booker_and_owners, "yours", link=booking_link),
)
