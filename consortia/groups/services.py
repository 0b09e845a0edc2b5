"""Every change to a partnership's working groups: setting one up, editing it,
archiving and reopening it, joining and leaving, adding and removing members.

Each service runs in one transaction, checks the actor's permission
(consortia/groups/rules.py), validates before writing and writes exactly one event
(none when nothing changed), credited by consortia/partnerships/credit.py.
Joining and adding take the group's row lock first, so two requests for the same
person are taken one after the other; the unique constraint on open memberships
holds the one-membership rule even where that lock does nothing (SQLite), and the
loser of such a race gets a 409.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from consortia.accounts.models import User
from consortia.core.errors import Conflict, ServiceError
from consortia.core.events import event_record
from consortia.core.services import assign, refuse_if_closed, require
from consortia.partnerships.credit import CONTRIBUTING_ROLES, CORE_ROLES, EVERY_ROLE, credited_organisation
from consortia.partnerships.models import Partnership

from .models import GroupMembership, WorkingGroup
from .selectors import may_belong, open_member_ids

CREATE = "groups.create_group_in_partnership"
MANAGE = "groups.manage_workinggroup"
JOIN = "groups.join_workinggroup"
LEAVE = "groups.leave_workinggroup"
# A group is run by its lead (any member of the partnership) or the convener's admins.
MANAGING_ROLES = EVERY_ROLE


def _name_taken(partnership: Partnership, name: str, *, other_than: WorkingGroup | None = None) -> bool:
    groups = WorkingGroup.objects.active().filter(partnership=partnership, name__iexact=name)
    if other_than is not None:
        groups = groups.exclude(pk=other_than.pk)
    return groups.exists()


def _clean_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise ServiceError("Enter a name for the group", field="name")
    return name


def _refuse_if_archived(group: WorkingGroup, doing: str) -> None:
    if group.is_archived:
        raise Conflict(f"{group.name} is archived, so nobody can {doing}. Reopen it first.")


def _add(group: WorkingGroup, user: User, added_by: User) -> GroupMembership:
    """Insert an open membership, or a 409 if the person is in the group already."""
    if user.pk in open_member_ids(group):
        raise Conflict(f"{user.name} is already a member of {group.name}.")
    try:
        with transaction.atomic():
            membership = GroupMembership.objects.create(group=group, user=user, added_by=added_by)
    except IntegrityError:  # the same person joined a moment ago
        raise Conflict(f"{user.name} is already a member of {group.name}.") from None
    open_member_ids(group).add(user.pk)
    return membership


def _lock(group: WorkingGroup) -> None:
    WorkingGroup.objects.select_for_update().filter(pk=group.pk).exists()


@transaction.atomic
def group_create(
    *,
    actor: User,
    partnership: Partnership,
    name: str,
    purpose: str = "",
    is_open: bool = True,
    lead: User | None = None,
) -> WorkingGroup:
    """Set up a working group (convener and core partners' members). The lead (the
    actor unless another person of the partnership is named) and the actor become its
    first members. Names are unique among the partnership's active groups."""
    require(CREATE, actor, partnership)
    refuse_if_closed(partnership, "set up a working group in it")
    name = _clean_name(name)
    lead = lead or actor
    if not may_belong(lead, partnership):
        raise ServiceError("Choose a lead who takes part in the partnership", field="lead")
    if _name_taken(partnership, name):
        raise ServiceError(f"The partnership already has a working group called {name}", field="name")
    group = WorkingGroup(
        partnership=partnership,
        name=name,
        purpose=purpose.strip(),
        is_open=is_open,
        lead=lead,
        created_by=actor,
    )
    group.full_clean(exclude=["lead", "created_by"])
    group.save()
    group.__dict__["_open_member_ids"] = set()
    for person in dict.fromkeys([lead, actor]):
        _add(group, person, actor)
    event_record(
        actor=actor,
        verb="group.created",
        obj=group,
        organisation=credited_organisation(actor, partnership, roles=CORE_ROLES),
        partnership=partnership,
        payload={"lead": str(lead.uuid), "open": is_open},
    )
    return group


