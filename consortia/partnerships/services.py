"""Every change to partnerships, partners, representatives and participants.

Each service runs in one transaction, checks the actor's permission (django-rules,
consortia/partnerships/rules.py), writes one event and sends email only after commit.
"""

from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from consortia.accounts.models import User
from consortia.core.errors import Conflict, ServiceError
from consortia.core.events import event_record
from consortia.core.invitations import InvitationStatus
from consortia.core.mail import email_schedule
from consortia.core.services import assign, refuse_if_closed, require
from consortia.organisations.models import Membership, Organisation

from .credit import CONVENING, credited_organisation
from .models import Participant, Partner, Partnership, PartnershipInvitation, Representative

INVITABLE_ROLES = (Partner.Role.CORE, Partner.Role.ASSOCIATE, Partner.Role.OBSERVER)
# Only an organisation's admins act for it: convene for it, accept an invitation for it.
MANAGE_ORGANISATION = "organisations.manage_organisation"


def _lock(partnership: Partnership) -> Partnership:
    """Serialise membership changes of one partnership (convener hand-over, joins,
    leaves) by locking its row; SQLite's IMMEDIATE transactions do the same."""
    locked = Partnership.objects.select_for_update().get(pk=partnership.pk)
    partnership.__dict__.pop("_active_partners", None)
    return locked


@transaction.atomic
def partnership_convene(*, actor: User, organisation: Organisation, name: str, purpose: str) -> Partnership:
    """Start a partnership convened by `organisation`, of which the actor must be an
    admin. The actor becomes the convener's first representative."""
    require(
        MANAGE_ORGANISATION,
        actor,
        organisation,
        refusal=PermissionDenied("Only an admin of the organisation can convene for it."),
    )
    partnership = Partnership(name=name.strip(), purpose=purpose.strip(), created_by=actor)
    partnership.full_clean()
    partnership.save()
    partner = Partner.objects.create(
        partnership=partnership, organisation=organisation, role=Partner.Role.CONVENER
    )
    Representative.objects.create(partner=partner, user=actor)
    event_record(
        actor=actor,
        verb="partnership.convened",
        obj=partnership,
        organisation=organisation,
        partnership=partnership,
    )
    return partnership


@transaction.atomic
def partnership_update(
    *, actor: User, partnership: Partnership, name: str, purpose: str, status: str
) -> Partnership:
    """Change name, purpose and status (convener only). Writes one event, none when
    nothing changed: `partnership.status_changed` ({"from", "to"}, and "fields" when
    the name or purpose changed too) when the status changed, so the feed and the
    health radar see it; otherwise `partnership.updated` with the changed fields."""
    require("partnerships.manage_partnership", actor, partnership)
    old_status = partnership.status
    # created_by is empty once its user is deleted (SET_NULL); that must not block edits.
    changed = assign(
        partnership,
        {"name": name.strip(), "purpose": purpose.strip(), "status": status},
        exclude=("created_by",),
    )
    if not changed:
        return partnership
    partnership.save()
    details = [field for field in changed if field != "status"]
    payload: dict[str, Any]
    if "status" in changed:
        verb, payload = "partnership.status_changed", {"from": old_status, "to": status}
        if details:
            payload["fields"] = details
    else:
        verb, payload = "partnership.updated", {"fields": details}
    event_record(
        actor=actor,
        verb=verb,
        obj=partnership,
        organisation=credited_organisation(actor, partnership, roles=CONVENING),
        partnership=partnership,
        payload=payload,
    )
    return partnership


