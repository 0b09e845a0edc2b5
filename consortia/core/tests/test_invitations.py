"""The one invitation flow (consortia/core/invitations.py), through both kinds that
inherit it: a colleague invitation to an organisation and an invitation to a
partnership. Each test runs for both, so a change to the shared lookup, checks or
single use fails for both kinds at once."""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from consortia.core.errors import Conflict, Gone, ServiceError
from consortia.core.factories import UserFactory
from consortia.core.invitations import ALREADY_ANSWERED, NOT_FOUND, Invitation, InvitationStatus
from consortia.core.testing import member_invitation, partnership_invitation
from consortia.core.tokens import token_hash
from consortia.organisations.models import OrganisationInvitation
from consortia.partnerships.models import PartnershipInvitation


@dataclass
class Kind:
    model: type[Invitation]
    make: Any  # (world, email, **fields) -> (invitation, token)
    fields: Any  # world -> the fields a new invitation of this kind needs besides its email


KINDS = {
    "organisation": Kind(
        OrganisationInvitation,
        lambda world, email, **fields: member_invitation(world.core_org, email, **fields),
        lambda world: {"organisation": world.core_org, "role": "member"},
    ),
    "partnership": Kind(
        PartnershipInvitation,
        lambda world, email, **fields: partnership_invitation(world.partnership, email, **fields),
        lambda world: {"partnership": world.partnership, "kind": "individual"},
    ),
}


@pytest.fixture(params=list(KINDS))
def kind(request) -> Kind:
    return KINDS[request.param]


def an_invitation(kind: Kind, world, email: str = "outsider@example.org", **fields):
    return kind.make(world, email, **fields)


# --- new ------------------------------------------------------------------------------


def test_it_makes_an_invitation_whose_link_only_the_email_knows(kind, world, settings):
    settings.INVITATION_VALID_DAYS = 3
    before = timezone.now()

    invitation, token = kind.model.new(email="someone@example.org", **kind.fields(world))

    assert invitation.pk is None
    assert invitation.token_hash == token_hash(token) != token
    assert len(token) >= 40
    assert before + timedelta(days=3) <= invitation.expires_at <= timezone.now() + timedelta(days=3)
    assert invitation.status == InvitationStatus.PENDING
    invitation.save()
    assert kind.model.find_open(token=token) == invitation
    _, other_token = kind.model.new(email="someone-else@example.org", **kind.fields(world))
    assert other_token != token


def test_it_makes_an_invitation_valid_for_as_long_as_asked(kind, world):
    invitation, _ = kind.model.new(
        email="someone@example.org", valid_for=timedelta(hours=1), **kind.fields(world)
    )

    assert invitation.expires_at - timezone.now() <= timedelta(hours=1)
    assert not invitation.is_expired


# --- find_open: by the link's token -------------------------------------------------------


def test_it_finds_an_open_invitation_by_its_token_for_anyone_holding_the_link(kind, world):
    invitation, token = an_invitation(kind, world)

    assert kind.model.find_open(token=token) == invitation
    assert kind.model.find_open(actor=None, token=token) == invitation
    assert kind.model.find_open(actor=world.users["outsider"], token=token) == invitation


def test_it_matches_the_invited_address_whatever_its_case(kind, world):
    invitation, token = an_invitation(kind, world, "Outsider@Example.ORG")

    assert kind.model.find_open(actor=world.users["outsider"], token=token) == invitation


@pytest.mark.parametrize("token", ["forged", "", "x" * 500])
def test_it_answers_404_for_a_token_it_never_issued(kind, world, token):
    an_invitation(kind, world)

    with pytest.raises(ServiceError) as caught:
        kind.model.find_open(actor=world.users["outsider"], token=token)

    assert caught.value.status_code == 404
    assert caught.value.message == NOT_FOUND


def test_it_does_not_take_the_stored_hash_for_the_token(kind, world):
    invitation, _ = an_invitation(kind, world)

    with pytest.raises(ServiceError) as caught:
        kind.model.find_open(token=invitation.token_hash)

    assert caught.value.status_code == 404


def test_it_answers_404_with_neither_token_nor_id(kind, world):
    an_invitation(kind, world)

    with pytest.raises(ServiceError) as caught:
        kind.model.find_open(actor=world.users["outsider"])

    assert caught.value.status_code == 404


