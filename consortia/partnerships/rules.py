"""Who may do what in a partnership, and the predicates on partners and participants
that the later apps (canvas, agreements, decisions) build their permissions from.
See consortia/core/rules.py for how permissions are declared and called.
"""

import rules
from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, Q

from consortia.accounts.models import User
from consortia.core.rules import add_perm, is_site_admin
from consortia.organisations.models import Organisation
from consortia.organisations.rules import is_listed, is_org_member, memberships_by_org
from consortia.partnerships.models import Participant, Partner, Partnership, Representative


def active_partners(partnership: Partnership) -> list[Partner]:
    """The partnership's active partners with their organisations and representatives,
    loaded once (two queries) and shared by permission checks and the page."""
    cached: list[Partner] | None = partnership.__dict__.get("_active_partners")
    if cached is None:
        cached = list(
            partnership.partners.active()
            .select_related("organisation")
            .prefetch_related(
                Prefetch("representatives", queryset=Representative.objects.select_related("user"))
            )
        )
        partnership.__dict__["_active_partners"] = cached
    return cached


def participant_for(user: User | AnonymousUser, partnership: Partnership) -> Participant | None:
    """The user's active Participant row in the partnership, or None (cached)."""
    if not user.is_authenticated:
        return None
    cache: dict[int, Participant | None] = partnership.__dict__.setdefault("_participant_for", {})
    if user.pk not in cache:
        cache[user.pk] = partnership.participants.active().filter(user=user).first()
    return cache[user.pk]


def partners_of_user(user: User | AnonymousUser, partnership: Partnership) -> list[Partner]:
    """Active partners of the partnership whose organisation the user belongs to."""
    orgs = memberships_by_org(user)
    return [p for p in active_partners(partnership) if p.organisation_id in orgs]


def convener(partnership: Partnership) -> Partner | None:
    return next((p for p in active_partners(partnership) if p.role == "convener"), None)


def _my_roles(user: User | AnonymousUser, partnership: Partnership) -> set[str]:
    return {p.role for p in partners_of_user(user, partnership)}


@rules.predicate
def shares_a_partnership(user: User | AnonymousUser, organisation: Organisation | None) -> bool:
    """The user belongs to (or takes part in) a partnership the organisation is in."""
    if organisation is None or not user.is_authenticated:
        return False
    # Each Q names one joined row: the user's organisation must be a partner *now*
    # (left_at on that same row), not merely have been one once.
    return (
        Partner.objects.active()
        .filter(organisation=organisation)
        .filter(
            Q(
                partnership__partners__organisation_id__in=list(memberships_by_org(user)),
                partnership__partners__left_at__isnull=True,
            )
            | Q(partnership__participants__user=user, partnership__participants__left_at__isnull=True)
        )
        .exists()
    )


@rules.predicate
def is_partnership_member(user: User | AnonymousUser, partnership: Partnership | None) -> bool:
    if partnership is None:
        return False
    return bool(partners_of_user(user, partnership)) or participant_for(user, partnership) is not None


@rules.predicate
def is_convener_admin(user: User | AnonymousUser, partnership: Partnership | None) -> bool:
    if partnership is None:
        return False
    lead = convener(partnership)
    return lead is not None and memberships_by_org(user).get(lead.organisation_id) == "admin"


@rules.predicate
def is_partner_admin(user: User | AnonymousUser, partner: Partner | None) -> bool:
    """The user is an admin of this partner's organisation (and it is still a partner)."""
    return (
        partner is not None
        and partner.left_at is None
        and memberships_by_org(user).get(partner.organisation_id) == "admin"
    )


@rules.predicate
def speaks_for(user: User | AnonymousUser, partner: Partner | None) -> bool:
    """The user is an admin or a named representative of this active partner's
    organisation: who casts its organisation's vote or signs for it. Which partners
    may be spoken for in a given act (endorsing takes the convener or a core partner)
    is the act's own predicate."""
    if partner is None or partner.left_at is not None:
        return False
    role = memberships_by_org(user).get(partner.organisation_id)
    return role == "admin" or (
        role is not None and any(r.user_id == user.pk for r in partner.representatives.all())
    )


@rules.predicate
def is_the_participant(user: User | AnonymousUser, participant: Participant | None) -> bool:
    return participant is not None and participant.left_at is None and participant.user_id == user.pk


@rules.predicate
def manages_participants_partnership(user: User | AnonymousUser, participant: Participant | None) -> bool:
    return participant is not None and is_convener_admin(user, participant.partnership)


@rules.predicate
def manages_partners_partnership(user: User | AnonymousUser, partner: Partner | None) -> bool:
    return partner is not None and is_convener_admin(user, partner.partnership)


@rules.predicate
def is_core_member(user: User | AnonymousUser, partnership: Partnership | None) -> bool:
    """A member of the convening or a core partner organisation."""
    return partnership is not None and bool(_my_roles(user, partnership) & {"convener", "core"})


@rules.predicate
def is_contributing_member(user: User | AnonymousUser, partnership: Partnership | None) -> bool:
    """A member of a partner organisation that is not only observing."""
    return partnership is not None and bool(_my_roles(user, partnership) - {"observer"})


@rules.predicate
def is_participant(user: User | AnonymousUser, partnership: Partnership | None) -> bool:
    return partnership is not None and participant_for(user, partnership) is not None


@rules.predicate
def is_partner_contributor(user: User | AnonymousUser, partner: Partner | None) -> bool:
    """A member of this partner organisation, which takes an active part."""
    return (
        partner is not None
        and partner.left_at is None
        and partner.role != "observer"
        and partner.organisation_id in memberships_by_org(user)
    )


# Declared here, not in organisations/rules.py, because sharing a partnership is one
# of its grounds and organisations sits below partnerships.
add_perm(
    "organisations.view_organisation",
    Organisation,
    is_listed | is_org_member | is_site_admin | shares_a_partnership,
)

add_perm("partnerships.view_partnership", Partnership, is_partnership_member | is_site_admin)
# Convening: edit details and status, invite, change roles, hand over convening.
add_perm("partnerships.manage_partnership", Partnership, is_convener_admin)
# Acting for one's own organisation in a partnership: name representatives, leave.
add_perm("partnerships.act_for_partner", Partner, is_partner_admin)
add_perm("partnerships.change_role_of_partner", Partner, manages_partners_partnership)
add_perm(
    "partnerships.remove_participant", Participant, is_the_participant | manages_participants_partnership
)
