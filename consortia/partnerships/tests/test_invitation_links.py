"""Invitation links to a partnership, through the pages: every refusal is a clear
message with a 4xx (never a 500) and leaves the database exactly as it was."""

import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from consortia.core.factories import MembershipFactory, OrganisationFactory, UserFactory
from consortia.core.testing import (
    error_summary,
    inline_error,
    partnership_invitation,
    problem_message,
    sends_to_sign_in,
    signed_in,
    snapshot,
    text,
)
from consortia.partnerships.models import PartnershipInvitation


def invitation_url(world, email: str, **fields) -> str:
    """The emailed link of a new invitation to the world's partnership."""
    _, token = partnership_invitation(world.partnership, email, **fields)
    return reverse("partnerships:invitation", args=[token])


# --- invitation links ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "expires_in", "code", "says"),
    [
        ("pending", timedelta(seconds=-1), 410, "expired"),
        ("accepted", timedelta(days=1), 409, "already been answered"),
        ("declined", timedelta(days=1), 409, "already been answered"),
        ("revoked", timedelta(days=1), 409, "already been answered"),
    ],
)
@pytest.mark.parametrize("decision", [None, "accept", "decline"])
def test_it_refuses_an_unusable_invitation_link(world, newcomer, status, expires_in, code, says, decision):
    user, organisation = newcomer
    url = invitation_url(world, "newcomer@example.org", status=status, expires_in=expires_in)
    client = signed_in(user)
    before = snapshot()

    if decision is None:
        response = client.get(url)
    else:
        response = client.post(url, {"decision": decision, "organisation": str(organisation.uuid)})

    assert response.status_code == code
    assert says in problem_message(response)
    assert snapshot() == before


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("persona", ["anonymous", "outsider"])
def test_it_answers_404_for_a_forged_invitation_link(world, client_for, method, persona):
    invitation_url(world, "outsider@example.org")
    client = client_for(persona)
    before = snapshot()

    response = getattr(client, method)(reverse("partnerships:invitation", args=["forged"]))

    assert response.status_code == 404
    assert "not valid" in problem_message(response)
    assert snapshot() == before


@pytest.mark.parametrize("decision", [None, "accept", "decline"])
def test_it_refuses_an_invitation_opened_by_someone_else(world, client_for, decision):
    """The link reached the outsider (forwarded email); they are an admin of their own
    organisation, but the invitation was sent to somebody else."""
    url = invitation_url(world, "newcomer@example.org")
    client = client_for("outsider")
    before = snapshot()

    if decision is None:
        response = client.get(url)
    else:
        response = client.post(url, {"decision": decision, "organisation": str(world.outsider_org.uuid)})

    assert response.status_code == 403
    assert "newcomer@example.org" in problem_message(response)
    assert snapshot() == before


def test_it_asks_an_anonymous_visitor_to_sign_in_before_answering(world):
    url = invitation_url(world, "newcomer@example.org")
    before = snapshot()

    page = Client().get(url)
    response = Client().post(url, {"decision": "accept"})

    assert page.status_code == 200
    assert "sign in" in text(page)
    assert sends_to_sign_in(response)
    assert snapshot() == before


@pytest.mark.parametrize(
    "organisation",
    ["member_only", "outsider_org", "core_org", "random", "not-a-uuid", ""],
)
def test_it_accepts_only_for_an_organisation_the_user_administers(world, newcomer, organisation):
    """The posted organisation may be any: one the user only belongs to, another's,
    one that is already a partner, an unknown id or garbage. Only the user's own
    admin organisations are choices, so each is a 400 with an inline error."""
    user, _ = newcomer
    client = signed_in(user)
    member_only = OrganisationFactory(name="Only a member here")
    MembershipFactory(organisation=member_only, user=user, role="member")
    value = {
        "member_only": str(member_only.uuid),
        "outsider_org": str(world.outsider_org.uuid),
        "core_org": str(world.core_org.uuid),
        "random": str(uuid.uuid4()),
    }.get(organisation, organisation)
    url = invitation_url(world, user.email)
    before = snapshot()

    response = client.post(url, {"decision": "accept", "organisation": value})

    assert response.status_code == 400
    assert inline_error(response, "organisation")
    assert snapshot() == before


