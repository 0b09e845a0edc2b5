"""Fetch a health check round, or a partner to rate for, *within* a partnership the
caller already fetched for the user (consortia.partnerships.access): missing, another
partnership's and not allowed all answer 404."""

from uuid import UUID

import rules
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from consortia.accounts.models import User
from consortia.partnerships.models import Partner, Partnership
from consortia.partnerships.rules import active_partners

from .models import Round

VIEW = "health.view_round"


def round_get_for_user(
    user: User | AnonymousUser, partnership: Partnership, uuid: UUID, *, perm: str = VIEW
) -> Round:
    """The partnership's round `uuid`; 404 when there is none or `perm` is not the user's."""
    round = partnership.health_rounds.filter(uuid=uuid).first()
    if round is not None:
        round.partnership = partnership
    if round is None or not rules.has_perm(VIEW, user, round) or not rules.has_perm(perm, user, round):
        raise Http404("No such health check.")
    return round


def partner_in(
    user: User | AnonymousUser, partnership: Partnership, uuid: UUID, *, perm: str | None = None
) -> Partner:
    """An active partner of the partnership (already loaded for the permission checks)
    for which `perm` is the user's; 404 for any other."""
    partner = next((p for p in active_partners(partnership) if p.uuid == uuid), None)
    if partner is None or (perm and not rules.has_perm(perm, user, partner)):
        raise Http404("No such partner.")
    return partner
