"""Who may do what with the contributions ledger (see consortia/core/rules.py).

Every member of the partnership (partners' people and individual participants) sees
the ledger, its rate card and its exports. A partner's admins and named
representatives (`speaks_for`) record entries for their own partner; the convener's
admins record for any partner. Whoever may record for an entry's partner may reverse
that entry. The convener's and core partners' admins set the rate card.
"""

import rules
from django.contrib.auth.models import AnonymousUser

from consortia.accounts.models import User
from consortia.core.rules import add_perm, is_site_admin
from consortia.organisations.rules import memberships_by_org
from consortia.partnerships.models import Partner, Partnership
from consortia.partnerships.rules import (
    active_partners,
    is_convener_admin,
    is_partnership_member,
    partners_of_user,
    speaks_for,
)

from .models import Entry


@rules.predicate
def convenes_partners_partnership(user: User | AnonymousUser, partner: Partner | None) -> bool:
    return (
        partner is not None and partner.left_at is None and bool(is_convener_admin(user, partner.partnership))
    )


@rules.predicate
def records_for_entrys_partner(user: User | AnonymousUser, entry: Entry | None) -> bool:
    if entry is None:
        return False
    partner = next((p for p in active_partners(entry.partnership) if p.pk == entry.partner_id), None)
    return partner is not None and bool(
        speaks_for(user, partner) or convenes_partners_partnership(user, partner)
    )


@rules.predicate
def may_record_in_partnership(user: User | AnonymousUser, partnership: Partnership | None) -> bool:
    """The user may record an entry for at least one partner (the "Record" button)."""
    if partnership is None:
        return False
    if is_convener_admin(user, partnership):
        return True
    return any(speaks_for(user, p) for p in partners_of_user(user, partnership))


@rules.predicate
def is_core_admin(user: User | AnonymousUser, partnership: Partnership | None) -> bool:
    """An admin of the convening or a core partner organisation."""
    if partnership is None:
        return False
    roles = memberships_by_org(user)
    return any(
        p.role in ("convener", "core") and roles.get(p.organisation_id) == "admin"
        for p in active_partners(partnership)
    )


add_perm("contributions.view_ledger_of_partnership", Partnership, is_partnership_member | is_site_admin)
add_perm("contributions.record_entry_in_partnership", Partnership, may_record_in_partnership)
add_perm("contributions.record_entry_for_partner", Partner, speaks_for | convenes_partners_partnership)
add_perm("contributions.reverse_entry", Entry, records_for_entrys_partner)
add_perm("contributions.set_rate_in_partnership", Partnership, is_core_admin)
