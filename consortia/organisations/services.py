"""Every change to organisations, their members and offers goes through here."""

from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from consortia.accounts.models import User
from consortia.core.errors import Conflict, ServiceError
from consortia.core.events import event_record
from consortia.core.invitations import ANSWER_FIELDS, InvitationStatus
from consortia.core.mail import email_schedule
from consortia.core.services import assign, require
from consortia.organisations.rules import memberships_forget

from .models import (
    Expertise,
    Membership,
    Offer,
    Organisation,
    OrganisationInvitation,
    normalise_reference,
)
from .signals import membership_ended

PROFILE_FIELDS = (
    "name",
    "kind",
    "charity_number",
    "company_number",
    "description",
    "area_served",
    "website",
    "paid_staff",
    "volunteers",
    "listed_in_directory",
)


def _lock(organisation: Organisation) -> Organisation:
    """Lock the organisation row so concurrent membership changes queue up; without
    it two admins leaving at once could both pass the 'last admin' check."""
    return Organisation.objects.select_for_update().get(pk=organisation.pk)


def _set_expertise(organisation: Organisation, topics: list[str]) -> bool:
    """Keep the organisation's topics (case-insensitively); True when any changed."""
    wanted: dict[str, str] = {}
    for topic in topics:
        topic = " ".join(topic.split())[:100]
        if topic:
            wanted.setdefault(topic.lower(), topic)
    existing = {e.topic.lower(): e for e in organisation.expertise.all()}
    gone = [e.pk for key, e in existing.items() if key not in wanted]
    new = [Expertise(organisation=organisation, topic=t) for k, t in wanted.items() if k not in existing]
    Expertise.objects.filter(pk__in=gone).delete()
    Expertise.objects.bulk_create(new)
    return bool(gone or new)


def _apply_profile(organisation: Organisation, data: dict[str, Any]) -> list[str]:
    new = {field: data[field] for field in PROFILE_FIELDS if field in data}
    for field in ("charity_number", "company_number"):
        if field in new:
            new[field] = normalise_reference(new[field] or "")
    # created_by is not part of the profile, and is empty once its user is deleted
    # (SET_NULL); validating it would make such an organisation impossible to edit.
    return assign(organisation, new, exclude=("created_by",))


