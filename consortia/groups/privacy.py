"""What a closed working group keeps to itself.

An open group works in the open: everyone in the partnership sees its threads,
meetings and actions. A closed group (its lead adds the members) keeps its content to
its members, and each member sees only what was started since they joined: someone
added to a "Safeguarding cases" group today does not read last year's cases. The
group itself (its name, purpose, lead and members) stays visible to the whole
partnership.

Every app above that lists or opens a group's content asks here, in one of two ways:
`group_content_q` filters a queryset (no query of its own: a subquery), and
`sees_group_content` answers for one object (one query per partnership and viewer). The
notifications fan-out keeps to the same rule through the payload `group_content_payload`
gives an event (the group and when its content began), so nobody is told of what they
could not open.
"""

from datetime import UTC, datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q, Subquery

from consortia.accounts.models import User
from consortia.partnerships.models import Partnership

from .models import GroupMembership, WorkingGroup
from .selectors import may_belong


def closed_groups_since(user: User | AnonymousUser, partnership: Partnership) -> dict[int, datetime | None]:
    """For each closed group of the partnership: when the user's current membership
    began, or None when they are not a member now (one query, cached on the
    partnership per user)."""
    key = f"_closed_groups_since_{user.pk}"
    cached: dict[int, datetime | None] | None = partnership.__dict__.get(key)
    if cached is not None:
        return cached
    since = GroupMembership.objects.filter(
        group=OuterRef("pk"), user_id=user.pk if isinstance(user, User) else 0, left_at__isnull=True
    )
    rows = WorkingGroup.objects.filter(partnership=partnership, is_open=False).annotate(
        since=Subquery(since.values("created_at")[:1])
    )
    found: dict[int, datetime | None] = dict(rows.values_list("pk", "since"))
    # An open membership counts only while its person is still in the partnership
    # (asked only when there is one, so a partnership without closed groups pays one query).
    if any(found.values()) and not (isinstance(user, User) and may_belong(user, partnership)):
        found = dict.fromkeys(found)
    partnership.__dict__[key] = found
    return found


def group_content_q(
    user: User | AnonymousUser,
    partnership: Partnership,
    *,
    group: str = "working_group",
    started: str = "created_at",
) -> Q:
    """A filter keeping the content the user may see: of no group, of an open group,
    or of a closed group they belong to and started (`started`) since they joined.
    No query of its own: the membership is a subquery of the caller's. (A member of
    a partner that has turned observer keeps an open membership, and with it the
    group's content, until the lead removes them.)"""
    if not isinstance(user, User):
        return Q(**{f"{group}__isnull": True}) | Q(**{f"{group}__is_open": True})
    joined = GroupMembership.objects.filter(
        group=OuterRef(group), user=user, left_at__isnull=True, created_at__lte=OuterRef(started)
    )
    return Q(**{f"{group}__isnull": True}) | Q(**{f"{group}__is_open": True}) | Q(Exists(joined))


def sees_group_content(
    user: User | AnonymousUser, partnership: Partnership, group_id: int | None, started: datetime
) -> bool:
    """Whether the user may see one piece of content of the group `group_id` (None:
    the partnership's own) that was started at `started`."""
    if group_id is None:
        return True
    since = closed_groups_since(user, partnership)
    if group_id not in since:
        return True
    joined = since[group_id]
    return joined is not None and started >= joined


def group_content_payload(group: WorkingGroup | None, started: datetime) -> dict[str, Any]:
    """The event payload that keeps a closed group's event to its members who joined
    by `started`, in notifications and the activity log (empty for an open group or
    none). The time is a POSIX timestamp, so both databases compare it as a number."""
    if group is None or group.is_open:
        return {}
    return {"closed_group": group.pk, "content_started": started.timestamp()}


def closed_group_audience(payload: dict[str, Any]) -> set[int] | None:
    """Who may be told of an event whose payload came from `group_content_payload`:
    the group's members now who joined by the time its content started (None: no
    restriction)."""
    group_id, started = payload.get("closed_group"), payload.get("content_started")
    if not isinstance(group_id, int) or not isinstance(started, int | float):
        return None
    if not WorkingGroup.objects.filter(pk=group_id, is_open=False).exists():
        return None  # opened since: its content is the partnership's now
    joined_by = datetime.fromtimestamp(started, tz=UTC)
    members = GroupMembership.objects.filter(
        group_id=group_id, left_at__isnull=True, created_at__lte=joined_by
    )
    return set(members.values_list("user_id", flat=True))


def closed_group_events_q(user: User | AnonymousUser, partnership: Partnership) -> Q:
    """A filter on the partnership's events keeping those of closed groups only for
    the members who could open their content (registered with core's event log in
    apps.py)."""
    since = closed_groups_since(user, partnership)
    if not since:
        return Q()
    visible = ~Q(payload__has_key="closed_group") | ~Q(payload__closed_group__in=list(since))
    for group_id, joined in since.items():
        if joined is not None:
            visible |= Q(payload__closed_group=group_id, payload__content_started__gte=joined.timestamp())
    return visible
