"""Which organisation an action in a partnership is credited to, in its event.

One rule for every service: an action is credited to the actor's organisation whose
partner role permits the action. When several of the actor's organisations do, the
highest role wins (convener, core, associate, observer), then the partner that
joined first. An individual participant acts for no organisation, so their actions
credit none.

This is about whose action it is. A service that acts *for* a named partner (a
pledge, an endorsement, a vote cast for an organisation) or writes about a partner
itself (it joined, it left, its representatives) credits that partner's
organisation instead; a ballot a person casts as themselves (decisions'
`vote_capacities`: None) is theirs, not an organisation's, and credits none.
"""

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser

from consortia.accounts.models import User
from consortia.organisations.models import Organisation
from consortia.partnerships.rules import partners_of_user

from .models import Partner, Partnership

# Highest first: the order in which a role wins when the actor's organisations differ.
ROLE_RANK: dict[str, int] = {
    Partner.Role.CONVENER: 0,
    Partner.Role.CORE: 1,
    Partner.Role.ASSOCIATE: 2,
    Partner.Role.OBSERVER: 3,
}
EVERY_ROLE = tuple(ROLE_RANK)
CONVENING = (Partner.Role.CONVENER,)
CORE_ROLES = (Partner.Role.CONVENER, Partner.Role.CORE)
CONTRIBUTING_ROLES = (Partner.Role.CONVENER, Partner.Role.CORE, Partner.Role.ASSOCIATE)


def credited_organisation(
    actor: User | AnonymousUser | None, partnership: Partnership, *, roles: Iterable[str]
) -> Organisation | None:
    """The actor's organisation the action is credited to, among the active partners
    whose role is in `roles` (the roles the action's permission allows), or None.
    Uses the partners already loaded for permission checks: no extra query."""
    if actor is None or not actor.is_authenticated:  # nobody (an automatic close), or anonymous
        return None
    allowed = set(roles)
    mine = [p for p in partners_of_user(actor, partnership) if p.role in allowed]
    if not mine:
        return None
    first = min(mine, key=lambda p: (ROLE_RANK[p.role], p.joined_at, p.pk))
    return first.organisation