@transaction.atomic
def organisation_create(*, actor: User, expertise: list[str] | None = None, **data: Any) -> Organisation:
    """Create an organisation with the actor as its first admin. Writes
    `organisation.created`."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("Sign in to create an organisation.")
    organisation = Organisation(created_by=actor)
    _apply_profile(organisation, data)
    organisation.save()
    Membership.objects.create(organisation=organisation, user=actor, role=Membership.Role.ADMIN)
    memberships_forget(actor)
    _set_expertise(organisation, expertise or [])
    event_record(actor=actor, verb="organisation.created", obj=organisation, organisation=organisation)
    return organisation


@transaction.atomic
def organisation_update(
    *, actor: User, organisation: Organisation, expertise: list[str] | None = None, **data: Any
) -> Organisation:
    """Change the profile. Only the organisation's admins may. Writes
    `organisation.updated` with the names of the changed fields, or nothing when
    none changed."""
    require("organisations.manage_organisation", actor, organisation)
    changed = _apply_profile(organisation, data)
    if expertise is not None and _set_expertise(organisation, expertise):
        changed.append("expertise")
    if not changed:
        return organisation
    organisation.save()
    event_record(
        actor=actor,
        verb="organisation.updated",
        obj=organisation,
        organisation=organisation,
        payload={"fields": changed},
    )
    return organisation


@transaction.atomic
def member_invite(
    *, actor: User, organisation: Organisation, email: str, role: str = Membership.Role.MEMBER
) -> OrganisationInvitation:
    """Invite a colleague by email. Refuses an address that is already a member or
    already has a pending invitation. Emails a single-use link after commit."""
    require("organisations.manage_organisation", actor, organisation)
    email = email.strip().lower()
    if role not in Membership.Role.values:
        raise ServiceError("Choose admin or member.", field="role")
    if organisation.memberships.filter(user__email__iexact=email).exists():
        raise Conflict(f"{email} is already a member of {organisation}.", field="email")
    if organisation.invitations.filter(email__iexact=email, status=InvitationStatus.PENDING).exists():
        raise Conflict(f"{email} has already been invited and has not replied yet.", field="email")
    invitation, token = OrganisationInvitation.new(
        organisation=organisation, email=email, role=role, invited_by=actor
    )
    invitation.save()
    event_record(
        actor=actor,
        verb="organisation.member_invited",
        obj=organisation,
        organisation=organisation,
        payload={"role": role},
    )
    email_schedule(
        to=email,
        template="organisations/email/member_invitation",
        context={"invitation": invitation, "token": token, "inviter": actor},
    )
    return invitation


@transaction.atomic
def member_invitation_revoke(*, actor: User, invitation: OrganisationInvitation) -> None:
    """Withdraw a colleague invitation, so its link stops working. Only an admin of the
    organisation may; Conflict if it has been answered or withdrawn already."""
    require("organisations.manage_organisation", actor, invitation.organisation)
    invitation.withdraw(actor=actor)
    event_record(
        actor=actor,
        verb="organisation.invitation_revoked",
        obj=invitation.organisation,
        organisation=invitation.organisation,
    )


def member_invitation_find(
    *, actor: User | None = None, token: str | None = None, uuid: UUID | None = None
) -> OrganisationInvitation:
    """Find a usable invitation by its link's token, or for the signed-in addressee
    by its id. Raises a ServiceError saying why not (unknown 404, used 409,
    expired 410, someone else's 403): see Invitation.find_open."""
    return OrganisationInvitation.find_open(actor=actor, token=token, uuid=uuid)


@transaction.atomic
def member_invitation_accept(*, actor: User, invitation: OrganisationInvitation) -> Membership:
    """Accept a colleague invitation: the signed-in user, whose email must be the
    invited one, becomes a member. The invitation can be used once."""
    # The organisation's row first, then the invitation's (as partnerships do): two
    # tabs accepting at once queue up, and the second finds the invitation used.
    organisation = _lock(invitation.organisation)
    invitation = invitation.claim(actor=actor, status=InvitationStatus.ACCEPTED)
    if organisation.memberships.filter(user=actor).exists():
        raise Conflict(f"You are already a member of {organisation}.")
    membership = Membership.objects.create(organisation=organisation, user=actor, role=invitation.role)
    memberships_forget(actor)
    invitation.save(update_fields=ANSWER_FIELDS)
    event_record(
        actor=actor,
        verb="organisation.member_joined",
        obj=organisation,
        organisation=organisation,
        payload={"role": membership.role},
    )
    return membership


def _other_admins_exist(organisation: Organisation, membership: Membership) -> bool:
    return organisation.memberships.filter(role=Membership.Role.ADMIN).exclude(pk=membership.pk).exists()


@transaction.atomic
def member_remove(*, actor: User, membership: Membership) -> None:
    """An admin removes a member. The last admin cannot be removed (nor leave).
    Sends `membership_ended`: the person stops representing the organisation."""
    organisation = _lock(membership.organisation)
    require("organisations.manage_organisation", actor, organisation)
    if membership.is_admin and not _other_admins_exist(organisation, membership):
        raise Conflict("An organisation needs at least one admin. Make someone else an admin first.")
    membership.delete()
    memberships_forget(membership.user)
    membership_ended.send(sender=Membership, organisation=organisation, user=membership.user)
    event_record(
        actor=actor,
        verb="organisation.member_removed",
        obj=organisation,
        organisation=organisation,
        payload={"member": membership.user.display_name},
    )


@transaction.atomic
def member_leave(*, actor: User, organisation: Organisation) -> None:
    """The actor leaves the organisation, unless they are its last admin.
    Sends `membership_ended`: they stop representing the organisation."""
    organisation = _lock(organisation)
    membership = organisation.memberships.filter(user=actor).first()
    if membership is None:
        raise ServiceError("You are not a member of this organisation.", status_code=404)
    if membership.is_admin and not _other_admins_exist(organisation, membership):
        raise Conflict("You are the last admin. Make someone else an admin before you leave.")
    membership.delete()
    memberships_forget(actor)
    membership_ended.send(sender=Membership, organisation=organisation, user=actor)
    event_record(actor=actor, verb="organisation.member_left", obj=organisation, organisation=organisation)


@transaction.atomic
def member_role_change(*, actor: User, membership: Membership, role: str) -> Membership:
    """Make a member an admin, or an admin a member (the organisation's admins
    only). The last admin stays one, checked under the organisation's row lock.
    Writes `organisation.member_role_changed` with who, from and to."""
    organisation = _lock(membership.organisation)
    require("organisations.manage_organisation", actor, organisation)
    if role not in Membership.Role.values:
        raise ServiceError("Choose admin or member.", field="role")
    if (
        membership.is_admin
        and role != Membership.Role.ADMIN
        and not _other_admins_exist(organisation, membership)
    ):
        raise Conflict("An organisation needs at least one admin. Make someone else an admin first.")
    old = membership.role
    membership.role = role
    membership.save(update_fields=["role", "updated_at"])
    memberships_forget(membership.user)
    event_record(
        actor=actor,
        verb="organisation.member_role_changed",
        obj=organisation,
        organisation=organisation,
        payload={"member": membership.user.display_name, "from": old, "to": role},
    )
    return membership


@transaction.atomic
def offer_add(*, actor: User, organisation: Organisation, category: str, description: str) -> Offer:
    """Record something the organisation can bring to partnerships in general."""
    require("organisations.manage_organisation", actor, organisation)
    offer = Offer(organisation=organisation, category=category, description=description.strip())
    offer.full_clean()
    try:
        offer.save()
    except IntegrityError as exc:  # a check constraint: only reachable by bypassing forms
        raise ServiceError("That offer is not valid.") from exc
    event_record(actor=actor, verb="organisation.offer_added", obj=offer, organisation=organisation)
    return offer


@transaction.atomic
def offer_remove(*, actor: User, offer: Offer) -> None:
    """Remove an offer (the organisation's admins only). Writes
    `organisation.offer_removed`."""
    require("organisations.manage_organisation", actor, offer.organisation)
    event_record(actor=actor, verb="organisation.offer_removed", obj=offer, organisation=offer.organisation)
    offer.delete()
