"""Membership rules through the organisation pages (the last admin, roles, leaving,
removing a member): every refusal is a clear message with a 4xx (never a 500) and
leaves the database exactly as it was."""

import pytest
from django.test import Client
from django.urls import reverse

from consortia.core.testing import inline_error, problem_message, sends_to_sign_in, snapshot
from consortia.organisations.models import Membership
from consortia.partnerships.models import Representative

# --- membership rules through the pages ---------------------------------------------------------


def test_it_refuses_to_let_the_last_admin_leave(world, client_for):
    client = client_for("partner_admin")
    before = snapshot()

    response = client.post(reverse("organisations:leave", args=[world.core_org.uuid]))

    assert response.status_code == 409
    assert "last admin" in problem_message(response)
    assert snapshot() == before


def test_it_refuses_to_demote_the_last_admin(world, client_for):
    mine = world.core_org.memberships.get(user=world.users["partner_admin"])
    client = client_for("partner_admin")
    before = snapshot()

    response = client.post(
        reverse("organisations:member_role", args=[world.core_org.uuid, mine.uuid]), {"role": "member"}
    )

    assert response.status_code == 409
    assert "at least one admin" in problem_message(response)
    assert snapshot() == before


def test_it_refuses_to_remove_the_last_admin(world, client_for):
    mine = world.core_org.memberships.get(user=world.users["partner_admin"])
    client = client_for("partner_admin")
    before = snapshot()

    response = client.post(reverse("organisations:member_remove", args=[world.core_org.uuid, mine.uuid]))

    assert response.status_code == 409
    assert snapshot() == before


@pytest.mark.parametrize("role", ["owner", "", "ADMIN"])
def test_it_refuses_an_unknown_role(world, client_for, role):
    member = world.core_org.memberships.get(user=world.users["partner_member"])
    client = client_for("partner_admin")
    before = snapshot()

    response = client.post(
        reverse("organisations:member_role", args=[world.core_org.uuid, member.uuid]), {"role": role}
    )

    assert response.status_code == 400
    assert "admin or member" in problem_message(response)
    assert snapshot() == before


def test_it_removes_a_member_and_their_representation_through_the_page(world, client_for):
    member = world.users["partner_member"]
    Representative.objects.create(partner=world.core_partner, user=member)
    membership = world.core_org.memberships.get(user=member)

    response = client_for("partner_admin").post(
        reverse("organisations:member_remove", args=[world.core_org.uuid, membership.uuid])
    )

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert not Representative.objects.filter(user=member).exists()


def test_it_refuses_to_let_a_non_member_leave(world, client_for):
    client = client_for("site_admin")
    before = snapshot()

    response = client.post(reverse("organisations:leave", args=[world.core_org.uuid]))

    assert response.status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"category": "bribes", "description": "x"}, "category"),
        ({"category": "premises", "description": ""}, "description"),
        ({"category": "premises", "description": "x" * 501}, "description"),
    ],
)
def test_it_refuses_an_invalid_offer(world, client_for, data, field):
    client = client_for("partner_admin")
    before = snapshot()

    response = client.post(reverse("organisations:offer_add", args=[world.core_org.uuid]), data)

    assert response.status_code == 400
    assert inline_error(response, field)
    assert snapshot() == before


def test_it_sends_anonymous_visitors_to_sign_in_for_protected_pages(world):
    client = Client()
    org = world.core_org.uuid
    before = snapshot()

    for url in (
        reverse("organisations:create"),
        reverse("organisations:edit", args=[org]),
        reverse("organisations:member_invite", args=[org]),
        reverse("organisations:list"),
    ):
        assert sends_to_sign_in(client.get(url)), url

    assert client.get(reverse("organisations:detail", args=[org])).status_code == 404  # not listed
    assert snapshot() == before
