"""Bad input through the organisation pages: every refusal is a clear message with a
4xx (never a 500) and leaves the database exactly as it was."""

import re
import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from consortia.core.factories import OfferFactory, OrganisationFactory, UserFactory
from consortia.core.testing import (
    IMG,
    SCRIPT,
    assert_inert,
    inline_error,
    member_invitation,
    problem_message,
    sends_to_sign_in,
    signed_in,
    snapshot,
    text,
)
from consortia.organisations.models import Membership, Organisation
from consortia.partnerships.models import Representative

VALID_PROFILE = {
    "name": "Eastbridge Food Bank",
    "kind": "charity",
    "description": "Food parcels and advice.",
    "area_served": "Eastbridge",
    "website": "https://food.example.org",
    "charity_number": "",
    "company_number": "",
    "paid_staff": "3",
    "volunteers": "25",
    "expertise": "food poverty, debt advice",
}


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


# --- unknown and malformed ids ----------------------------------------------------------------


def org_urls(world) -> list[tuple[str, str]]:
    org = world.core_org.uuid
    member = world.core_org.memberships.first().uuid
    unknown = uuid.uuid4()
    return [
        ("get", f"/organisations/{unknown}/"),
        ("get", "/organisations/not-a-uuid/"),
        ("get", f"/organisations/{org}x/"),
        ("get", f"/organisations/{unknown}/edit/"),
        ("post", f"/organisations/{unknown}/leave/"),
        ("get", f"/organisations/{unknown}/members/invite/"),
        ("post", f"/organisations/{org}/members/{unknown}/remove/"),
        ("post", f"/organisations/{org}/members/{unknown}/role/"),
        ("post", f"/organisations/{org}/members/not-a-uuid/role/"),
        ("post", f"/organisations/{unknown}/members/{member}/remove/"),
        ("post", f"/organisations/{org}/invitations/{unknown}/revoke/"),
        ("post", f"/organisations/{org}/offers/{unknown}/remove/"),
        ("get", f"/organisations/invitations/for-you/{unknown}/"),
    ]


def test_it_answers_404_for_unknown_or_malformed_ids(world, client_for):
    client = client_for("partner_admin")
    before = snapshot()

    for method, url in org_urls(world):
        response = getattr(client, method)(url, {"role": "admin"} if method == "post" else None)
        assert response.status_code == 404, url

    assert snapshot() == before


def test_it_answers_404_for_an_offer_or_member_of_another_organisation(world, client_for):
    foreign_offer = OfferFactory(organisation=world.outsider_org)
    foreign_member = world.outsider_org.memberships.get()
    org = world.core_org.uuid
    client = client_for("partner_admin")
    before = snapshot()

    assert client.post(f"/organisations/{org}/offers/{foreign_offer.uuid}/remove/").status_code == 404
    assert client.post(f"/organisations/{org}/members/{foreign_member.uuid}/remove/").status_code == 404
    assert (
        client.post(
            f"/organisations/{org}/members/{foreign_member.uuid}/role/", {"role": "member"}
        ).status_code
        == 404
    )
    assert snapshot() == before


# --- the profile form -------------------------------------------------------------------------

