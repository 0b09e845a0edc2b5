"""Invitation links to an organisation and inviting colleagues, through the pages:
every refusal is a clear message with a 4xx (never a 500) and leaves the database
exactly as it was."""

from datetime import timedelta

import pytest
from django.urls import reverse

from consortia.core.factories import UserFactory
from consortia.core.testing import (
    inline_error,
    member_invitation,
    problem_message,
    sends_to_sign_in,
    signed_in,
    snapshot,
    text,
)
from consortia.organisations.models import Membership


def invitation_for(organisation, email: str, **fields) -> str:
    """The emailed link of a new invitation to join `organisation`."""
    _, token = member_invitation(organisation, email, **fields)
    return reverse("organisations:invitation", args=[token])


# --- invitation links ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "expires_in", "code", "says"),
    [
        ("pending", timedelta(seconds=-1), 410, "expired"),
        ("accepted", timedelta(days=1), 409, "already been used"),
        ("revoked", timedelta(days=1), 409, "already been used"),
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_it_refuses_an_unusable_invitation_link(world, client_for, status, expires_in, code, says, method):
    url = invitation_for(world.core_org, "outsider@example.org", status=status, expires_in=expires_in)
    client = client_for("outsider")
    before = snapshot()

    response = getattr(client, method)(url)

    assert response.status_code == code
    assert says in problem_message(response)
    assert snapshot() == before


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("persona", ["anonymous", "outsider"])
def test_it_answers_404_for_a_forged_invitation_link(world, client_for, method, persona):
    invitation_for(world.core_org, "outsider@example.org")
    client = client_for(persona)
    before = snapshot()

    response = getattr(client, method)(reverse("organisations:invitation", args=["forged-token"]))

    assert response.status_code == 404
    assert "not valid" in problem_message(response)
    assert snapshot() == before


@pytest.mark.parametrize("method", ["get", "post"])
def test_it_refuses_an_invitation_opened_by_someone_else(world, client_for, method):
    url = invitation_for(world.core_org, "outsider@example.org")
    client = client_for("observer")
    before = snapshot()

    response = getattr(client, method)(url)

    assert response.status_code == 403
    assert "outsider@example.org" in problem_message(response)
    assert snapshot() == before


def test_it_asks_an_anonymous_visitor_to_sign_in_before_accepting(world, client_for):
    url = invitation_for(world.core_org, "outsider@example.org")
    before = snapshot()

    page = client_for("anonymous").get(url)
    response = client_for("anonymous").post(url)

    assert page.status_code == 200
    assert "sign in" in text(page)
    assert sends_to_sign_in(response)
    assert snapshot() == before


def test_it_accepts_an_invitation_once_through_its_link(world, client_for):
    url = invitation_for(world.core_org, "outsider@example.org", role="admin")
    client = client_for("outsider")

    first = client.post(url)
    before = snapshot()
    second = client.post(url)

    assert first.status_code == 302
    assert world.core_org.memberships.get(user=world.users["outsider"]).role == "admin"
    assert second.status_code == 409
    assert snapshot() == before


def test_it_opens_an_invitation_from_the_dashboard_only_for_its_addressee(world, client_for):
    invitation, _ = member_invitation(world.core_org, "outsider@example.org")
    url = reverse("organisations:invitation_for_user", args=[invitation.uuid])

    assert client_for("outsider").get(url).status_code == 200
    assert client_for("observer").get(url).status_code == 404
    assert sends_to_sign_in(client_for("anonymous").get(url))
    assert client_for("outsider").get("/organisations/invitations/for-you/not-a-uuid/").status_code == 404


def test_it_hides_dashboard_invitations_from_an_unverified_address(world, client):
    """Anyone can sign up with an address they do not own; without the link's
    secret an invitation must not be theirs to see or accept."""
    invitation, _ = member_invitation(world.core_org, "unverified@example.org")
    squatter = UserFactory(email="unverified@example.org", email_verified=False)
    client.force_login(squatter)
    url = reverse("organisations:invitation_for_user", args=[invitation.uuid])

    assert "Join your colleagues" not in text(client.get(reverse("home")))
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert not world.core_org.memberships.filter(user=squatter).exists()


# --- inviting colleagues ---------------------------------------------------------------------


def invite(client, organisation, **data):
    return client.post(reverse("organisations:member_invite", args=[organisation.uuid]), data)


def test_it_refuses_to_invite_an_existing_member(world, client_for, mailoutbox):
    client = client_for("partner_admin")
    before = snapshot()

    response = invite(client, world.core_org, email="Core-Member@example.org", role="member")

    assert response.status_code == 409
    assert "already a member" in inline_error(response, "email")
    assert snapshot() == before
    assert mailoutbox == []


def test_it_refuses_a_duplicate_pending_invitation(world, client_for, django_capture_on_commit_callbacks):
    client = client_for("partner_admin")
    with django_capture_on_commit_callbacks(execute=True):
        assert invite(client, world.core_org, email="new@example.org", role="member").status_code == 302
    before = snapshot()

    response = invite(client, world.core_org, email="NEW@example.org", role="admin")

    assert response.status_code == 409
    assert "already been invited" in inline_error(response, "email")
    assert snapshot() == before


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"email": "not-an-email", "role": "member"}, "email"),
        ({"email": "", "role": "member"}, "email"),
        ({"email": "a" * 250 + "@example.org", "role": "member"}, "email"),
        ({"email": "x@example.org", "role": "owner"}, "role"),
    ],
)
def test_it_refuses_an_invalid_invitation(world, client_for, data, field):
    client = client_for("partner_admin")
    before = snapshot()

    response = invite(client, world.core_org, **data)

    assert response.status_code == 400
    assert inline_error(response, field)
    assert snapshot() == before


@pytest.mark.parametrize("persona", ["partner_member", "outsider", "convener_admin", "site_admin"])
def test_it_hides_the_invite_page_from_non_admins(world, client_for, persona):
    client = client_for(persona)
    before = snapshot()

    response = invite(client, world.core_org, email="x@example.org", role="admin")

    assert response.status_code == 404
    assert snapshot() == before


def test_it_lets_a_signed_in_stranger_join_only_with_their_own_invitation(world, client_for):
    stranger = UserFactory(email="stranger@example.org")
    url = invitation_for(world.core_org, "outsider@example.org")
    client = signed_in(stranger)
    before = snapshot()

    assert client.post(url).status_code == 403
    assert snapshot() == before
    assert not Membership.objects.filter(user=stranger).exists()


def test_it_refuses_an_invitation_for_someone_already_a_member(world, client_for):
    url = invitation_for(world.core_org, "core-member@example.org", role="admin")
    client = client_for("partner_member")
    before = snapshot()

    response = client.post(url)

    assert response.status_code == 409
    assert "already a member" in problem_message(response)
    assert snapshot() == before
