"""Fetch canvas objects by uuid *within* a partnership the caller already fetched for
the user (consortia.partnerships.access): missing, another partnership's and not
allowed all answer 404."""

from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from consortia.accounts.models import User
from consortia.partnerships.access import partner_get_for_user
from consortia.partnerships.models import Partnership

from .models import Indicator, Need, Outcome, Pledge, Step


def step_get(step: str) -> Step:
    if step not in Step.values:
        raise Http404("No such step.")
    return Step(step)


def outcome_get(partnership: Partnership, uuid: UUID) -> Outcome:
    outcome = partnership.outcomes.filter(uuid=uuid).first()
    if outcome is None:
        raise Http404("No such outcome.")
    return outcome


def indicator_get(partnership: Partnership, uuid: UUID) -> Indicator:
    indicator = (
        Indicator.objects.filter(uuid=uuid, outcome__partnership=partnership)
        .select_related("outcome")
        .first()
    )
    if indicator is None:
        raise Http404("No such indicator.")
    indicator.outcome.partnership = partnership
    return indicator


def need_get(partnership: Partnership, uuid: UUID) -> Need:
    need = partnership.needs.filter(uuid=uuid).first()
    if need is None:
        raise Http404("No such need.")
    return need


def pledge_get_for_user(
    user: User | AnonymousUser,
    partnership: Partnership,
    uuid: UUID,
    *,
    perm: str = "canvas.pledge_for_partner",
) -> Pledge:
    """A pledge of an active partner, for a member of that partner (`perm`)."""
    pledge = partnership.pledges.filter(uuid=uuid).select_related("partner").first()
    if pledge is None:
        raise Http404("No such pledge.")
    pledge.partner = partner_get_for_user(user, partnership, pledge.partner.uuid, perm=perm)
    return pledge
