"""Who may do what with the health check (see consortia/core/rules.py).

Everyone who sees the partnership sees its rounds and, once a round has closed, its
results (which show nothing under the anonymity threshold). The convener's admins
open and close rounds, like the partnership's other convening acts. Every member of
an active partner organisation and every individual participant answers the survey
(once: the service refuses a second answer with a message). A partner's
relationship ratings are given by those who speak for it: its admins and named
representatives.
"""

import rules
from django.contrib.auth.models import AnonymousUser

from consortia.accounts.models import User
from consortia.core.rules import add_perm, is_site_admin
from consortia.partnerships.models import Partner, Partnership
from consortia.partnerships.rules import (
    is_convener_admin,
    is_partnership_member,
    participant_for,
    partners_of_user,
    speaks_for,
)

from .models import Round


@rules.predicate
def sees_round(user: User | AnonymousUser, round: Round | None) -> bool:
    return round is not None and bool(is_partnership_member(user, round.partnership) or is_site_admin(user))


@rules.predicate
def convenes_round(user: User | AnonymousUser, round: Round | None) -> bool:
    return round is not None and bool(is_convener_admin(user, round.partnership))


@rules.predicate
def may_answer_round(user: User | AnonymousUser, round: Round | None) -> bool:
    """A member of an active partner organisation, or an individual participant."""
    return round is not None and bool(
        partners_of_user(user, round.partnership) or participant_for(user, round.partnership)
    )


@rules.predicate
def may_rate_round(user: User | AnonymousUser, round: Round | None) -> bool:
    """Speaks for at least one of the partnership's active partners."""
    return round is not None and any(speaks_for(user, p) for p in partners_of_user(user, round.partnership))


add_perm("health.open_round_in_partnership", Partnership, is_convener_admin)
add_perm("health.view_round", Round, sees_round)
add_perm("health.close_round", Round, convenes_round)
add_perm("health.answer_round", Round, may_answer_round)
add_perm("health.rate_in_round", Round, may_rate_round)
add_perm("health.rate_for_partner", Partner, speaks_for)
