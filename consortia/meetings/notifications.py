"""The meetings' rows in the notifications table (consortia/notifications/table.py).

A meeting scheduled, changed or cancelled tells everyone it invites (in the inbox
only: the service emails them the invitation with its calendar object itself);
minutes opened for corrections tell those who attended; published minutes tell the
whole partnership, and, where each partner's approval is asked, the invited
partners' representatives as theirs; a suggested correction tells the note-taker.
"""

from django.urls import reverse

from consortia.core.models import Event
from consortia.notifications.audiences import _speakers, everyone, from_payload
from consortia.notifications.table import Rule, rules_add
from consortia.partnerships.models import Partner

from .models import Attendance, Meeting
from .selectors import invitee_ids


def meeting_link(event: Event) -> str:
    """The meeting's page."""
    if event.partnership is None or event.object_uuid is None:
        return ""
    return reverse("meetings:detail", args=[event.partnership.uuid, event.object_uuid])


def _meeting(event: Event) -> Meeting | None:
    return (
        Meeting.objects.select_related("partnership", "working_group").filter(uuid=event.object_uuid).first()
        if event.object_uuid
        else None
    )


def invited(event: Event) -> set[int]:
    """Everyone the meeting invites now."""
    meeting = _meeting(event)
    return invitee_ids(meeting) if meeting is not None else set()


def attended(event: Event) -> set[int]:
    """Everyone recorded as having attended."""
    if event.object_uuid is None:
        return set()
    return set(
        Attendance.objects.filter(
            meeting__uuid=event.object_uuid, status=Attendance.Status.ATTENDED
        ).values_list("user_id", flat=True)
    )


def approvers(event: Event) -> set[int]:
    """The representatives (or admins) of the partners asked to approve the minutes."""
    ids = [int(pk) for pk in event.payload.get("approval_partners", []) if str(pk).isdigit()]
    return _speakers(Partner.objects.active().filter(pk__in=ids)) if ids else set()


rules_add(
    Rule("meeting.scheduled", invited, "activity", link=meeting_link, email=False),
    Rule("meeting.changed", invited, "activity", link=meeting_link, email=False),
    Rule("meeting.cancelled", invited, "activity", link=meeting_link, email=False),
    Rule("meeting.minutes_opened", attended, "yours", link=meeting_link),
    Rule("meeting.correction_suggested", from_payload("note_taker"), "yours", link=meeting_link),
    Rule("meeting.minutes_published", everyone, "activity", link=meeting_link),
    Rule("meeting.minutes_published", approvers, "yours", link=meeting_link),
)
