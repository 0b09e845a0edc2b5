"""A consent proposal decided one organisation, one vote, in a real browser.

Three organisations are already partners (set up in the database); their admins
sign in through the sign-in page, each in their own browser. Ada, for the convener,
opens a consent proposal where each partner organisation has one vote, cast by its
representative. Grace, for a core partner, consents. Katherine, for an associate,
first tries to object without a reason (refused), then objects with one. Ada closes
the poll, writes the outcome, and finds it in the decision log. The poll's voice
balance shows who proposed, took part and objected. Every page any of
them lands on is checked with axe; the poll page also at 360 px wide.
"""

import re

import pytest
from playwright.sync_api import expect

from consortia.core.factories import PASSWORD, UserFactory
from consortia.organisations.services import organisation_create
from consortia.partnerships.services import (
    partner_invitation_accept,
    partner_invite,
    partnership_convene,
)

from .scenes import expect_success, row_of
from .visitor import Visitor

pytestmark = pytest.mark.browser

PARTNERSHIP = "Northshire Carers Advice Partnership"
ADA_EMAIL = "ada@carers-trust.example"
GRACE_EMAIL = "grace@eastbridge-advice.example"
KATHERINE_EMAIL = "katherine@westford-library.example"
CONVENER = "Northshire Carers Trust"
CORE = "Eastbridge Advice Centre"
ASSOCIATE = "Westford Library"
TITLE = "Open the Saturday drop-in at Westford Library"
OBJECTION = "The library closes at noon on Saturdays, so the drop-in would be cut short."
OUTCOME = "Not agreed yet: we will ask the library about opening until 4pm and propose again."
BASIS = "One vote per partner organisation, cast by its admin or representative"


def three_partners():
    """Ada's organisation convenes; Grace's joined as a core partner and Katherine's
    as an associate. Each is their organisation's admin and representative."""
    ada = UserFactory(email=ADA_EMAIL, name="Ada Lovelace")
    grace = UserFactory(email=GRACE_EMAIL, name="Grace Hopper")
    katherine = UserFactory(email=KATHERINE_EMAIL, name="Katherine Johnson")
    profile = {"description": "Advice and support for unpaid carers.", "area_served": "Northshire"}
    trust = organisation_create(actor=ada, name=CONVENER, kind="charity", **profile)
    centre = organisation_create(actor=grace, name=CORE, kind="community_group", **profile)
    library = organisation_create(actor=katherine, name=ASSOCIATE, kind="local_authority", **profile)
    partnership = partnership_convene(
        actor=ada,
        organisation=trust,
        name=PARTNERSHIP,
        purpose="Carers in Northshire get joined-up advice in one place.",
    )
    for person, organisation, role in ((grace, centre, "core"), (katherine, library, "associate")):
        invitation = partner_invite(actor=ada, partnership=partnership, email=person.email, role=role)
        partner_invitation_accept(actor=person, invitation=invitation, organisation=organisation)
    return partnership


def open_the_proposal(ada: Visitor) -> None:
    page = ada.page
    ada.follow(page.get_by_role("link", name="Polls and proposals"), heading="Decisions")
    expect(page.get_by_role("main")).to_contain_text("No polls are open.")
    ada.follow(page.get_by_role("link", name="Open a poll"), heading="Open a poll")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Details").fill("We would run it from 10am to 4pm, from March.")
    page.get_by_role("group", name="Kind of poll").get_by_label("Consent (consent or object").check()
    page.get_by_role("group", name="Who votes").get_by_label("All partners (not observers)").check()
    page.get_by_role("group", name="How votes count").get_by_label(BASIS).check()
    page.get_by_label("Quorum (%)").fill("50")
    ada.follow(page.get_by_role("button", name="Open the poll"), heading=TITLE)
    expect_success(page, "The poll is open.")
    expect(page.get_by_role("main")).to_contain_text(f"All partners (not observers); {BASIS.lower()}")


def vote(person: Visitor, poll_url: str, answer: str, reason: str = "") -> None:
    person.open(poll_url, heading=TITLE)
    page = person.page
    page.get_by_role("group", name="Your vote").get_by_label(answer, exact=True).check()
    page.get_by_label("Reason (optional)").fill(reason)
    person.follow(page.get_by_role("button", name="Vote", exact=True), heading=TITLE)


