"""Fetch meetings and their agenda items by uuid *within* a partnership the caller
already fetched for the user (consortia.partnerships.access): missing, another
partnership's, a closed group's the user may not see (groups/privacy.py) and not
allowed all answer 404."""

from uuid import UUID

import rules
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from consortia.accounts.models import User
from consortia.groups.privacy import sees_group_content
from consortia.partnerships.models import Partnership

from .models import AgendaItem, Meeting


def meeting_get_for_user(
    user: User | AnonymousUser, partnership: Partnership, uuid: UUID, *, perm: str | None = None
) -> Meeting:
    meeting = (
        partnership.meetings.filter(uuid=uuid)
        .select_related("working_group", "chair", "note_taker", "from_poll", "created_by")
        .first()
    )
    if meeting is not None:
        meeting.partnership = partnership  # share the partners already loaded
        if meeting.working_group is not None:
            meeting.working_group.partnership = partnership
    if (
        meeting is None
        or not sees_group_content(user, partnership, meeting.working_group_id, meeting.created_at)
        or (perm and not rules.has_perm(perm, user, meeting))
    ):
        raise Http404("No such meeting.")
    return meeting


def agenda_item_get_for_user(meeting: Meeting, uuid: UUID) -> AgendaItem:
    item = meeting.agenda_items.filter(uuid=uuid).first()
    if item is None:
        raise Http404("No such agenda item.")
    item.meeting = meeting
    return item