@pytest.mark.parametrize(
    ("fields", "error", "code", "message"),
    [
        ({"status": "accepted"}, Conflict, 409, "used_message"),
        ({"status": "declined"}, Conflict, 409, "used_message"),
        ({"status": "revoked"}, Conflict, 409, "used_message"),
        ({"expires_in": timedelta(seconds=-1)}, Gone, 410, "expired_message"),
        ({"expires_in": timedelta(days=-30)}, Gone, 410, "expired_message"),
        ({"expires_in": timedelta(0)}, Gone, 410, "expired_message"),
    ],
)
def test_it_answers_409_for_a_used_invitation_and_410_for_an_expired_one(
    kind, world, fields, error, code, message
):
    _, token = an_invitation(kind, world, **fields)

    with pytest.raises(error) as caught:
        kind.model.find_open(token=token)

    assert caught.value.status_code == code
    assert caught.value.message == getattr(kind.model, message)


def test_it_says_used_before_expired(kind, world):
    _, token = an_invitation(kind, world, status="accepted", expires_in=timedelta(days=-1))

    with pytest.raises(ServiceError) as caught:
        kind.model.find_open(token=token)

    assert caught.value.status_code == 409


def test_it_says_expired_before_someone_elses(kind, world):
    _, token = an_invitation(kind, world, expires_in=timedelta(days=-1))

    with pytest.raises(ServiceError) as caught:
        kind.model.find_open(actor=world.users["observer"], token=token)

    assert caught.value.status_code == 410


def test_it_answers_403_to_someone_signed_in_with_another_address(kind, world):
    _, token = an_invitation(kind, world, "outsider@example.org")

    with pytest.raises(ServiceError) as caught:
        kind.model.find_open(actor=world.users["observer"], token=token)

    assert caught.value.status_code == 403
    assert not isinstance(caught.value, Conflict | Gone)
    assert caught.value.message == (
        "This invitation was sent to outsider@example.org. "
        f"Sign in with that address to {kind.model.answer_verb} it."
    )


# --- find_open: by id, from the addressee's dashboard -------------------------------------


def test_it_finds_an_invitation_by_id_only_for_its_verified_addressee(kind, world):
    invitation, _ = an_invitation(kind, world, "outsider@example.org")

    assert kind.model.find_open(actor=world.users["outsider"], uuid=invitation.uuid) == invitation
    assert kind.model.find_open(actor=world.users["outsider"], uuid=str(invitation.uuid)) == invitation
    for actor in (None, world.users["observer"]):
        with pytest.raises(ServiceError) as caught:
            kind.model.find_open(actor=actor, uuid=invitation.uuid)
        assert caught.value.status_code == 404


def test_it_hides_an_invitation_by_id_from_an_unverified_address(kind, world):
    invitation, _ = an_invitation(kind, world, "unverified@example.org")
    squatter = UserFactory(email="unverified@example.org", email_verified=False)

    with pytest.raises(ServiceError) as caught:
        kind.model.find_open(actor=squatter, uuid=invitation.uuid)

    assert caught.value.status_code == 404


def test_it_answers_an_addressee_by_id_why_their_invitation_cannot_be_used(kind, world):
    used, _ = an_invitation(kind, world, "outsider@example.org", status="revoked")
    expired, _ = an_invitation(kind, world, "OUTSIDER@example.org", expires_in=timedelta(days=-1))
    actor = world.users["outsider"]

    with pytest.raises(Conflict):
        kind.model.find_open(actor=actor, uuid=used.uuid)
    with pytest.raises(Gone):
        kind.model.find_open(actor=actor, uuid=expired.uuid)


def test_it_does_not_find_the_other_kind_by_its_token_or_id(world):
    organisation_invitation, organisation_token = KINDS["organisation"].make(world, "outsider@example.org")
    partnership_invitation_, partnership_token = KINDS["partnership"].make(world, "outsider@example.org")
    actor = world.users["outsider"]

    for model, token, other in (
        (OrganisationInvitation, partnership_token, partnership_invitation_),
        (PartnershipInvitation, organisation_token, organisation_invitation),
    ):
        for lookup in ({"token": token}, {"uuid": other.uuid}):
            with pytest.raises(ServiceError) as caught:
                model.find_open(actor=actor, **lookup)
            assert caught.value.status_code == 404


# --- open / addressed_to: the same rules for lists ------------------------------------------


def test_it_lists_as_open_only_pending_invitations_that_have_not_expired(kind, world):
    open_, _ = an_invitation(kind, world, "a@example.org")
    an_invitation(kind, world, "b@example.org", status="revoked")
    an_invitation(kind, world, "c@example.org", expires_in=timedelta(0))

    assert list(kind.model.objects.open()) == [open_]


