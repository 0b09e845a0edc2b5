"""Bad input through the partnership pages: every refusal is a clear message with a
4xx (never a 500) and leaves the database exactly as it was."""

import uuid

import pytest
from django.urls import reverse

from consortia.core.testing import IMG, SCRIPT, assert_inert, inline_error, problem_message, snapshot, text
from consortia.partnerships.models import Partner, Partnership, PartnershipInvitation

# --- unknown and malformed ids -------------------------------------------------------------------


def test_it_answers_404_for_unknown_or_malformed_ids(world, client_for):
    p = world.partnership.uuid
    core = world.core_partner.uuid
    unknown = uuid.uuid4()
    urls = [
        ("get", f"/partnerships/{unknown}/"),
        ("get", "/partnerships/not-a-uuid/"),
        ("get", f"/partnerships/{p}0/"),
        ("get", f"/partnerships/{unknown}/activity/"),
        ("get", f"/partnerships/{unknown}/edit/"),
        ("get", f"/partnerships/{unknown}/invite/"),
        ("get", f"/partnerships/{unknown}/invite-participant/"),
        ("get", f"/partnerships/{unknown}/hand-over/"),
        ("post", f"/partnerships/{p}/partners/{unknown}/role/"),
        ("post", f"/partnerships/{p}/partners/not-a-uuid/role/"),
        ("get", f"/partnerships/{p}/partners/{unknown}/representatives/"),
        ("post", f"/partnerships/{p}/partners/{core}/representatives/{unknown}/remove/"),
        ("post", f"/partnerships/{p}/partners/{unknown}/leave/"),
        ("post", f"/partnerships/{p}/participants/{unknown}/remove/"),
        ("post", f"/partnerships/{p}/invitations/{unknown}/revoke/"),
        ("get", f"/partnerships/invitations/for-you/{unknown}/"),
    ]
    clients = {persona: client_for(persona) for persona in ("convener_admin", "partner_admin")}
    before = snapshot()

    for persona, client in clients.items():
        for method, url in urls:
            response = getattr(client, method)(url, {"role": "core"} if method == "post" else None)
            assert response.status_code == 404, (persona, url)

    assert snapshot() == before


@pytest.mark.parametrize("persona", ["outsider", "partner_member", "observer", "participant"])
def test_it_answers_404_for_pages_the_persona_may_not_use(world, client_for, persona):
    p = world.partnership.uuid
    client = client_for(persona)
    before = snapshot()

    for method, url in [
        ("get", f"/partnerships/{p}/edit/"),
        ("post", f"/partnerships/{p}/invite/"),
        ("post", f"/partnerships/{p}/hand-over/"),
        ("post", f"/partnerships/{p}/partners/{world.observer_partner.uuid}/role/"),
        ("post", f"/partnerships/{p}/partners/{world.core_partner.uuid}/leave/"),
    ]:
        data = {"role": "core", "partner": str(world.core_partner.uuid), "email": "x@example.org"}
        response = getattr(client, method)(url, data if method == "post" else None)
        assert response.status_code == 404, url

    assert snapshot() == before


def test_it_answers_404_for_a_partner_of_another_partnership(world, client_for):
    elsewhere = Partner.objects.create(
        partnership=Partnership.objects.create(name="Elsewhere", purpose="x"),
        organisation=world.outsider_org,
        role="convener",
    )
    client = client_for("convener_admin")
    before = snapshot()

    response = client.post(
        reverse("partnerships:partner_role", args=[world.partnership.uuid, elsewhere.uuid]),
        {"role": "observer"},
    )

    assert response.status_code == 404
    assert snapshot() == before