def test_it_refuses_to_accept_for_an_organisation_already_in_the_partnership(world, client_for):
    url = invitation_url(world, "core-admin@example.org")
    client = client_for("partner_admin")
    before = snapshot()

    response = client.post(url, {"decision": "accept", "organisation": str(world.core_org.uuid)})

    assert response.status_code == 409
    assert "already a partner" in error_summary(response)
    assert snapshot() == before


def test_it_explains_that_accepting_needs_an_organisation(world):
    user = UserFactory(email="solo@example.org")
    client = signed_in(user)
    url = invitation_url(world, user.email)
    before = snapshot()

    page = client.get(url)
    response = client.post(url, {"decision": "accept"})

    assert page.status_code == 200
    assert "not an admin of any organisation" in text(page)
    assert response.status_code == 400
    assert snapshot() == before


def test_it_accepts_for_the_chosen_organisation_once(world, newcomer):
    user, organisation = newcomer
    client = signed_in(user)
    url = invitation_url(world, user.email, role="associate")

    first = client.post(url, {"decision": "accept", "organisation": str(organisation.uuid)})
    before = snapshot()
    second = client.post(url, {"decision": "accept", "organisation": str(organisation.uuid)})

    assert first.status_code == 302
    assert first["Location"] == reverse("partnerships:detail", args=[world.partnership.uuid])
    partner = world.partnership.partners.active().get(organisation=organisation)
    assert partner.role == "associate"
    assert [r.user for r in partner.representatives.all()] == [user]
    assert second.status_code == 409
    assert snapshot() == before


def test_it_declines_an_invitation(world, newcomer):
    user, _ = newcomer
    url = invitation_url(world, user.email)

    response = signed_in(user).post(url, {"decision": "decline"})

    assert response.status_code == 302
    assert PartnershipInvitation.objects.get().status == "declined"
    assert not world.partnership.partners.filter(organisation__memberships__user=user).exists()


def test_it_lets_an_individual_take_part_once(world):
    user = UserFactory(email="chair@example.org")
    client = signed_in(user)
    url = invitation_url(world, user.email, kind="individual")

    first = client.post(url, {"decision": "accept"})
    before = snapshot()
    second = client.post(url, {"decision": "accept"})

    assert first.status_code == 302
    assert world.partnership.participants.active().filter(user=user).count() == 1
    assert second.status_code == 409
    assert snapshot() == before


def test_it_refuses_an_individual_invitation_for_someone_already_taking_part(world, client_for):
    url = invitation_url(world, "carer@example.org", kind="individual")
    client = client_for("participant")
    before = snapshot()

    response = client.post(url, {"decision": "accept"})

    assert response.status_code == 409
    assert "already take part" in problem_message(response)
    assert snapshot() == before


def test_it_opens_an_invitation_from_the_dashboard_only_for_its_addressee(world, client_for):
    invitation, _ = partnership_invitation(world.partnership, "outsider@example.org")
    url = reverse("partnerships:invitation_for_user", args=[invitation.uuid])

    assert client_for("outsider").get(url).status_code == 200
    assert client_for("observer").get(url).status_code == 404
    assert sends_to_sign_in(client_for("anonymous").get(url))


def test_it_hides_dashboard_invitations_from_an_unverified_address(world, client):
    """Anyone can sign up with an address they do not own; without the link's
    secret an invitation must not be theirs to see or accept."""
    invitation, _ = partnership_invitation(world.partnership, "unverified@example.org")
    squatter = UserFactory(email="unverified@example.org", email_verified=False)
    own = MembershipFactory(user=squatter, role="admin").organisation
    client.force_login(squatter)
    url = reverse("partnerships:invitation_for_user", args=[invitation.uuid])

    assert world.partnership.name not in text(client.get(reverse("home")))
    assert client.get(url).status_code == 404
    assert client.post(url, {"organisation": str(own.uuid), "decision": "accept"}).status_code == 404
    assert not world.partnership.partners.filter(organisation=own).exists()