BAD_PROFILES = [
    ({"name": "x" * 201}, "name", "at most 200 characters"),
    ({"name": ""}, "name", "Enter the organisation"),
    ({"description": "x" * 5001}, "description", "at most 5000 characters"),
    ({"kind": "secret_society"}, "kind", "valid choice"),
    ({"charity_number": "12345"}, "charity_number", "charity number like"),
    ({"charity_number": "ABC123456"}, "charity_number", "charity number like"),
    ({"charity_number": "1" * 17}, "charity_number", ""),
    ({"company_number": "123"}, "company_number", "company number"),
    ({"company_number": "SC12345X"}, "company_number", "company number"),
    ({"paid_staff": str(10**30)}, "paid_staff", ""),
    ({"paid_staff": "-1"}, "paid_staff", "greater than or equal to 0"),
    ({"paid_staff": "10000001"}, "paid_staff", "less than or equal to 10000000"),
    ({"paid_staff": "lots"}, "paid_staff", "whole number"),
    ({"paid_staff": "1e9"}, "paid_staff", ""),
    ({"volunteers": str(10**30)}, "volunteers", ""),
    ({"volunteers": "-1"}, "volunteers", "greater than or equal to 0"),
    ({"website": "javascript:alert(1)"}, "website", "in the right format"),
    ({"website": "JavaScript:alert(document.cookie)"}, "website", "in the right format"),
    ({"website": "javascript://example.org/%0Aalert(1)"}, "website", "in the right format"),
    ({"website": "data:text/html,<script>alert(1)</script>"}, "website", "in the right format"),
    ({"expertise": "x" * 1001}, "expertise", "at most 1000 characters"),
    ({"name": "Food\x00Bank"}, "name", "Null characters are not allowed"),
    ({"description": "\x00"}, "description", "Null characters are not allowed"),
]


@pytest.mark.parametrize(("bad", "field", "says"), BAD_PROFILES, ids=[b[1] for b in BAD_PROFILES])
def test_it_refuses_a_bad_profile_when_creating(world, client_for, bad, field, says):
    client = client_for("outsider")
    before = snapshot()

    response = client.post(reverse("organisations:create"), {**VALID_PROFILE, **bad})

    assert response.status_code == 400
    assert says in inline_error(response, field)
    assert snapshot() == before


@pytest.mark.parametrize(("bad", "field", "says"), BAD_PROFILES, ids=[b[1] for b in BAD_PROFILES])
def test_it_refuses_a_bad_profile_when_editing(world, client_for, bad, field, says):
    client = client_for("partner_admin")
    before = snapshot()

    response = client.post(
        reverse("organisations:edit", args=[world.core_org.uuid]), {**VALID_PROFILE, **bad}
    )

    assert response.status_code == 400
    assert says in inline_error(response, field)
    assert snapshot() == before


def test_it_accepts_the_good_profile_the_bad_ones_are_variations_of(world, client_for):
    response = client_for("outsider").post(
        reverse("organisations:create"),
        {
            **VALID_PROFILE,
            "charity_number": "sc 012345",
            "company_number": "sc123456",
            "paid_staff": "10000000",
        },
    )

    assert response.status_code == 302
    created = Organisation.objects.get(name="Eastbridge Food Bank")
    assert (created.charity_number, created.company_number, created.paid_staff) == (
        "SC012345",
        "SC123456",
        10**7,
    )
    assert response["Location"] == reverse("organisations:detail", args=[created.uuid])


@pytest.mark.parametrize(
    "next_url", ["//evil.example.org/", "https://evil.example.org/", "javascript:alert(1)"]
)
def test_it_ignores_an_off_site_next_url_after_creating(world, client_for, next_url):
    response = client_for("outsider").post(
        reverse("organisations:create"), {**VALID_PROFILE, "next": next_url}
    )

    created = Organisation.objects.get(name="Eastbridge Food Bank")
    assert response["Location"] == reverse("organisations:detail", args=[created.uuid])


@pytest.mark.parametrize("next_url", ["/\\evil.example.org/", "/\tevil.example.org", "/x\r\nSet-Cookie: a=b"])
def test_it_never_redirects_off_site_with_an_odd_next_url(world, client_for, next_url):
    response = client_for("outsider").post(
        reverse("organisations:create"), {**VALID_PROFILE, "next": next_url}
    )

    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("/") and not location.startswith(("//", "/\\"))
    assert not any(c in location for c in "\\\t\r\n")


def test_it_shows_a_hostile_next_url_as_text(world, client_for):
    response = client_for("outsider").get(reverse("organisations:create"), {"next": f'">{SCRIPT}'})

    assert response.status_code == 200
    assert_inert(text(response), "the create form")


def test_it_refuses_a_javascript_website_even_when_saved_directly(world):
    world.core_org.website = "javascript:alert(1)"

    with pytest.raises(ValidationError):
        world.core_org.full_clean()


# --- hostile markup ---------------------------------------------------------------------------


