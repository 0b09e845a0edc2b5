"""Bad input through the organisation pages: every refusal is a clear message with a
4xx (never a 500) and leaves the database exactly as it was."""

import re
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from consortia.core.factories import OfferFactory, OrganisationFactory
from consortia.core.testing import IMG, SCRIPT, assert_inert, inline_error, snapshot, text
from consortia.organisations.models import Organisation

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