def _invitation_send(
    *,
    actor: User,
    partnership: Partnership,
    kind: str,
    email: str,
    verb: str,
    template: str,
    payload: dict[str, Any] | None = None,
    **fields: Any,
) -> PartnershipInvitation:
    """Save a new invitation of `kind`, record `verb` and email its link after commit:
    what partner_invite and participant_invite share once they have checked theirs."""
    email = email.strip().lower()
    refuse_if_closed(partnership, "be invited")
    if partnership.invitations.filter(
        email__iexact=email, kind=kind, status=InvitationStatus.PENDING
    ).exists():
        raise Conflict(f"{email} already has an invitation waiting for a reply.", field="email")
    invitation, token = PartnershipInvitation.new(
        partnership=partnership,
        kind=kind,
        email=email,
        invited_by=actor,
        invited_for=credited_organisation(actor, partnership, roles=CONVENING),
        **fields,
    )
    invitation.full_clean(exclude=["token_hash"])
    invitation.save()
    event_record(
        actor=actor,
        verb=verb,
        obj=partnership,
        organisation=invitation.invited_for,
        partnership=partnership,
        payload=payload,
    )
    email_schedule(
        to=invitation.email,
        template=template,
        context={"invitation": invitation, "token": token, "inviter": actor},
    )
    return invitation


@transaction.atomic
def partner_invite(
    *, actor: User, partnership: Partnership, email: str, role: str, message: str = ""
) -> PartnershipInvitation:
    """Invite an organisation, through the email of someone who can act for it. An
    admin of the organisation accepts or declines on its behalf."""
    require("partnerships.manage_partnership", actor, partnership)
    if role not in INVITABLE_ROLES:
        raise ServiceError("Choose core partner, associate or observer.", field="role")
    return _invitation_send(
        actor=actor,
        partnership=partnership,
        kind="organisation",
        email=email,
        verb="partner.invited",
        template="partnerships/email/partner_invitation",
        payload={"role": role},
        role=role,
        message=message.strip(),
    )


@transaction.atomic
def participant_invite(
    *, actor: User, partnership: Partnership, email: str, description: str = "", message: str = ""
) -> PartnershipInvitation:
    """Invite an individual (a carer, an independent chair) to take part without an
    organisation."""
    require("partnerships.manage_partnership", actor, partnership)
    if partnership.participants.active().filter(user__email__iexact=email.strip()).exists():
        raise Conflict(f"{email.strip()} already takes part in this partnership.", field="email")
    return _invitation_send(
        actor=actor,
        partnership=partnership,
        kind="individual",
        email=email,
        verb="participant.invited",
        template="partnerships/email/participant_invitation",
        description=description.strip(),
        message=message.strip(),
    )


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: PartnershipInvitation) -> None:
    """Withdraw an invitation to the partnership (for an organisation or a person), so
    its link stops working. Only those who manage the partnership may; Conflict if it
    has been answered or withdrawn already. The event is credited as convening."""
    require("partnerships.manage_partnership", actor, invitation.partnership)
    invitation.withdraw(actor=actor)
    event_record(
        actor=actor,
        verb="partner.invitation_revoked",
        obj=invitation.partnership,
        organisation=credited_organisation(actor, invitation.partnership, roles=CONVENING),
        partnership=invitation.partnership,
    )


def invitation_find(
    *, actor: User | None = None, token: str | None = None, uuid: UUID | None = None
) -> PartnershipInvitation:
    """Find a usable invitation by the secret token of its link, or, for a signed-in
    addressee, by its id (from their dashboard). Raises a ServiceError that says why
    not: unknown (404), already answered (409), expired (410), someone else's (403):
    see Invitation.find_open."""
    return PartnershipInvitation.find_open(actor=actor, token=token, uuid=uuid)


@transaction.atomic
def partner_invitation_accept(
    *, actor: User, invitation: PartnershipInvitation, organisation: Organisation
) -> Partner:
    """An admin of `organisation` accepts an organisation invitation on its behalf.
    The organisation joins with the invited role and the actor becomes its first
    representative. Refused for an organisation the actor is not admin of, or one
    that is already a partner."""
    if invitation.kind != PartnershipInvitation.Kind.ORGANISATION:
        raise ServiceError("This invitation is for an individual, not an organisation.")
    require(
        MANAGE_ORGANISATION,
        actor,
        organisation,
        refusal=ServiceError("You can accept only for an organisation you are an admin of.", status_code=403),
    )
    partnership = _lock(invitation.partnership)
    refuse_if_closed(partnership, "join it")
    invitation = invitation.claim(actor=actor, status=InvitationStatus.ACCEPTED)
    if partnership.partners.active().filter(organisation=organisation).exists():
        raise Conflict(f"{organisation} is already a partner in {partnership}.")
    partner = Partner.objects.create(partnership=partnership, organisation=organisation, role=invitation.role)
    Representative.objects.create(partner=partner, user=actor)
    invitation.accepted_organisation = organisation
    invitation.save()
    event_record(
        actor=actor,
        verb="partner.joined",
        obj=partner,
        organisation=organisation,
        partnership=partnership,
        object_repr=partner.get_role_display().lower(),
        payload={"role": partner.role},
    )
    return partner


