"""Meetings as a source of lessons for the learning log (consortia/learning/sources.py):
learning sits below meetings in the layer map, so it keeps a meeting only by its key,
label and link, which this module gives it for a user who may see the meeting."""

from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from consortia.accounts.models import User
from consortia.groups.privacy import group_content_q, sees_group_content
from consortia.learning.models import SourceKind
from consortia.learning.sources import SourceRef, source_register
from consortia.partnerships.models import Partnership

from .models import Meeting

RECENT = 10


def meeting_ref(meeting: Meeting) -> SourceRef:
    """How the learning log names and links a meeting."""
    when = timezone.localtime(meeting.starts_at).strftime("%-d %b %Y")
    return SourceRef(
        kind=SourceKind.MEETING,
        key=str(meeting.uuid),
        label=f"{meeting.title}, {when}",
        url=reverse("meetings:detail", args=[meeting.partnership.uuid, meeting.uuid]),
    )


def _resolve(user: User | AnonymousUser, partnership: Partnership, key: str) -> SourceRef | None:
    try:
        uuid = UUID(key)
    except ValueError:
        return None
    meeting = partnership.meetings.filter(uuid=uuid).first()
    if meeting is None or not sees_group_content(
        user, partnership, meeting.working_group_id, meeting.created_at
    ):
        return None
    meeting.partnership = partnership
    return meeting_ref(meeting)


def _recent(user: User | AnonymousUser, partnership: Partnership) -> list[SourceRef]:
    """The latest meetings that have started (not cancelled), most recent first."""
    meetings = (
        partnership.meetings.filter(group_content_q(user), starts_at__lte=timezone.now())
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-starts_at", "-pk")[:RECENT]
    )
    refs = []
    for meeting in meetings:
        meeting.partnership = partnership
        refs.append(meeting_ref(meeting))
    return refs


source_register(SourceKind.MEETING, resolve=_resolve, recent=_recent)
