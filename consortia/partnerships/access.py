"""Fetch partnership data for a user. The partnership is the privacy boundary:
missing and not allowed both answer 404."""

from uuid import UUID

import rules
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from consortia.accounts.models import User
from consortia.partnerships.rules import active_partners

from .models import Participant, Partner, Partnership, PartnershipInvitation, Representative


def partnership_get_for_user(
    user: User | AnonymousUser, uuid: UUID, *, perm: str = "partnerships.view_partnership"
) -> Partnership:
    partnership = Partnership.objects.filter(uuid=uuid).first()
    if partnership is None or not rules.has_perm(perm, user, partnership):
        raise Http404("No such partnership.")
    return partnership


def partner_get_for_user(
    user: User | AnonymousUser, partnership: Partnership, uuid: UUID, *, perm: str | None = None
) -> Partner:
    """An active partner of a partnership the caller already fetched for the user."""
    partner = next((p for p in active_partners(partnership) if p.uuid == uuid), None)
    if partner is None or (perm and not rules.has_perm(perm, user, partner)):
        raise Http404("No such partner.")
    return partner


def representative_get(partner: Partner, uuid: UUID) -> Representative:
    representative = next((r for r in partner.representatives.all() if r.uuid == uuid), None)
    if representative is None:
        raise Http404("No such representative.")
    return representative


def participant_get_for_user(
    user: User | AnonymousUser, partnership: Partnership, uuid: UUID, *, perm: str | None = None
) -> Participant:
    participant = partnership.participants.active().select_related("user").filter(uuid=uuid).first()
    if participant is not None:
        participant.partnership = partnership  # share the partners already loaded
    if participant is None or (perm and not rules.has_perm(perm, user, participant)):
        raise Http404("No such participant.")
    return participant


def invitation_get(partnership: Partnership, uuid: UUID) -> PartnershipInvitation:
    invitation = partnership.invitations.filter(uuid=uuid).first()
    if invitation is None:
        raise Http404("No such invitation.")
    return invitation