@transaction.atomic
def participant_invitation_accept(*, actor: User, invitation: PartnershipInvitation) -> Participant:
    """The invited person joins as an individual participant."""
    if invitation.kind != PartnershipInvitation.Kind.INDIVIDUAL:
        raise ServiceError("This invitation is for an organisation: accept it for one.")
    partnership = _lock(invitation.partnership)
    refuse_if_closed(partnership, "join it")
    invitation = invitation.claim(actor=actor, status=InvitationStatus.ACCEPTED)
    if partnership.participants.active().filter(user=actor).exists():
        raise Conflict("You already take part in this partnership.")
    participant = Participant.objects.create(
        partnership=partnership, user=actor, description=invitation.description
    )
    invitation.save()
    event_record(
        actor=actor,
        verb="participant.joined",
        obj=participant,
        partnership=partnership,
        object_repr=participant.description or actor.display_name,
    )
    return participant


@transaction.atomic
def invitation_decline(*, actor: User, invitation: PartnershipInvitation) -> PartnershipInvitation:
    """The invited person declines (for their organisation, or for themselves)."""
    invitation = invitation.claim(actor=actor, status=InvitationStatus.DECLINED)
    invitation.save()
    verb = "partner.declined" if invitation.kind == "organisation" else "participant.declined"
    event_record(actor=actor, verb=verb, obj=invitation.partnership, partnership=invitation.partnership)
    return invitation


@transaction.atomic
def partner_role_change(*, actor: User, partner: Partner, role: str) -> Partner:
    """The convener changes another partner's role. Convening moves only by hand-over."""
    # Re-read the partner and check permission under the lock: a hand-over that just
    # committed may have made this partner the convener (or the actor no longer one).
    partnership = _lock(partner.partnership)
    partner = partnership.partners.select_related("organisation").get(pk=partner.pk)
    require("partnerships.change_role_of_partner", actor, partner)
    if partner.left_at is not None:
        raise Conflict("This organisation is no longer a partner.")
    if partner.role == Partner.Role.CONVENER:
        raise Conflict("To change the convener, hand over convening to another partner.")
    if role not in INVITABLE_ROLES:
        raise ServiceError("Choose core partner, associate or observer.", field="role")
    old = partner.role
    partner.role = role
    partner.save(update_fields=["role", "updated_at"])
    event_record(
        actor=actor,
        verb="partner.role_changed",
        obj=partner,
        organisation=credited_organisation(actor, partnership, roles=CONVENING),
        partnership=partner.partnership,
        object_repr=str(partner.organisation),
        payload={"from": old, "to": role},
    )
    return partner


@transaction.atomic
def convening_hand_over(*, actor: User, partnership: Partnership, to_partner: Partner) -> Partner:
    """Make another active partner the convener; the old convener becomes a core
    partner. Order matters: the one-convener constraint must hold after each write."""
    # Check permission after taking the lock, against the convener as it is now: a
    # hand-over that committed meanwhile means the actor may no longer convene.
    partnership = _lock(partnership)
    require("partnerships.manage_partnership", actor, partnership)
    credited = credited_organisation(actor, partnership, roles=CONVENING)  # before the roles change
    current = partnership.partners.active().get(role=Partner.Role.CONVENER)
    chosen = partnership.partners.active().filter(pk=to_partner.pk).first()
    if chosen is None:
        raise ServiceError("Choose an organisation that is a partner now.", field="partner")
    if chosen.pk == current.pk:
        raise ServiceError("That organisation already convenes this partnership.", field="partner")
    current.role = Partner.Role.CORE
    current.save(update_fields=["role", "updated_at"])
    chosen.role = Partner.Role.CONVENER
    chosen.save(update_fields=["role", "updated_at"])
    event_record(
        actor=actor,
        verb="partnership.convening_handed_over",
        obj=chosen,
        organisation=credited,
        partnership=partnership,
        object_repr=str(chosen.organisation),
    )
    return chosen