@transaction.atomic
def group_update(
    *, actor: User, group: WorkingGroup, name: str, purpose: str, is_open: bool, lead: User | None
) -> list[str]:
    """Edit the group's name, purpose, openness and lead (its lead or the convener's
    admins). The new lead must be a member of the group now. Returns the changed fields."""
    require(MANAGE, actor, group)
    partnership = group.partnership
    refuse_if_closed(partnership, "change its working groups")
    _refuse_if_archived(group, "change it")
    name = _clean_name(name)
    lead = lead or group.lead
    if lead is None or lead.pk not in open_member_ids(group) or not may_belong(lead, partnership):
        raise ServiceError("Choose a lead from the group's members", field="lead")
    if _name_taken(partnership, name, other_than=group):
        raise ServiceError(f"The partnership already has a working group called {name}", field="name")
    changed = assign(group, {"name": name, "purpose": purpose.strip(), "is_open": is_open, "lead": lead})
    if not changed:
        return []
    group.save()
    event_record(
        actor=actor,
        verb="group.updated",
        obj=group,
        organisation=credited_organisation(actor, partnership, roles=MANAGING_ROLES),
        partnership=partnership,
        payload={"changed": changed},
    )
    return changed


@transaction.atomic
def group_archive(*, actor: User, group: WorkingGroup) -> None:
    """Archive the group (its lead or the convener's admins): it stays readable, and
    nobody joins or changes it until it is reopened."""
    require(MANAGE, actor, group)
    refuse_if_closed(group.partnership, "change its working groups")
    _refuse_if_archived(group, "archive it again")
    group.archived_at = timezone.now()
    group.save(update_fields=["archived_at", "updated_at"])
    _record(actor, "group.archived", group)


@transaction.atomic
def group_reopen(*, actor: User, group: WorkingGroup) -> None:
    """Reopen an archived group (its lead or the convener's admins), unless an active
    group has taken its name meanwhile."""
    require(MANAGE, actor, group)
    refuse_if_closed(group.partnership, "change its working groups")
    if not group.is_archived:
        raise Conflict(f"{group.name} is not archived.")
    if _name_taken(group.partnership, group.name, other_than=group):
        raise Conflict(f"Another working group is called {group.name}: rename that one first.")
    group.archived_at = None
    group.save(update_fields=["archived_at", "updated_at"])
    _record(actor, "group.reopened", group)


@transaction.atomic
def group_join(*, actor: User, group: WorkingGroup) -> GroupMembership:
    """Join an open, active group (anyone who takes part in the partnership)."""
    require(JOIN, actor, group)
    refuse_if_closed(group.partnership, "join its working groups")
    _lock(group)
    _refuse_if_archived(group, "join it")
    if not group.is_open:
        raise Conflict(f"{group.name} is closed: ask its lead to add you.")
    membership = _add(group, actor, actor)
    _record(actor, "group.member_joined", group, roles=CONTRIBUTING_ROLES)
    return membership


@transaction.atomic
def group_leave(*, actor: User, group: WorkingGroup) -> None:
    """Leave a group one is a member of; the lead hands the lead on first."""
    require(LEAVE, actor, group)
    if group.lead_id == actor.pk:
        raise Conflict(f"You lead {group.name}: choose another lead before you leave.")
    GroupMembership.objects.filter(group=group, user=actor, left_at__isnull=True).update(
        left_at=timezone.now()
    )
    _record(actor, "group.member_left", group, roles=CONTRIBUTING_ROLES)


@transaction.atomic
def group_member_add(*, actor: User, group: WorkingGroup, user: User) -> GroupMembership:
    """Add a person of the partnership to the group (its lead or the convener's admins)."""
    require(MANAGE, actor, group)
    refuse_if_closed(group.partnership, "change its working groups")
    _lock(group)
    _refuse_if_archived(group, "add members to it")
    if not may_belong(user, group.partnership):
        raise ServiceError("Choose someone who takes part in the partnership", field="person")
    membership = _add(group, user, actor)
    _record(actor, "group.member_added", group, payload={"member": str(user.uuid)})
    return membership


@transaction.atomic
def group_member_remove(*, actor: User, group: WorkingGroup, membership: GroupMembership) -> None:
    """Remove a member (its lead or the convener's admins); not the lead."""
    require(MANAGE, actor, group)
    refuse_if_closed(group.partnership, "change its working groups")
    if membership.group_id != group.pk or membership.left_at is not None:
        raise Conflict("That person is not a member of the group.")
    if membership.user_id == group.lead_id:
        raise Conflict(f"{membership.user.name} leads {group.name}: choose another lead first.")
    membership.left_at = timezone.now()
    membership.save(update_fields=["left_at", "updated_at"])
    _record(actor, "group.member_removed", group, payload={"member": str(membership.user.uuid)})


def _record(
    actor: User,
    verb: str,
    group: WorkingGroup,
    *,
    roles: tuple[str, ...] = MANAGING_ROLES,
    payload: dict[str, str] | None = None,
) -> None:
    event_record(
        actor=actor,
        verb=verb,
        obj=group,
        organisation=credited_organisation(actor, group.partnership, roles=roles),
        partnership=group.partnership,
        payload=payload,
    )
