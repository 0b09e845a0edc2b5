"""Reads of working groups, for their pages and for the apps above (threads,
meetings, actions, polls, notifications), which ask who is in a group through
`group_members` and `groups_of_user` rather than reading memberships themselves.

Who is in the partnership *now* is read once per partnership (`partnership_people`:
one query, on top of the active partners the permission checks load anyway), and a
group's open memberships once per group (`open_member_ids`); both are cached on the
objects, so a page that asks many questions pays for each once.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser

from consortia.accounts.models import User
from consortia.organisations.models import Membership, Organisation
from consortia.partnerships.models import Partnership
from consortia.partnerships.rules import active_partners

from .models import GroupMembership, WorkingGroup


@dataclass
class Person:
    """Someone who may belong to the partnership's groups, with the partner
    organisations they belong to (none for an individual participant)."""

    organisations: list[Organisation] = field(default_factory=list)
    is_participant: bool = False


@dataclass
class GroupMember:
    membership: GroupMembership
    user: User
    organisations: list[Organisation]
    is_participant: bool
    is_lead: bool


def partnership_people(partnership: Partnership) -> dict[int, Person]:
    """Everyone who may belong to the partnership's working groups, by user id:
    members of its active partner organisations that do not only observe, and its
    active individual participants. Cached on the partnership."""
    cached: dict[int, Person] | None = partnership.__dict__.get("_group_people")
    if cached is not None:
        return cached
    contributing = {
        p.organisation_id: p.organisation for p in active_partners(partnership) if p.role != "observer"
    }
    people: dict[int, Person] = {}
    rows = (
        Membership.objects.filter(organisation_id__in=list(contributing))
        .order_by()
        .values_list("user_id", "organisation_id")
    )
    for user_id, organisation_id in rows:
        people.setdefault(user_id, Person()).organisations.append(contributing[organisation_id])
    for user_id in partnership.participants.active().values_list("user_id", flat=True):
        people.setdefault(user_id, Person()).is_participant = True
    for person in people.values():
        person.organisations.sort(key=lambda o: o.name)
    partnership.__dict__["_group_people"] = people
    return people


def may_belong(user: User | AnonymousUser, partnership: Partnership) -> bool:
    """The user may be a member of the partnership's working groups."""
    return user.is_authenticated and user.pk in partnership_people(partnership)


def open_member_ids(group: WorkingGroup) -> set[int]:
    """User ids of the group's open memberships (cached on the group). Whether each
    still counts is `partnership_people`'s answer: see `group_members`."""
    cached: set[int] | None = group.__dict__.get("_open_member_ids")
    if cached is None:
        cached = set(group.memberships.filter(left_at__isnull=True).values_list("user_id", flat=True))
        group.__dict__["_open_member_ids"] = cached
    return cached


def group_list(partnership: Partnership, *, archived: bool = False) -> list[WorkingGroup]:
    """The partnership's active (or archived) working groups by name, each with its
    lead and `member_count`, the members who are still in the partnership."""
    groups = list(
        WorkingGroup.objects.filter(partnership=partnership, archived_at__isnull=not archived).select_related(
            "lead"
        )
    )
    people = partnership_people(partnership)
    counts: dict[int, int] = {}
    rows = GroupMembership.objects.filter(group__in=groups, left_at__isnull=True).values_list(
        "group_id", "user_id"
    )
    for group_id, user_id in rows:
        if user_id in people:
            counts[group_id] = counts.get(group_id, 0) + 1
    for group in groups:
        group.partnership = partnership
        group.member_count = counts.get(group.pk, 0)  # type: ignore[attr-defined]  # read by the list page
    return groups


def group_members(group: WorkingGroup) -> list[GroupMember]:
    """The group's members now, the lead first then by name, each with the partner
    organisations they belong to: open memberships of people still in the partnership."""
    people = partnership_people(group.partnership)
    memberships = group.memberships.filter(left_at__isnull=True).select_related("user")
    members = [
        GroupMember(
            membership=m,
            user=m.user,
            organisations=people[m.user_id].organisations,
            is_participant=people[m.user_id].is_participant,
            is_lead=m.user_id == group.lead_id,
        )
        for m in memberships
        if m.user_id in people
    ]
    group.__dict__["_open_member_ids"] = {m.user_id for m in memberships}
    return sorted(members, key=lambda m: (not m.is_lead, m.user.name.casefold()))


def groups_of_user(user: User | AnonymousUser, partnership: Partnership) -> list[WorkingGroup]:
    """The active working groups of the partnership the user is a member of now."""
    if not isinstance(user, User) or not may_belong(user, partnership):
        return []
    groups = list(
        WorkingGroup.objects.active().filter(
            partnership=partnership, memberships__user=user, memberships__left_at__isnull=True
        )
    )
    for group in groups:
        group.partnership = partnership
    return groups


def people_to_add(group: WorkingGroup) -> list[User]:
    """People of the partnership who are not members of the group, by name."""
    candidates = set(partnership_people(group.partnership)) - open_member_ids(group)
    return list(User.objects.filter(pk__in=candidates).order_by("name"))


def partnership_people_users(partnership: Partnership) -> list[User]:
    """Everyone who may belong to the partnership's groups, as users, by name."""
    return list(User.objects.filter(pk__in=list(partnership_people(partnership))).order_by("name"))
