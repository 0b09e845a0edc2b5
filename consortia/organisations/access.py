"""Fetch an organisation (or its parts) for a user: missing and not allowed both
answer 404, so nobody can probe which organisations exist."""

from uuid import UUID

import rules
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from consortia.accounts.models import User

from .models import Membership, Offer, Organisation, OrganisationInvitation


def organisation_get_for_user(
    user: User | AnonymousUser, uuid: UUID, *, perm: str = "organisations.view_organisation"
) -> Organisation:
    organisation = Organisation.objects.filter(uuid=uuid).first()
    if organisation is None or not rules.has_perm(perm, user, organisation):
        raise Http404("No such organisation.")
    return organisation


def membership_get(organisation: Organisation, uuid: UUID) -> Membership:
    membership = organisation.memberships.select_related("user").filter(uuid=uuid).first()
    if membership is None:
        raise Http404("No such member.")
    return membership


def offer_get(organisation: Organisation, uuid: UUID) -> Offer:
    offer = organisation.offers.filter(uuid=uuid).first()
    if offer is None:
        raise Http404("No such offer.")
    return offer


def member_invitation_get(organisation: Organisation, uuid: UUID) -> OrganisationInvitation:
    invitation = organisation.invitations.filter(uuid=uuid).first()
    if invitation is None:
        raise Http404("No such invitation.")
    return invitation
