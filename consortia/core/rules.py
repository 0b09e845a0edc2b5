"""Every permission in Consortia, as django-rules predicates, in one module.

Views, services, templates (`{% load rules %}{% has_perm %}`) and tests all ask
`rules.has_perm(name, user, obj)`. We call rules directly, not `user.has_perm`, so
Django's superuser shortcut does not turn a site administrator into a partner: site
admins may *see* every partnership (for support) but act only through an
organisation, like everyone else.

The helpers cache what they load on the user and partnership objects, so checking
several permissions on one page costs no extra queries.
"""

import rules


def memberships_by_org(user) -> dict[int, str]:
    """{organisation id: role} for the user's memberships, loaded once per request."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_memberships_by_org", None)
    if cached is None:
        from consortia.organisations.models import Membership

        cached = dict(Membership.objects.filter(user=user).values_list("organisation_id", "role"))
        user._memberships_by_org = cached
    return cached


def memberships_forget(user) -> None:
    """Drop the cached memberships after a service changed them."""
    if user is not None:
        user.__dict__.pop("_memberships_by_org", None)


def active_partners(partnership) -> list:
    """The partnership's active partners with their organisations and representatives,
    loaded once (two queries) and shared by permission checks and the page."""
    cached = getattr(partnership, "_active_partners", None)
    if cached is None:
        from django.db.models import Prefetch

        from consortia.partnerships.models import Representative

        cached = list(
            partnership.partners.active()
            .select_related("organisation")
            .prefetch_related(
                Prefetch("representatives", queryset=Representative.objects.select_related("user"))
            )
        )
        partnership._active_partners = cached
    return cached


def participant_for(user, partnership):
    """The user's active Participant row in the partnership, or None (cached)."""
    if not getattr(user, "is_authenticated", False):
        return None
    cache = partnership.__dict__.setdefault("_participant_for", {})
    if user.pk not in cache:
        cache[user.pk] = partnership.participants.active().filter(user=user).first()
    return cache[user.pk]


def partners_of_user(user, partnership) -> list:
    """Active partners of the partnership whose organisation the user belongs to."""
    orgs = memberships_by_org(user)
    return [p for p in active_partners(partnership) if p.organisation_id in orgs]


def convener(partnership):
    return next((p for p in active_partners(partnership) if p.role == "convener"), None)


# --- predicates ------------------------------------------------------------------


@rules.predicate
def is_site_admin(user) -> bool:
    return bool(getattr(user, "is_superuser", False) and user.is_active)


@rules.predicate
def is_org_member(user, organisation) -> bool:
    return organisation is not None and organisation.pk in memberships_by_org(user)


@rules.predicate
def is_org_admin(user, organisation) -> bool:
    return organisation is not None and memberships_by_org(user).get(organisation.pk) == "admin"


@rules.predicate
def is_listed(user, organisation) -> bool:
    return organisation is not None and organisation.listed_in_directory


@rules.predicate
def shares_a_partnership(user, organisation) -> bool:
    """The user belongs to (or takes part in) a partnership the organisation is in."""
    if organisation is None or not getattr(user, "is_authenticated", False):
        return False
    from django.db.models import Q

    from consortia.partnerships.models import Partner

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
def is_partnership_member(user, partnership) -> bool:
    if partnership is None:
        return False
    return bool(partners_of_user(user, partnership)) or participant_for(user, partnership) is not None


@rules.predicate
def is_convener_admin(user, partnership) -> bool:
    if partnership is None:
        return False
    lead = convener(partnership)
    return lead is not None and memberships_by_org(user).get(lead.organisation_id) == "admin"


@rules.predicate
def is_partner_admin(user, partner) -> bool:
    """The user is an admin of this partner's organisation (and it is still a partner)."""
    return (
        partner is not None
        and partner.left_at is None
        and memberships_by_org(user).get(partner.organisation_id) == "admin"
    )


@rules.predicate
def is_the_participant(user, participant) -> bool:
    return participant is not None and participant.left_at is None and participant.user_id == user.pk


@rules.predicate
def manages_participants_partnership(user, participant) -> bool:
    return participant is not None and is_convener_admin(user, participant.partnership)


@rules.predicate
def manages_partners_partnership(user, partner) -> bool:
    return partner is not None and is_convener_admin(user, partner.partnership)


def _my_roles(user, partnership) -> set[str]:
    return {p.role for p in partners_of_user(user, partnership)}


@rules.predicate
def is_core_member(user, partnership) -> bool:
    """A member of the convening or a core partner organisation."""
    return partnership is not None and bool(_my_roles(user, partnership) & {"convener", "core"})


@rules.predicate
def is_contributing_member(user, partnership) -> bool:
    """A member of a partner organisation that is not only observing."""
    return partnership is not None and bool(_my_roles(user, partnership) - {"observer"})


