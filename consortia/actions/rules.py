"""Who may do what with actions (see consortia/core/rules.py).

Everyone who sees the partnership sees its actions. Members of partners that are not
only observing, and individual participants, add actions. An action is changed,
done, dropped or reopened by its owner (the person, or any member of the owning
partner organisation while it is a partner), by whoever added it while they are
still in the partnership, and by the convener's admins.
"""

import rules
from django.contrib.auth.models import AnonymousUser

from consortia.accounts.models import User
from consortia.core.rules import add_perm, is_site_admin
from consortia.organisations.rules import memberships_by_org
from consortia.partnerships.models import Partnership
from consortia.partnerships.rules import (
    is_contributing_member,
    is_convener_admin,
    is_participant,
    is_partnership_member,
)

from .models import Action


@rules.predicate
def may_add_action(user: User | AnonymousUser, partnership: Partnership | None) -> bool:
    return partnership is not None and bool(
        is_contributing_member(user, partnership) or is_participant(user, partnership)
    )


@rules.predicate
def owns_action(user: User | AnonymousUser, action: Action | None) -> bool:
    """The owner: the person while still in the partnership, or a member of the
    owning partner organisation while it is still a partner."""
    if action is None or not user.is_authenticated:
        return False
    if action.owner_user_id is not None:
        return action.owner_user_id == user.pk and bool(is_partnership_member(user, action.partnership))
    partner = action.owner_partner
    return (
        partner is not None
        and partner.left_at is None
        and partner.organisation_id in memberships_by_org(user)
    )


@rules.predicate
def added_action(user: User | AnonymousUser, action: Action | None) -> bool:
    return (
        action is not None
        and user.is_authenticated
        and action.created_by_id == user.pk
        and bool(may_add_action(user, action.partnership))
    )


@rules.predicate
def convenes_actions_partnership(user: User | AnonymousUser, action: Action | None) -> bool:
    return action is not None and bool(is_convener_admin(user, action.partnership))


@rules.predicate
def sees_action(user: User | AnonymousUser, action: Action | None) -> bool:
    return action is not None and bool(is_partnership_member(user, action.partnership) or is_site_admin(user))


add_perm("actions.add_action_in_partnership", Partnership, may_add_action)
add_perm("actions.view_action", Action, sees_action)
add_perm("actions.change_action", Action, owns_action | added_action | convenes_actions_partnership)
