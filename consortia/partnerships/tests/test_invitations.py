"""Inviting partners and participants (partner_invite, participant_invite,
invitation_revoke, invitation_find): what each guarantees (permission, invariant,
event, email after commit), called directly with the `world` personas."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from consortia.core.errors import Conflict, Gone, ServiceError
from consortia.core.factories import UserFactory
from consortia.core.models import Event
from consortia.core.testing import assert_event, link_path, partnership_invitation
from consortia.partnerships import services
from consortia.partnerships.models import Partnership, PartnershipInvitation

# --- partner_invite / participant_invite / invitation_revoke ---------------------------


def test_it_invites_an_organisation_and_emails_a_working_link_after_commit(
    world, client, newcomer, mailoutbox, django_capture_on_commit_callbacks
):
    actor = world.users["convener_admin"]

    with django_capture_on_commit_callbacks() as callbacks:
        invitation = services.partner_invite(
            actor=actor,
            partnership=world.partnership,
            email=" NewComer@Example.org ",
            role="associate",
            message="Join us!",
        )
    assert mailoutbox == []  # not before the transaction commits
    for callback in callbacks:
        callback()

    assert (invitation.kind, invitation.email, invitation.role, invitation.status) == (
        "organisation",
        "newcomer@example.org",
        "associate",
        "pending",
    )
    assert invitation.invited_for == world.convener_org
    event = assert_event(
        "partner.invited", actor=actor, organisation=world.convener_org, partnership=world.partnership
    )
    assert event.payload == {"role": "associate"}
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["newcomer@example.org"]
    assert "Join us!" in mailoutbox[0].body
    path = link_path(mailoutbox[0].body)
    user, organisation = newcomer
    client.force_login(user)
    assert client.get(path).status_code == 200
    response = client.post(path, {"decision": "accept", "organisation": str(organisation.uuid)})
    assert response.status_code == 302
    assert world.partnership.partners.active().get(organisation=organisation).role == "associate"


def test_it_invites_an_individual_and_emails_a_working_link(
    world, client, mailoutbox, django_capture_on_commit_callbacks
):
    actor = world.users["convener_admin"]
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.participant_invite(
            actor=actor,
            partnership=world.partnership,
            email="chair@example.org",
            description="Independent chair",
        )

    assert (invitation.kind, invitation.role, invitation.description) == (
        "individual",
        "",
        "Independent chair",
    )
    assert_event(
        "participant.invited", actor=actor, organisation=world.convener_org, partnership=world.partnership
    )
    assert len(mailoutbox) == 1
    client.force_login(UserFactory(email="chair@example.org"))
    response = client.post(link_path(mailoutbox[0].body), {"decision": "accept"})
    assert response.status_code == 302
    assert world.partnership.participants.active().get(user__email="chair@example.org").description == (
        "Independent chair"
    )


@pytest.mark.parametrize("persona", ["partner_admin", "observer", "participant", "outsider", "site_admin"])
def test_it_lets_only_the_convener_invite(world, persona, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(PermissionDenied):
            services.partner_invite(
                actor=world.users[persona], partnership=world.partnership, email="x@example.org", role="core"
            )
        with pytest.raises(PermissionDenied):
            services.participant_invite(
                actor=world.users[persona], partnership=world.partnership, email="y@example.org"
            )

    assert not PartnershipInvitation.objects.exists()
    assert mailoutbox == []


@pytest.mark.parametrize("role", ["convener", "owner", ""])
def test_it_invites_organisations_only_as_core_associate_or_observer(world, role):
    with pytest.raises(ServiceError) as caught:
        services.partner_invite(
            actor=world.users["convener_admin"],
            partnership=world.partnership,
            email="x@example.org",
            role=role,
        )

    assert caught.value.field == "role"
    assert not PartnershipInvitation.objects.exists()


def test_it_refuses_a_second_pending_invitation_for_the_same_email(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    actor = world.users["convener_admin"]
    services.partner_invite(actor=actor, partnership=world.partnership, email="x@example.org", role="core")
    events = Event.objects.count()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Conflict) as caught:
        services.partner_invite(
            actor=actor, partnership=world.partnership, email="X@Example.org", role="observer"
        )

    assert caught.value.field == "email"
    assert PartnershipInvitation.objects.count() == 1
    assert Event.objects.count() == events
    assert mailoutbox == []


def test_it_allows_one_pending_invitation_per_email_and_kind_in_the_database(world):
    partnership_invitation(world.partnership, "dup@example.org")

    with pytest.raises(IntegrityError), transaction.atomic():
        PartnershipInvitation.objects.create(
            partnership=world.partnership,
            kind="organisation",
            email="DUP@example.org",
            role="core",
            token_hash="another",
            expires_at=timezone.now() + timedelta(days=1),
        )


def test_it_refuses_to_invite_someone_who_already_takes_part(world):
    with pytest.raises(Conflict):
        services.participant_invite(
            actor=world.users["convener_admin"], partnership=world.partnership, email="Carer@Example.org "
        )

    assert not PartnershipInvitation.objects.exists()


def test_it_refuses_to_invite_into_a_closed_partnership(world):
    Partnership.objects.filter(pk=world.partnership.pk).update(status="closed")
    world.partnership.refresh_from_db()

    with pytest.raises(Conflict):
        services.partner_invite(
            actor=world.users["convener_admin"],
            partnership=world.partnership,
            email="x@example.org",
            role="core",
        )

    assert not PartnershipInvitation.objects.exists()


def test_it_withdraws_an_invitation(world):
    actor = world.users["convener_admin"]
    invitation, _ = partnership_invitation(world.partnership, "x@example.org")

    services.invitation_revoke(actor=actor, invitation=invitation)

    invitation.refresh_from_db()
    assert (invitation.status, invitation.responded_by) == ("revoked", actor)
    assert_event(
        "partner.invitation_revoked",
        actor=actor,
        organisation=world.convener_org,
        partnership=world.partnership,
    )
    with pytest.raises(Conflict):
        services.invitation_revoke(actor=actor, invitation=invitation)


def test_it_credits_a_withdrawal_to_the_convener_withdrawing_not_the_one_that_invited(world):
    invitation, _ = partnership_invitation(world.partnership, "x@example.org")  # for the Convener Org
    services.convening_hand_over(
        actor=world.users["convener_admin"], partnership=world.partnership, to_partner=world.core_partner
    )
    actor = type(world.users["partner_admin"]).objects.get(pk=world.users["partner_admin"].pk)
    invitation = PartnershipInvitation.objects.get(pk=invitation.pk)

    services.invitation_revoke(actor=actor, invitation=invitation)

    assert invitation.invited_for == world.convener_org
    assert_event(
        "partner.invitation_revoked", actor=actor, organisation=world.core_org, partnership=world.partnership
    )


def test_it_lets_only_the_convener_withdraw_an_invitation(world):
    invitation, _ = partnership_invitation(world.partnership, "x@example.org")

    with pytest.raises(PermissionDenied):
        services.invitation_revoke(actor=world.users["partner_admin"], invitation=invitation)

    invitation.refresh_from_db()
    assert invitation.status == "pending"


# --- invitation_find ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "expires_in", "error", "code"),
    [
        ("accepted", timedelta(days=1), Conflict, 409),
        ("declined", timedelta(days=1), Conflict, 409),
        ("revoked", timedelta(days=1), Conflict, 409),
        ("pending", timedelta(seconds=-1), Gone, 410),
    ],
)
def test_it_says_why_an_invitation_link_cannot_be_used(world, status, expires_in, error, code):
    _, token = partnership_invitation(
        world.partnership, "x@example.org", status=status, expires_in=expires_in
    )

    with pytest.raises(error) as caught:
        services.invitation_find(token=token)

    assert caught.value.status_code == code


def test_it_refuses_an_unknown_token(world):
    with pytest.raises(ServiceError) as caught:
        services.invitation_find(token="forged")

    assert caught.value.status_code == 404


def test_it_refuses_someone_elses_invitation(world):
    _, token = partnership_invitation(world.partnership, "x@example.org")

    with pytest.raises(ServiceError) as caught:
        services.invitation_find(actor=world.users["outsider"], token=token)

    assert caught.value.status_code == 403


def test_it_finds_an_invitation_by_id_only_for_its_addressee(world):
    invitation, _ = partnership_invitation(world.partnership, "outsider@example.org")

    assert services.invitation_find(actor=world.users["outsider"], uuid=invitation.uuid) == invitation
    with pytest.raises(ServiceError) as caught:
        services.invitation_find(actor=world.users["observer"], uuid=invitation.uuid)
    assert caught.value.status_code == 404