@transaction.atomic
def partner_leave(*, actor: User, partner: Partner) -> Partner:
    """An admin of the partner organisation takes it out of the partnership. The
    convener must hand over convening first, so a partnership is never leaderless."""
    require("partnerships.act_for_partner", actor, partner)
    partnership = _lock(partner.partnership)
    # Re-read under the lock: a hand-over that just committed may have made this
    # partner the convener, and a second click must not leave twice.
    partner = partnership.partners.select_related("organisation").get(pk=partner.pk)
    if partner.left_at is not None:
        raise Conflict(f"{partner.organisation} has already left this partnership.")
    if partner.role == Partner.Role.CONVENER:
        raise Conflict("The convener cannot leave. Hand over convening to another partner first.")
    partner.left_at = timezone.now()
    partner.save(update_fields=["left_at", "updated_at"])
    event_record(
        actor=actor,
        verb="partner.left",
        obj=partner,
        organisation=partner.organisation,
        partnership=partner.partnership,
        object_repr=str(partner.organisation),
    )
    return partner


@transaction.atomic
def representative_add(*, actor: User, partner: Partner, user: User) -> Representative:
    """Name a member of the partner organisation as one of its representatives."""
    require("partnerships.act_for_partner", actor, partner)
    if not Membership.objects.filter(organisation_id=partner.organisation_id, user=user).exists():
        raise ServiceError(f"Only members of {partner.organisation} can represent it.", field="user")
    # Lock the partner so two simultaneous adds of the same person queue up and the
    # second gets a clear 409, not the unique constraint's error.
    Partner.objects.select_for_update().filter(pk=partner.pk).first()
    if partner.representatives.filter(user=user).exists():
        raise Conflict(f"{user.display_name} already represents {partner.organisation}.", field="user")
    representative = Representative.objects.create(partner=partner, user=user)
    event_record(
        actor=actor,
        verb="partner.representative_added",
        obj=partner,
        organisation=partner.organisation,
        partnership=partner.partnership,
        object_repr=str(partner.organisation),
        payload={"representative": user.display_name},
    )
    return representative


@transaction.atomic
def representative_remove(*, actor: User, representative: Representative) -> None:
    """Stop a person representing their partner organisation (an admin of that
    organisation). Writes `partner.representative_removed`, credited to the partner's
    organisation."""
    partner = representative.partner
    require("partnerships.act_for_partner", actor, partner)
    representative.delete()
    event_record(
        actor=actor,
        verb="partner.representative_removed",
        obj=partner,
        organisation=partner.organisation,
        partnership=partner.partnership,
        object_repr=str(partner.organisation),
        payload={"representative": representative.user.display_name},
    )


@transaction.atomic
def participant_remove(*, actor: User, participant: Participant) -> Participant:
    """The convener removes an individual participant, or the participant leaves."""
    require("partnerships.remove_participant", actor, participant)
    # Read left_at again under a row lock, so a double click cannot remove twice.
    left_at = Participant.objects.select_for_update().values_list("left_at", flat=True).get(pk=participant.pk)
    if participant.left_at is not None or left_at is not None:
        raise Conflict("This person no longer takes part.")
    participant.left_at = timezone.now()
    participant.save(update_fields=["left_at", "updated_at"])
    leaving = participant.user_id == actor.pk
    event_record(
        actor=actor,
        verb="participant.left" if leaving else "participant.removed",
        obj=participant,
        organisation=None
        if leaving
        else credited_organisation(actor, participant.partnership, roles=CONVENING),
        partnership=participant.partnership,
        object_repr=participant.user.display_name,
    )
    return participant