def test_it_shows_hostile_markup_in_an_organisation_as_text_everywhere(world, client_for):
    """A name and description full of markup are escaped on the profile, in the
    directory, on the partnership page and in its activity feed."""
    client = client_for("convener_admin")
    created = client.post(
        reverse("organisations:create"),
        {
            **VALID_PROFILE,
            "name": SCRIPT,
            "description": IMG,
            "area_served": SCRIPT,
            "expertise": IMG,
            "listed_in_directory": "on",
        },
        follow=True,
    )
    assert created.status_code == 200
    assert_inert(text(created), "the new profile with its banner")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; has been created" in text(created)
    hostile = Organisation.objects.get(name=SCRIPT)
    client.post(
        reverse("organisations:offer_add", args=[hostile.uuid]), {"category": "premises", "description": IMG}
    )
    # The hostile organisation joins the partnership, so it shows on its page and feed.
    admin = world.users["convener_admin"]
    from consortia.partnerships import services as partnership_services

    invitation = partnership_services.partner_invite(
        actor=admin, partnership=world.partnership, email=admin.email, role="core"
    )
    partnership_services.partner_invitation_accept(
        actor=type(admin).objects.get(pk=admin.pk), invitation=invitation, organisation=hostile
    )

    pages = {
        "profile": client.get(reverse("organisations:detail", args=[hostile.uuid])),
        "public profile": Client().get(reverse("organisations:detail", args=[hostile.uuid])),
        "directory": Client().get(reverse("organisations:directory")),
        "directory search": Client().get(reverse("organisations:directory"), {"q": SCRIPT}),
        "partnership": client.get(reverse("partnerships:detail", args=[world.partnership.uuid])),
        "activity": client.get(reverse("partnerships:activity", args=[world.partnership.uuid])),
        "dashboard": client.get(reverse("home")),
        "your organisations": client.get(reverse("organisations:list")),
        "edit form": client.get(reverse("organisations:edit", args=[hostile.uuid])),
    }
    for name, page in pages.items():
        assert page.status_code == 200, name
        assert_inert(text(page), name)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text(page), (
            f"the name is missing from the {name} page"
        )
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text(pages["activity"])
    assert "&lt;img src=x onerror=alert(1)&gt;" in text(pages["profile"])


def test_it_escapes_a_hostile_directory_search(db):
    response = Client().get(reverse("organisations:directory"), {"q": SCRIPT})

    assert response.status_code == 200
    assert SCRIPT not in text(response)
    assert "&lt;script&gt;" in text(response)


@pytest.mark.parametrize("query", [{"kind": "secret_society"}, {"q": "x" * 101}])
def test_it_answers_400_for_a_bad_directory_search(db, query):
    response = Client().get(reverse("organisations:directory"), query)

    assert response.status_code == 400


@pytest.mark.parametrize("page", ["abc", "-1", str(10**30), "0"])
def test_it_shows_a_directory_page_for_any_page_number(world, page):
    response = Client().get(reverse("organisations:directory"), {"page": page})

    assert response.status_code == 200


def test_it_paginates_the_directory_the_gov_uk_way_keeping_the_search(db):
    OrganisationFactory.create_batch(250, listed_in_directory=True, area_served="Northshire")

    response = Client().get(reverse("organisations:directory"), {"q": "Northshire", "page": "5"})

    nav = re.search(r'<nav class="govuk-pagination".*?</nav>', text(response), re.S).group(0)
    # First and last, the current page and one either side, an ellipsis for each gap.
    items = re.findall(r'aria-label="(Page [^"]+)"|(&ctdot;)', nav)
    assert [label or gap for label, gap in items] == [
        "Page 1", "&ctdot;", "Page 4", "Page 5 of 10", "Page 6", "&ctdot;", "Page 10",
    ]  # fmt: skip
    assert re.search(r'href="\?q=Northshire&amp;page=5" aria-label="Page 5 of 10" aria-current="page"', nav)
    assert 'href="?q=Northshire&amp;page=6" rel="next"' in nav


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
