"""Inviting colleagues to an organisation (member_invite, member_invitation_revoke,
member_invitation_find, accepting): what each guarantees (permission, invariant,
event, email after commit), called directly with the `world` personas."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from consortia.core.errors import Conflict, Gone, ServiceError
from consortia.core.factories import UserFactory
from consortia.core.models import Event
from consortia.core.testing import assert_event, link_path, member_invitation, text
from consortia.core.tokens import token_hash
from consortia.organisations import services
from consortia.organisations.models import InvitationStatus, Membership, OrganisationInvitation

from .conftest import invite, membership_of

# --- member_invite ---------------------------------------------------------------------


def test_it_invites_a_colleague_and_stores_only_a_hash_of_the_link(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    actor = world.users["partner_admin"]

    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(world, email="  New.Colleague@Example.ORG ", role="admin")

    assert invitation.status == InvitationStatus.PENDING
    assert invitation.email == "new.colleague@example.org"
    assert invitation.role == "admin"
    assert invitation.invited_by == actor
    assert invitation.expires_at > timezone.now() + timedelta(days=13)
    event = assert_event("organisation.member_invited", actor=actor, organisation=world.core_org)
    assert event.payload == {"role": "admin"}
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["new.colleague@example.org"]
    token = link_path(mailoutbox[0].body).rstrip("/").rsplit("/", 1)[1]
    assert invitation.token_hash == token_hash(token)
    assert token not in invitation.token_hash


def test_it_sends_the_invitation_email_only_after_commit(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        invite(world)
        assert mailoutbox == []

    assert mailoutbox == []  # still inside the test's transaction
    # The email's and the event's (core/events.py sends `event_recorded` after commit).
    assert len(callbacks) == 2
    for callback in callbacks:
        callback()
    assert len(mailoutbox) == 1


def test_it_sends_no_email_when_the_invitation_is_refused(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(Conflict):
        invite(world, email="core-member@example.org")

    assert callbacks == []
    assert mailoutbox == []


def test_it_emails_a_link_that_lets_the_colleague_join(
    world, client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(world, email="new.colleague@example.org")
    path = link_path(mailoutbox[0].body)
    newcomer = UserFactory(email="new.colleague@example.org")
    client.force_login(newcomer)

    page = client.get(path)
    assert page.status_code == 200
    assert "Core Org" in text(page)
    response = client.post(path)

    assert response.status_code == 302
    assert response["Location"] == reverse("organisations:detail", args=[world.core_org.uuid])
    assert membership_of(newcomer, world.core_org).role == "member"


@pytest.mark.parametrize("persona", ["partner_member", "outsider", "convener_admin"])
def test_it_lets_only_admins_invite_colleagues(world, persona, mailoutbox):
    with pytest.raises(PermissionDenied):
        invite(world, actor=world.users[persona])

    assert not OrganisationInvitation.objects.exists()
    assert mailoutbox == []


def test_it_refuses_to_invite_an_existing_member_whatever_the_case(world):
    with pytest.raises(Conflict) as caught:
        invite(world, email="CORE-Member@example.org")

    assert caught.value.field == "email"
    assert caught.value.status_code == 409
    assert not OrganisationInvitation.objects.exists()


def test_it_refuses_a_second_pending_invitation_for_the_same_email(world):
    invite(world, email="twice@example.org")

    with pytest.raises(Conflict) as caught:
        invite(world, email="Twice@Example.org")

    assert caught.value.field == "email"
    assert OrganisationInvitation.objects.count() == 1


def test_it_invites_again_once_the_earlier_invitation_was_withdrawn(world):
    first = invite(world, email="again@example.org")
    services.member_invitation_revoke(actor=world.users["partner_admin"], invitation=first)

    second = invite(world, email="again@example.org")

    assert second.pk != first.pk
    assert OrganisationInvitation.objects.filter(status="pending").get() == second


def test_it_refuses_an_unknown_role(world):
    with pytest.raises(ServiceError) as caught:
        invite(world, role="owner")

    assert caught.value.field == "role"
    assert not OrganisationInvitation.objects.exists()


def test_it_allows_one_pending_invitation_per_email_in_the_database(world):
    member_invitation(world.core_org, "dup@example.org")

    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationInvitation.objects.create(
            organisation=world.core_org,
            email="DUP@example.org",
            token_hash="another-hash",
            expires_at=timezone.now() + timedelta(days=1),
        )


# --- member_invitation_revoke ----------------------------------------------------------


def test_it_withdraws_a_pending_invitation(world):
    actor = world.users["partner_admin"]
    invitation, _ = member_invitation(world.core_org, "someone@example.org")

    services.member_invitation_revoke(actor=actor, invitation=invitation)

    invitation.refresh_from_db()
    assert (invitation.status, invitation.responded_by) == ("revoked", actor)
    assert_event("organisation.invitation_revoked", actor=actor, organisation=world.core_org)


def test_it_lets_only_admins_withdraw_invitations(world):
    invitation, _ = member_invitation(world.core_org, "someone@example.org")

    with pytest.raises(PermissionDenied):
        services.member_invitation_revoke(actor=world.users["partner_member"], invitation=invitation)

    invitation.refresh_from_db()
    assert invitation.status == "pending"


def test_it_refuses_to_withdraw_an_answered_invitation(world):
    invitation, _ = member_invitation(world.core_org, "someone@example.org", status="accepted")

    with pytest.raises(Conflict):
        services.member_invitation_revoke(actor=world.users["partner_admin"], invitation=invitation)


# --- member_invitation_find / accept -------------------------------------------------------


def test_it_finds_an_invitation_by_the_token_of_its_link(world):
    invitation, token = member_invitation(world.core_org, "someone@example.org")

    assert services.member_invitation_find(token=token) == invitation


def test_it_finds_an_invitation_by_id_only_for_its_addressee(world):
    invitation, _ = member_invitation(world.core_org, "outsider@example.org")

    assert services.member_invitation_find(actor=world.users["outsider"], uuid=invitation.uuid) == invitation
    with pytest.raises(ServiceError) as caught:
        services.member_invitation_find(actor=world.users["observer"], uuid=invitation.uuid)
    assert caught.value.status_code == 404


@pytest.mark.parametrize(
    ("status", "expires_in", "code"),
    [
        ("accepted", timedelta(days=1), 409),
        ("revoked", timedelta(days=1), 409),
        ("pending", timedelta(seconds=-1), 410),
    ],
)
def test_it_says_why_an_invitation_cannot_be_used(world, status, expires_in, code):
    _, token = member_invitation(world.core_org, "someone@example.org", status=status, expires_in=expires_in)

    with pytest.raises(ServiceError) as caught:
        services.member_invitation_find(token=token)

    assert caught.value.status_code == code
    assert isinstance(caught.value, Gone if code == 410 else Conflict)


def test_it_refuses_an_unknown_token(world):
    with pytest.raises(ServiceError) as caught:
        services.member_invitation_find(token="forged")

    assert caught.value.status_code == 404


def test_it_makes_the_invited_person_a_member_with_the_invited_role(world):
    invitation, _ = member_invitation(world.core_org, "outsider@example.org", role="admin")
    actor = world.users["outsider"]

    membership = services.member_invitation_accept(actor=actor, invitation=invitation)

    assert (membership.organisation, membership.user, membership.role) == (world.core_org, actor, "admin")
    invitation.refresh_from_db()
    assert (invitation.status, invitation.responded_by) == ("accepted", actor)
    event = assert_event("organisation.member_joined", actor=actor, organisation=world.core_org)
    assert event.payload == {"role": "admin"}


def test_it_accepts_an_invitation_only_once(world):
    invitation, _ = member_invitation(world.core_org, "outsider@example.org")
    services.member_invitation_accept(actor=world.users["outsider"], invitation=invitation)
    events = Event.objects.count()

    with pytest.raises(Conflict):
        services.member_invitation_accept(actor=world.users["outsider"], invitation=invitation)

    assert Membership.objects.filter(user=world.users["outsider"], organisation=world.core_org).count() == 1
    assert Event.objects.count() == events


def test_it_refuses_an_invitation_accepted_by_someone_else(world):
    invitation, _ = member_invitation(world.core_org, "outsider@example.org")

    with pytest.raises(ServiceError) as caught:
        services.member_invitation_accept(actor=world.users["observer"], invitation=invitation)

    assert caught.value.status_code == 403
    invitation.refresh_from_db()
    assert invitation.status == "pending"
    assert not world.core_org.memberships.filter(user=world.users["observer"]).exists()


def test_it_refuses_an_expired_invitation(world):
    invitation, _ = member_invitation(
        world.core_org, "outsider@example.org", expires_in=timedelta(seconds=-1)
    )

    with pytest.raises(Gone):
        services.member_invitation_accept(actor=world.users["outsider"], invitation=invitation)

    assert not world.core_org.memberships.filter(user=world.users["outsider"]).exists()


def test_it_refuses_an_invitation_for_someone_already_a_member_and_keeps_it_pending(world):
    invitation, _ = member_invitation(world.core_org, "core-member@example.org")
    events = Event.objects.count()

    with pytest.raises(Conflict):
        services.member_invitation_accept(actor=world.users["partner_member"], invitation=invitation)

    invitation.refresh_from_db()
    assert invitation.status == "pending"
    assert Event.objects.count() == events


def test_it_allows_one_membership_per_person_in_the_database(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(organisation=world.core_org, user=world.users["partner_member"])
