"""Who may do what with working groups (see consortia/core/rules.py).

What a coordinator expects: everyone who sees the partnership sees its groups, their
purpose, lead and members. Members of the convener and core partner organisations set
groups up and choose the lead (a group is a commitment of people's time, as opening a
poll is). The group's lead, or the convener's admins, run it: edit it, archive and
reopen it, add and remove members. Anyone who takes part in the partnership (a member
of a partner organisation that is not only observing, or an individual participant)
joins an open group and leaves any group themselves; a closed group's lead adds them.

Membership is read, not stored: an open membership counts only while its person is
still in the partnership (selectors.partnership_people), so someone who leaves the
partnership is no longer a member of its groups, nor its lead.
"""

import rules
from django.contrib.auth.models import AnonymousUser

from consortia.accounts.models import User
from consortia.core.rules import add_perm
from consortia.partnerships.models import Partnership
from consortia.partnerships.rules import is_convener_admin, is_core_member

from .models import WorkingGroup
from .selectors import may_belong, open_member_ids


@rules.predicate
def is_group_member(user: User | AnonymousUser, group: WorkingGroup | None) -> bool:
    """The user is a member of the group now (an open membership, still in the partnership)."""
    return (
        group is not None
        and user.is_authenticated
        and user.pk in open_member_ids(group)
        and may_belong(user, group.partnership)
    )


@rules.predicate
def leads_group(user: User | AnonymousUser, group: WorkingGroup | None) -> bool:
    return group is not None and group.lead_id == user.pk and is_group_member(user, group)


@rules.predicate
def convenes_groups_partnership(user: User | AnonymousUser, group: WorkingGroup | None) -> bool:
    return group is not None and is_convener_admin(user, group.partnership)


@rules.predicate
def may_belong_to_group(user: User | AnonymousUser, group: WorkingGroup | None) -> bool:
    """The user takes part in the group's partnership (whether the group is open is
    the service's answer, a 409 with a reason, not a 404)."""
    return group is not None and may_belong(user, group.partnership)


add_perm("groups.create_group_in_partnership", Partnership, is_core_member)
add_perm("groups.manage_workinggroup", WorkingGroup, leads_group | convenes_groups_partnership)
add_perm("groups.join_workinggroup", WorkingGroup, may_belong_to_group)
add_perm("groups.leave_workinggroup", WorkingGroup, is_group_member)
