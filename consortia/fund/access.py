"""Fetch the pooled fund, or one of its spending requests, *within* a partnership the
caller already fetched for the user (consortia.partnerships.access): no fund yet,
another partnership's request, and not allowed all answer 404."""

from uuid import UUID

import rules
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from consortia.accounts.models import User
from consortia.partnerships.models import Partnership

from .models import Fund, SpendingRequest
from .selectors import fund_get, request_get

VIEW = "fund.view_fund"


def fund_or_none_for_user(user: User | AnonymousUser, partnership: Partnership) -> Fund | None:
    """The partnership's fund, or None when it has not set one up (its overview says
    so); 404 when the user may not see it."""
    fund = fund_get(partnership)
    if fund is None:
        return None
    fund.partnership = partnership  # share the partners already loaded
    if not rules.has_perm(VIEW, user, fund):
        raise Http404("No such fund.")
    return fund


def fund_get_for_user(user: User | AnonymousUser, partnership: Partnership, *, perm: str = VIEW) -> Fund:
    """The partnership's fund; 404 when it has none or `perm` is not the user's."""
    fund = fund_or_none_for_user(user, partnership)
    if fund is None or not rules.has_perm(perm, user, fund):
        raise Http404("No such fund.")
    return fund


def request_get_for_user(
    user: User | AnonymousUser, partnership: Partnership, uuid: UUID, *, perm: str | None = None
) -> SpendingRequest:
    """The fund's spending request `uuid`, with what its page shows; 404 when there is
    none, or the fund or `perm` is not the user's."""
    fund = fund_get_for_user(user, partnership)
    request = request_get(fund, uuid)
    if request is None or (perm and not rules.has_perm(perm, user, request)):
        raise Http404("No such spending request.")
    request.fund = fund
    return request