# --- forms ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "field", "says"),
    [
        ({"name": "x" * 201}, "name", "at most 200 characters"),
        ({"name": ""}, "name", "Enter a name for the partnership"),
        ({"purpose": "x" * 2001}, "purpose", "at most 2000 characters"),
        ({"organisation": "not-a-uuid"}, "organisation", "not a valid UUID"),
        ({"organisation": "outsider"}, "organisation", "organisations you are an admin of"),
    ],
)
def test_it_refuses_a_bad_partnership_when_convening(world, client_for, data, field, says):
    data = {"organisation": str(world.convener_org.uuid), "name": "New", "purpose": "Better", **data}
    if data["organisation"] == "outsider":
        data["organisation"] = str(world.outsider_org.uuid)
    client = client_for("convener_admin")
    before = snapshot()

    response = client.post(reverse("partnerships:create"), data)

    assert response.status_code == 400
    assert says in inline_error(response, field)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("data", "field"),
    [({"name": "x" * 201}, "name"), ({"purpose": ""}, "purpose"), ({"status": "deleted"}, "status")],
)
def test_it_refuses_a_bad_partnership_edit(world, client_for, data, field):
    client = client_for("convener_admin")
    before = snapshot()

    response = client.post(
        reverse("partnerships:edit", args=[world.partnership.uuid]),
        {"name": "N", "purpose": "P", "status": "active", **data},
    )

    assert response.status_code == 400
    assert inline_error(response, field)
    assert snapshot() == before


def test_it_edits_a_partnership(world, client_for):
    response = client_for("convener_admin").post(
        reverse("partnerships:edit", args=[world.partnership.uuid]),
        {"name": "Renamed", "purpose": "New purpose", "status": "paused"},
    )

    assert response.status_code == 302
    world.partnership.refresh_from_db()
    assert (world.partnership.name, world.partnership.status) == ("Renamed", "paused")


@pytest.mark.parametrize(
    ("data", "field", "code"),
    [
        ({"email": "not-an-email"}, "email", 400),
        ({"role": "convener"}, "role", 400),
        ({"message": "x" * 2001}, "message", 400),
        ({"email": "core-admin@example.org"}, "email", 409),  # already invited, see below
    ],
)
def test_it_refuses_a_bad_organisation_invitation(world, client_for, data, field, code):
    client = client_for("convener_admin")
    url = reverse("partnerships:invite", args=[world.partnership.uuid])
    client.post(url, {"email": "core-admin@example.org", "role": "core"})
    before = snapshot()

    response = client.post(url, {"email": "new@example.org", "role": "core", **data})

    assert response.status_code == code
    assert inline_error(response, field)
    assert snapshot() == before


def test_it_refuses_to_invite_someone_already_taking_part(world, client_for):
    client = client_for("convener_admin")
    before = snapshot()

    response = client.post(
        reverse("partnerships:invite_participant", args=[world.partnership.uuid]),
        {"email": "carer@example.org"},
    )

    assert response.status_code == 409
    assert "already takes part" in inline_error(response, "email")
    assert snapshot() == before


@pytest.mark.parametrize("role", ["convener", "owner", ""])
def test_it_refuses_an_unknown_partner_role(world, client_for, role):
    client = client_for("convener_admin")
    before = snapshot()

    response = client.post(
        reverse("partnerships:partner_role", args=[world.partnership.uuid, world.core_partner.uuid]),
        {"role": role},
    )

    assert response.status_code == 400
    assert "core partner, associate or observer" in problem_message(response)
    assert snapshot() == before


def test_it_refuses_to_change_the_conveners_role(world, client_for):
    client = client_for("convener_admin")
    before = snapshot()

    response = client.post(
        reverse("partnerships:partner_role", args=[world.partnership.uuid, world.convener_partner.uuid]),
        {"role": "observer"},
    )

    assert response.status_code == 409
    assert "hand over" in problem_message(response)
    assert snapshot() == before


@pytest.mark.parametrize("partner", ["convener", "unknown", "garbage", ""])
def test_it_refuses_to_hand_over_to_anyone_but_another_partner(world, client_for, partner):
    value = {
        "convener": str(world.convener_partner.uuid),
        "unknown": str(uuid.uuid4()),
        "garbage": "<script>",
    }.get(partner, partner)
    client = client_for("convener_admin")
    before = snapshot()

    response = client.post(
        reverse("partnerships:hand_over", args=[world.partnership.uuid]), {"partner": value}
    )

    assert response.status_code == 400
    assert inline_error(response, "partner")
    assert snapshot() == before


def test_it_hands_over_through_the_page_leaving_one_convener(world, client_for):
    response = client_for("convener_admin").post(
        reverse("partnerships:hand_over", args=[world.partnership.uuid]),
        {"partner": str(world.core_partner.uuid)},
    )

    assert response.status_code == 302
    assert list(world.partnership.partners.active().filter(role="convener")) == [world.core_partner]


