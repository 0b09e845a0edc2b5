"""Who may do what with the pooled fund (see consortia/core/rules.py).

Everyone in the partnership (its partners' members, its participants) and site admins
see the fund, its budget, its requests and transactions. The convener's admins set up
the fund and choose the fiscal host. The host's organisation admins record income and
mark requests paid; they and the convener's admins keep the budget lines. Members of
contributing partners (not observers) ask for spending, for their own organisation. A
request is changed (submitted, withdrawn, reconciled) by whoever made it while still a
member of the requesting organisation, and by that organisation's admins. Approving
takes someone who speaks for a contributing partner (partnerships `speaks_for`); which
partner may approve a given request (never the requester's own) is the service's check,
with a message. Exports are for the partners' members only (not participants).
"""

import rules
from django.contrib.auth.models import AnonymousUser

from consortia.accounts.models import User
from consortia.core.rules import add_perm, is_site_admin
from consortia.organisations.rules import memberships_by_org
from consortia.partnerships.credit import CONTRIBUTING_ROLES
from consortia.partnerships.models import Partnership
from consortia.partnerships.rules import (
    active_partners,
    is_contributing_member,
    is_convener_admin,
    is_partner_admin,
    is_partnership_member,
    partners_of_user,
    speaks_for,
)

from .models import Fund, SpendingRequest


@rules.predicate
def sees_fund(user: User | AnonymousUser, fund: Fund | None) -> bool:
    return fund is not None and bool(is_partnership_member(user, fund.partnership) or is_site_admin(user))


@rules.predicate
def hosts_fund(user: User | AnonymousUser, fund: Fund | None) -> bool:
    """An admin of the fiscal host's organisation, while it is a partner."""
    return fund is not None and bool(is_partner_admin(user, fund.host))


@rules.predicate
def convenes_fund(user: User | AnonymousUser, fund: Fund | None) -> bool:
    return fund is not None and bool(is_convener_admin(user, fund.partnership))


@rules.predicate
def may_request_spending(user: User | AnonymousUser, fund: Fund | None) -> bool:
    return fund is not None and bool(is_contributing_member(user, fund.partnership))


@rules.predicate
def may_approve_in_fund(user: User | AnonymousUser, fund: Fund | None) -> bool:
    """Speaks for at least one contributing partner of the partnership."""
    if fund is None:
        return False
    return any(
        p.role in CONTRIBUTING_ROLES and speaks_for(user, p) for p in active_partners(fund.partnership)
    )


@rules.predicate
def takes_exports(user: User | AnonymousUser, fund: Fund | None) -> bool:
    return fund is not None and bool(partners_of_user(user, fund.partnership))


@rules.predicate
def made_request(user: User | AnonymousUser, request: SpendingRequest | None) -> bool:
    """Whoever made it, while a member of the requesting organisation (still a partner),
    or that organisation's admins."""
    if request is None or not user.is_authenticated:
        return False
    partner = request.requesting_partner
    if partner.left_at is not None:
        return False
    role = memberships_by_org(user).get(partner.organisation_id)
    return role == "admin" or (role is not None and request.created_by_id == user.pk)


add_perm("fund.set_up_fund_in_partnership", Partnership, is_convener_admin)
add_perm("fund.view_fund", Fund, sees_fund)
add_perm("fund.manage_fund", Fund, hosts_fund | convenes_fund)
add_perm("fund.host_fund", Fund, hosts_fund)
add_perm("fund.request_spending_fund", Fund, may_request_spending)
add_perm("fund.approve_in_fund", Fund, may_approve_in_fund)
add_perm("fund.export_fund", Fund, takes_exports)
add_perm("fund.change_spendingrequest", SpendingRequest, made_request)
