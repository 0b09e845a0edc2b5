"""Who may do what with polls (see consortia/core/rules.py; a poll's public
consultation has its permission in consortia/consultations/rules.py).

Convener and core partners' members open polls; the electorate each poll names
votes; whoever opened a poll (or the convener's admins) closes it and writes the
outcome. Everyone who sees the partnership reads the polls and the log.
"""

import rules
from django.contrib.auth.models import AnonymousUser

from consortia.accounts.models import User
from consortia.core.rules import add_perm
from consortia.decisions.models import Poll
from consortia.partnerships.models import Partner, Partnership
from consortia.partnerships.rules import (
    is_convener_admin,
    is_core_member,
    is_partnership_member,
    participant_for,
    partners_of_user,
    speaks_for,
)

# Which partner roles a poll's electorate includes (observers never vote).
ELECTORATE_ROLES = {
    "core": {"convener", "core"},
    "partners": {"convener", "core", "associate"},
    "everyone": {"convener", "core", "associate"},
}


def vote_capacities(user: User | AnonymousUser, poll: Poll) -> list[Partner | None]:
    """What the user may vote as in `poll`: None (themselves) and/or the partners
    they cast an organisation's vote for. Empty when they may not vote."""
    if not user.is_authenticated:
        return []
    partnership = poll.partnership
    roles = ELECTORATE_ROLES[poll.electorate]
    mine = [p for p in partners_of_user(user, partnership) if p.role in roles]
    participant = poll.electorate == "everyone" and participant_for(user, partnership) is not None
    if poll.per_organisation:  # one vote per organisation, weighted or not
        capacities: list[Partner | None] = [p for p in mine if speaks_for(user, p)]
        return [*capacities, None] if participant else capacities
    return [None] if mine or participant else []


@rules.predicate
def may_vote(user: User | AnonymousUser, poll: Poll | None) -> bool:
    return poll is not None and bool(vote_capacities(user, poll))


@rules.predicate
def manages_poll(user: User | AnonymousUser, poll: Poll | None) -> bool:
    """The member who opened the poll (while still in the partnership), or the convener's admins."""
    if poll is None:
        return False
    opened_it = poll.created_by_id == getattr(user, "pk", None) and is_partnership_member(
        user, poll.partnership
    )
    return bool(opened_it or is_convener_admin(user, poll.partnership))


add_perm("decisions.open_poll_in_partnership", Partnership, is_core_member)
add_perm("decisions.vote_in_poll", Poll, may_vote)
add_perm("decisions.manage_poll", Poll, manages_poll)