def test_it_refuses_to_let_the_convener_leave(world, client_for):
    client = client_for("convener_admin")
    before = snapshot()

    response = client.post(
        reverse("partnerships:partner_leave", args=[world.partnership.uuid, world.convener_partner.uuid])
    )

    assert response.status_code == 409
    assert "Hand over convening" in problem_message(response)
    assert snapshot() == before


def test_it_lets_a_partner_leave_and_answers_404_the_second_time(world, client_for):
    client = client_for("partner_admin")
    url = reverse("partnerships:partner_leave", args=[world.partnership.uuid, world.core_partner.uuid])

    assert client.post(url).status_code == 302
    before = snapshot()
    assert client.post(url).status_code == 404  # no longer a partner, so no longer visible
    assert snapshot() == before


@pytest.mark.parametrize("user", ["outsider", "unknown", ""])
def test_it_names_only_members_as_representatives(world, client_for, user):
    value = {"outsider": str(world.users["outsider"].uuid), "unknown": str(uuid.uuid4())}.get(user, user)
    client = client_for("partner_admin")
    before = snapshot()

    response = client.post(
        reverse("partnerships:representatives", args=[world.partnership.uuid, world.core_partner.uuid]),
        {"user": value},
    )

    assert response.status_code == 400
    assert inline_error(response, "user")
    assert snapshot() == before


def test_it_refuses_to_name_a_representative_twice(world, client_for):
    client = client_for("partner_admin")
    before = snapshot()

    response = client.post(
        reverse("partnerships:representatives", args=[world.partnership.uuid, world.core_partner.uuid]),
        {"user": str(world.users["partner_admin"].uuid)},
    )

    assert response.status_code == 409
    assert "already represents" in inline_error(response, "user")
    assert snapshot() == before


# --- hostile markup ---------------------------------------------------------------------------------


def test_it_shows_hostile_markup_in_a_partnership_as_text_everywhere(world, client_for):
    convener = client_for("convener_admin")
    created = convener.post(
        reverse("partnerships:create"),
        {"organisation": str(world.convener_org.uuid), "name": SCRIPT, "purpose": f"{IMG}\n{SCRIPT}"},
        follow=True,
    )
    assert created.status_code == 200
    partnership = Partnership.objects.get(name=SCRIPT)
    invite = convener.post(
        reverse("partnerships:invite_participant", args=[partnership.uuid]),
        {"email": "outsider@example.org", "description": IMG, "message": SCRIPT},
    )
    assert invite.status_code == 302
    invitation = PartnershipInvitation.objects.get(partnership=partnership)
    outsider = client_for("outsider")
    type(world.users["outsider"]).objects.filter(pk=world.users["outsider"].pk).update(name=IMG)
    invitation_page = outsider.get(reverse("partnerships:invitation_for_user", args=[invitation.uuid]))
    dashboard_with_invitation = outsider.get(reverse("home"))
    accepted = outsider.post(
        reverse("partnerships:invitation_for_user", args=[invitation.uuid]),
        {"decision": "accept"},
        follow=True,
    )

    pages = {
        "the new partnership, with its banner": created,
        "the invitation": invitation_page,
        "the invitee's dashboard": dashboard_with_invitation,
        "the partnership after joining": accepted,
        "the partnership": convener.get(reverse("partnerships:detail", args=[partnership.uuid])),
        "the activity feed": convener.get(reverse("partnerships:activity", args=[partnership.uuid])),
        "the partnership list": convener.get(reverse("partnerships:list")),
        "the dashboard": convener.get(reverse("home")),
        "the edit form": convener.get(reverse("partnerships:edit", args=[partnership.uuid])),
        "the convener's profile": convener.get(
            reverse("organisations:detail", args=[world.convener_org.uuid])
        ),
    }
    for where, page in pages.items():
        assert page.status_code == 200, where
        assert_inert(text(page), where)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text(page), f"the name is missing from {where}"
    assert "&lt;img src=x onerror=alert(1)&gt;" in text(pages["the partnership"])
    assert "&lt;img src=x onerror=alert(1)&gt;</strong>" in text(pages["the activity feed"])  # the person