def test_partners_decide_a_consent_proposal_one_organisation_one_vote(new_visitor, audit, site):
    partnership = three_partners()
    partnership_url = f"/partnerships/{partnership.uuid}/"

    # 1. Ada opens a consent proposal, one vote per partner organisation.
    ada = new_visitor("Ada")
    ada.sign_in(ADA_EMAIL, PASSWORD, lands_on="Hello, Ada Lovelace")
    ada.open(partnership_url, heading=PARTNERSHIP)
    open_the_proposal(ada)
    poll_url = ada.page.url
    turnout = ada.page.get_by_role("table", name="Turnout per organisation")
    for organisation in (CONVENER, CORE, ASSOCIATE):
        expect(row_of(turnout, organisation).get_by_role("cell")).to_have_text("No")

    # 2. Grace, in her own browser, consents for her organisation.
    grace = new_visitor("Grace")
    grace.sign_in(GRACE_EMAIL, PASSWORD, lands_on="Hello, Grace Hopper")
    vote(grace, poll_url, "Consent")
    expect_success(grace.page, "Your vote has been recorded.")
    expect(grace.page.get_by_role("main")).to_contain_text(f"{CORE} voted: Consent")
    expect(grace.page.get_by_role("heading", name="Change your vote")).to_be_visible()

    # 3. Katherine objects: without a reason she is told to give one, then she does.
    katherine = new_visitor("Katherine")
    katherine.sign_in(KATHERINE_EMAIL, PASSWORD, lands_on="Hello, Katherine Johnson")
    katherine.open(poll_url, heading=TITLE)
    page = katherine.page
    page.get_by_role("group", name="Your vote").get_by_label("Objection", exact=True).check()
    katherine.follow(page.get_by_role("button", name="Vote", exact=True), heading=TITLE)
    expect(page.get_by_role("alert").filter(has_text="There is a problem")).to_contain_text("reason")
    expect(page).to_have_title(re.compile("^Error:"))
    vote(katherine, poll_url, "Objection", OBJECTION)
    expect_success(page, "Your vote has been recorded.")
    expect(page.get_by_role("main")).to_contain_text(f"{ASSOCIATE} voted: Objection — “{OBJECTION}”")

    # 4. Ada sees both votes, the objection with its reason, and the turnout.
    ada.open(poll_url, heading=TITLE)
    page = ada.page
    expect(page.get_by_role("main")).to_contain_text("2 votes.")
    votes = page.get_by_role("table", name="Votes per option")
    expect(row_of(votes, "Consent").get_by_role("cell").first).to_have_text("1")
    expect(row_of(votes, "Objection").get_by_role("cell").first).to_have_text("1")
    how_each_voted = page.get_by_role("list").filter(has_text=OBJECTION)
    expect(how_each_voted).to_contain_text(f"{ASSOCIATE}: Objection")
    expect(how_each_voted).to_contain_text(f"{CORE}: Consent")
    turnout = page.get_by_role("table", name="Turnout per organisation")
    expect(row_of(turnout, CONVENER).get_by_role("cell")).to_have_text("No")
    expect(row_of(turnout, CORE).get_by_role("cell")).to_have_text("Yes")
    expect(row_of(turnout, ASSOCIATE).get_by_role("cell")).to_have_text("Yes")

    # The poll's voice balance: who proposed, who took part, who objected.
    voices = page.get_by_role("table", name="Each organisation in this poll")
    expect(row_of(voices, CONVENER).get_by_role("cell")).to_have_text(["1", "0", "0"])
    expect(row_of(voices, CORE).get_by_role("cell")).to_have_text(["0", "1", "0"])
    expect(row_of(voices, ASSOCIATE).get_by_role("cell")).to_have_text(["0", "1", "1"])

    # The poll page on a small phone: still accessible, nothing to scroll sideways.
    page.set_viewport_size({"width": 360, "height": 780})
    ada.open(poll_url, heading=TITLE)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, f"the poll page scrolls sideways at 360 px ({scroll_width} px wide)"
    page.set_viewport_size({"width": 1280, "height": 900})

    # 5. Ada closes the poll and writes the outcome.
    ada.follow(page.get_by_role("button", name="Close the poll now"), heading="Write the outcome")
    expect_success(page, "The poll is closed. Now write what was decided.")
    page.get_by_label("What was decided").fill(OUTCOME)
    ada.follow(page.get_by_role("button", name="Save the outcome"), heading=TITLE)
    expect_success(page, "The outcome is in the decision log.")
    expect(page.get_by_role("main")).to_contain_text("Closed")
    expect(page.get_by_role("heading", name="Vote", exact=True)).to_have_count(0)

    # 6. The decision is in the partnership's decision log.
    ada.open(partnership_url, heading=PARTNERSHIP)
    ada.follow(page.get_by_role("link", name="Decision log"), heading="Decisions")
    expect(page.get_by_role("main")).to_contain_text("No polls are open.")
    entry = page.locator(".govuk-summary-card").filter(has=page.get_by_role("heading", name=TITLE))
    expect(entry).to_contain_text(OUTCOME)
    expect(entry).to_contain_text(
        f"Consent (consent or object, with a reason) · {BASIS} · "
        "the agreement's rule: consent of all core partners (no objection) · 2 votes"
    )

    # Grace, too, reads the outcome on the poll's page.
    grace.open(poll_url, heading=TITLE)
    expect(grace.page.get_by_role("main")).to_contain_text(OUTCOME)

    audit.assert_clean()