@rules.predicate
def is_participant(user, partnership) -> bool:
    return partnership is not None and participant_for(user, partnership) is not None


@rules.predicate
def is_partner_contributor(user, partner) -> bool:
    """A member of this partner organisation, which takes an active part."""
    return (
        partner is not None
        and partner.left_at is None
        and partner.role != "observer"
        and partner.organisation_id in memberships_by_org(user)
    )


@rules.predicate
def speaks_for_endorsing_partner(user, partner) -> bool:
    """An admin or named representative of the convener or a core partner: the
    partners whose endorsement an agreement needs."""
    if partner is None or partner.left_at is not None or partner.role not in ("convener", "core"):
        return False
    if memberships_by_org(user).get(partner.organisation_id) == "admin":
        return True
    return partner.organisation_id in memberships_by_org(user) and any(
        r.user_id == user.pk for r in partner.representatives.all()
    )


# --- permissions -------------------------------------------------------------------

rules.add_perm(
    "organisations.view_organisation", is_listed | is_org_member | is_site_admin | shares_a_partnership
)
rules.add_perm("organisations.view_members", is_org_member | is_site_admin)
rules.add_perm("organisations.manage_organisation", is_org_admin)

rules.add_perm("partnerships.view_partnership", is_partnership_member | is_site_admin)
# Convening: edit details and status, invite, change roles, hand over convening.
rules.add_perm("partnerships.manage_partnership", is_convener_admin)
# Acting for one's own organisation in a partnership: name representatives, leave.
rules.add_perm("partnerships.act_for_partner", is_partner_admin)
rules.add_perm("partnerships.change_partner_role", manages_partners_partnership)
rules.add_perm("partnerships.remove_participant", is_the_participant | manages_participants_partnership)

# The canvas: convener and core partners shape purpose, outcomes and needs; every
# active partner records its own pledges; participants comment; observers read.
rules.add_perm("canvas.edit_canvas", is_core_member)
rules.add_perm("canvas.comment", is_contributing_member | is_participant)
rules.add_perm("canvas.pledge_for", is_partner_contributor)
# Downloads are for the partnership's own people: site administrators, who may view
# any partnership for support, do not take its data away.
rules.add_perm("canvas.export", is_partnership_member)

# The agreement: core members draft, the convener's admins publish, and each
# required partner endorses through its admin or representative.
rules.add_perm("agreements.edit_draft", is_core_member)
rules.add_perm("agreements.publish", is_convener_admin)
rules.add_perm("agreements.endorse_for", speaks_for_endorsing_partner)

# --- decisions -----------------------------------------------------------------------

# Which partner roles a poll's electorate includes (observers never vote).
ELECTORATE_ROLES = {
    "core": {"convener", "core"},
    "partners": {"convener", "core", "associate"},
    "everyone": {"convener", "core", "associate"},
}


def speaks_for(user, partner) -> bool:
    """The user is an admin or a named representative of the partner's organisation."""
    role = memberships_by_org(user).get(partner.organisation_id)
    return role == "admin" or (
        role is not None and any(r.user_id == user.pk for r in partner.representatives.all())
    )


def vote_capacities(user, poll) -> list:
    """What the user may vote as in `poll`: None (themselves) and/or the partners
    they cast an organisation's vote for. Empty when they may not vote."""
    if not getattr(user, "is_authenticated", False):
        return []
    partnership = poll.partnership
    roles = ELECTORATE_ROLES[poll.electorate]
    mine = [p for p in partners_of_user(user, partnership) if p.role in roles]
    participant = poll.electorate == "everyone" and participant_for(user, partnership) is not None
    if poll.per_organisation:  # one vote per organisation, weighted or not
        capacities: list = [p for p in mine if speaks_for(user, p)]
        return [*capacities, None] if participant else capacities
    return [None] if mine or participant else []


@rules.predicate
def may_vote(user, poll) -> bool:
    return poll is not None and bool(vote_capacities(user, poll))


@rules.predicate
def manages_poll(user, poll) -> bool:
    """The member who opened the poll (while still in the partnership), or the convener's admins."""
    if poll is None:
        return False
    opened_it = poll.created_by_id == getattr(user, "pk", None) and is_partnership_member(
        user, poll.partnership
    )
    return opened_it or is_convener_admin(user, poll.partnership)


# Convener and core partners' members open polls; the electorate each poll names
# votes; whoever opened a poll (or the convener's admins) closes it and writes
# the outcome. Everyone who sees the partnership reads the polls and the log.
rules.add_perm("decisions.open_poll", is_core_member)
rules.add_perm("decisions.vote", may_vote)
rules.add_perm("decisions.manage_poll", manages_poll)

# Public consultations on a poll: the poll's manager (its opener or the convener's
# admins) opens and closes them, moderates responses and alone sees respondents'
# names and emails. The object is the poll.
rules.add_perm("decisions.manage_consultation", manages_poll)