def test_it_lists_invitations_for_a_verified_address_whatever_its_case(kind, world):
    mine, _ = an_invitation(kind, world, "OUTSIDER@example.org")
    an_invitation(kind, world, "observer@example.org")
    squatter = UserFactory(email="squatter@example.org", email_verified=False)
    an_invitation(kind, world, "squatter@example.org")

    assert list(kind.model.objects.addressed_to(world.users["outsider"])) == [mine]
    assert not kind.model.objects.addressed_to(squatter).exists()
    assert not kind.model.objects.addressed_to(None).exists()


# --- is_used / is_expired -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "used"), [("pending", False), ("accepted", True), ("declined", True), ("revoked", True)]
)
def test_it_counts_every_answer_and_a_withdrawal_as_used(kind, world, status, used):
    invitation, _ = an_invitation(kind, world, status=status)

    assert invitation.is_used is used


@pytest.mark.parametrize(
    ("expires_in", "expired"),
    [(timedelta(microseconds=1), False), (timedelta(0), True), (timedelta(microseconds=-1), True)],
)
def test_it_is_expired_from_the_moment_it_expires(kind, world, monkeypatch, expires_in, expired):
    invitation, token = an_invitation(kind, world)
    moment = timezone.now()
    invitation.expires_at = moment + expires_in
    invitation.save()
    monkeypatch.setattr(timezone, "now", lambda: moment)  # the clock stops at `moment`

    assert invitation.is_expired is expired
    if expired:
        with pytest.raises(Gone):
            kind.model.find_open(token=token)
    else:
        assert kind.model.find_open(token=token) == invitation


# --- claim ----------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [InvitationStatus.ACCEPTED, InvitationStatus.DECLINED])
def test_it_claims_an_invitation_for_its_addressee_and_leaves_saving_to_the_caller(kind, world, status):
    invitation, _ = an_invitation(kind, world, "outsider@example.org")
    actor = world.users["outsider"]

    claimed = invitation.claim(actor=actor, status=status)

    assert (claimed.pk, claimed.status, claimed.responded_by) == (invitation.pk, status, actor)
    assert timezone.now() - claimed.responded_at < timedelta(minutes=1)
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING
    claimed.save()
    invitation.refresh_from_db()
    assert (invitation.status, invitation.responded_by) == (status, actor)


def test_it_claims_an_invitation_once_even_from_a_stale_copy(kind, world):
    invitation, _ = an_invitation(kind, world, "outsider@example.org")
    actor = world.users["outsider"]
    invitation.claim(actor=actor, status=InvitationStatus.ACCEPTED).save()

    with pytest.raises(Conflict) as caught:
        invitation.claim(actor=actor, status=InvitationStatus.ACCEPTED)  # still says pending

    assert caught.value.message == kind.model.used_message


def test_it_refuses_to_claim_an_expired_invitation_or_someone_elses(kind, world):
    expired, _ = an_invitation(kind, world, "outsider@example.org", expires_in=timedelta(days=-1))
    open_, _ = an_invitation(kind, world, "newcomer@example.org")

    with pytest.raises(Gone):
        expired.claim(actor=world.users["outsider"], status=InvitationStatus.ACCEPTED)
    with pytest.raises(ServiceError) as caught:
        open_.claim(actor=world.users["outsider"], status=InvitationStatus.ACCEPTED)
    assert caught.value.status_code == 403
    assert {i.status for i in kind.model.objects.all()} == {InvitationStatus.PENDING}


# --- withdraw ------------------------------------------------------------------------------


def test_it_withdraws_a_pending_invitation_so_its_link_stops_working(kind, world):
    invitation, token = an_invitation(kind, world)
    admin = world.users["convener_admin"]

    invitation.withdraw(actor=admin)

    invitation.refresh_from_db()
    assert (invitation.status, invitation.responded_by) == (InvitationStatus.REVOKED, admin)
    assert invitation.responded_at is not None
    with pytest.raises(Conflict):
        kind.model.find_open(token=token)


@pytest.mark.parametrize("status", ["accepted", "declined", "revoked"])
def test_it_refuses_to_withdraw_an_answered_invitation(kind, world, status):
    invitation, _ = an_invitation(kind, world, status=status)

    with pytest.raises(Conflict) as caught:
        invitation.withdraw(actor=world.users["convener_admin"])

    assert caught.value.message == ALREADY_ANSWERED
    invitation.refresh_from_db()
    assert invitation.status == status
