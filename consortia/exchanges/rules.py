"""Who may do what with exchanges (see consortia/core/rules.py).

Everyone who sees the partnership sees its exchanges and their reflections. An
organisation's admins act for it as a partner (partnerships' `is_partner_admin`):
they propose an exchange for it (offering to host, or asking to send people), agree
to one, name its people, cancel and complete it. Representatives who are not
admins, plain members and observers of other partners only read. The DBS check is
confirmed by the admins of the side named to confirm it. A participant writes their
own reflection.
"""

import rules
from django.contrib.auth.models import AnonymousUser

from consortia.accounts.models import User
from consortia.core.rules import add_perm, is_site_admin
from consortia.partnerships.models import Partnership
from consortia.partnerships.rules import is_partner_admin, is_partnership_member, partners_of_user

from .models import Exchange


@rules.predicate
def may_propose_exchange(user: User | AnonymousUser, partnership: Partnership | None) -> bool:
    """An admin of one of the partnership's active partners."""
    return partnership is not None and any(
        is_partner_admin(user, p) for p in partners_of_user(user, partnership)
    )


@rules.predicate
def sees_exchange(user: User | AnonymousUser, exchange: Exchange | None) -> bool:
    return exchange is not None and bool(
        is_partnership_member(user, exchange.partnership) or is_site_admin(user)
    )


@rules.predicate
def acts_for_exchange(user: User | AnonymousUser, exchange: Exchange | None) -> bool:
    """An admin of the host or of the sending organisation."""
    return exchange is not None and bool(
        is_partner_admin(user, exchange.host) or is_partner_admin(user, exchange.sender)
    )


@rules.predicate
def confirms_dbs(user: User | AnonymousUser, exchange: Exchange | None) -> bool:
    """An admin of the side named to confirm the DBS check, when one is needed."""
    return (
        exchange is not None
        and exchange.dbs_needed
        and bool(is_partner_admin(user, exchange.side_partner(exchange.dbs_confirmer)))
    )


@rules.predicate
def takes_part(user: User | AnonymousUser, exchange: Exchange | None) -> bool:
    """Named on the exchange (one query, kept on the exchange for the request)."""
    if exchange is None or not user.is_authenticated:
        return False
    ids: set[int] | None = exchange.__dict__.get("_participant_ids")
    if ids is None:
        ids = set(exchange.participants.values_list("user_id", flat=True))
        exchange.__dict__["_participant_ids"] = ids
    return user.pk in ids


add_perm("exchanges.add_exchange_in_partnership", Partnership, may_propose_exchange)
add_perm("exchanges.view_exchange", Exchange, sees_exchange)
add_perm("exchanges.change_exchange", Exchange, acts_for_exchange)
add_perm("exchanges.confirm_dbs_exchange", Exchange, confirms_dbs)
add_perm("exchanges.reflect_exchange", Exchange, takes_part)
