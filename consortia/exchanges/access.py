"""Fetch an exchange *within* a partnership the caller already fetched for the user
(consortia.partnerships.access): missing, another partnership's and not allowed all
answer 404."""

from uuid import UUID

import rules
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from consortia.accounts.models import User
from consortia.partnerships.models import Partnership
from consortia.partnerships.rules import active_partners

from .models import Exchange

VIEW = "exchanges.view_exchange"


def exchange_get_for_user(
    user: User | AnonymousUser, partnership: Partnership, uuid: UUID, *, perm: str = VIEW
) -> Exchange:
    """The partnership's exchange `uuid` with its host and sender (from the active
    partners already loaded for the permission checks when they are still partners);
    404 when there is none or `perm` is not the user's."""
    exchange = (
        partnership.exchanges.filter(uuid=uuid)
        .select_related("host__organisation", "sender__organisation")
        .first()
    )
    if exchange is not None:
        exchange.partnership = partnership
        loaded = {p.pk: p for p in active_partners(partnership)}
        exchange.host = loaded.get(exchange.host_id, exchange.host)
        exchange.sender = loaded.get(exchange.sender_id, exchange.sender)
    if (
        exchange is None
        or not rules.has_perm(VIEW, user, exchange)
        or not rules.has_perm(perm, user, exchange)
    ):
        raise Http404("No such exchange.")
    return exchange
