"""The working groups' rows in the notifications table (table.py). Groups sit below
notifications in the layer map, so their rows live here, added by notifications.py:
a new group is news for everyone; a person added to a group is told ("yours"); the
lead hears who joined or left; an archived group tells its members."""

from django.urls import reverse

from consortia.accounts.models import User
from consortia.core.models import Event
from consortia.groups.models import GroupMembership, WorkingGroup

from .audiences import everyone
from .table import Rule


def _group(event: Event) -> WorkingGroup | None:
    if event.object_uuid is None:
        return None
    return WorkingGroup.objects.filter(uuid=event.object_uuid).first()


def added_member(event: Event) -> list[int]:
    """The person the payload names as added to the group."""
    member = event.payload.get("member")
    return list(User.objects.filter(uuid=member).values_list("pk", flat=True)) if member else []


def lead(event: Event) -> list[int]:
    group = _group(event)
    return [group.lead_id] if group is not None and group.lead_id else []


def group_members(event: Event) -> list[int]:
    """The group's members now (left ones are not told)."""
    group = _group(event)
    if group is None:
        return []
    return list(
        GroupMembership.objects.filter(group=group, left_at__isnull=True).values_list("user_id", flat=True)
    )


def group_link(event: Event) -> str:
    if event.partnership is None or event.object_uuid is None:
        return ""
    return reverse("groups:detail", args=[event.partnership.uuid, event.object_uuid])


ROWS = (
    Rule("group.created", everyone, "activity", link=group_link),
    Rule("group.member_added", added_member, "yours", link=group_link),
    Rule("group.member_joined", lead, "activity", link=group_link),
    Rule("group.member_left", lead, "activity", link=group_link),
    Rule("group.archived", group_members, "activity", link=group_link),
)
