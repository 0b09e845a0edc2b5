"""From the canvas to an agreement in force, in a real browser, as two partners do it.

Two organisations are already partners (set up in the database); their admins sign
in through the sign-in page. Ada, for the convener, fills the canvas: the purpose,
an outcome with an indicator, and a need serving it, which the gap analysis shows
as not covered. Grace, for the core partner, pledges against that need and says
what her organisation wants. Ada sees the need covered and Grace's organisation in
the table beside the share chart. Ada drafts the agreement and publishes it; both
endorse it (Grace from the link in her email) and it comes into force. The PDF holds
the vision. Every page either of them lands on is checked with axe; the gap analysis
also at 360 px wide.
"""

import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from consortia.core.factories import PASSWORD

from .scenes import ADA_EMAIL, CONVENER, CORE, GRACE_EMAIL, PARTNERSHIP, expect_success, row_of, two_partners
from .visitor import Visitor

pytestmark = pytest.mark.browser

OUTCOME = "Carers of people with dementia feel less alone"
INDICATOR = "Carers who say they feel less alone"
NEED = "Volunteers to run the Saturday drop-in"
PLEDGE = "Trained volunteers from our befriending team"
WANTS = "To reach carers in the villages we do not see today."
VISION = "Every unpaid carer in Northshire finds advice and company within a week of asking."
SHARES_TABLE = re.compile(r"^Pledges by partner, with their estimated value")
ENDORSEMENTS_TABLE = "Which partners have endorsed version 1"
ENDORSEMENT_LINK = re.compile(r"https?://\S+/agreement/versions/\S+/")


def in_a_year() -> str:
    return (timezone.localdate() + timedelta(days=365)).isoformat()


def mark_section_done(person: Visitor) -> None:
    """Answer "Have you completed this section?" with yes: back to the task list."""
    page = person.page
    page.get_by_role("group", name="Have you completed this section?").get_by_label("Yes").check()
    person.follow(
        page.get_by_role("button", name="Save and return to the canvas"), heading="Partnership canvas"
    )


def fill_the_canvas(ada: Visitor) -> None:
    page = ada.page
    ada.follow(
        page.get_by_role("link", name="What we want to achieve, need and bring"), heading="Partnership canvas"
    )

    # Purpose: who benefits, why together, where.
    ada.follow(page.get_by_role("link", name="Purpose", exact=True), heading="Purpose")
    ada.follow(page.get_by_role("link", name="Change the purpose"), heading="Purpose")
    expect(page.get_by_label("The partnership's purpose")).to_have_value(
        "Carers in Northshire get joined-up advice in one place."
    )
    page.get_by_label("Who benefits").fill(
        "Unpaid carers of people with dementia, and the people they care for."
    )
    page.get_by_label("Why a partnership").fill(
        "No one of us reaches carers in both the town and the villages."
    )
    page.get_by_label("Area served").fill("Northshire")
    ada.follow(page.get_by_role("button", name="Save"), heading="Purpose")
    expect_success(page, "The purpose has been saved.")
    expect(
        page.get_by_role("definition").filter(has_text="Unpaid carers of people with dementia")
    ).to_be_visible()
    mark_section_done(ada)
    expect_success(page, "“Purpose” is marked as done.")

    # An outcome, and an indicator that says how the partners will know.
    ada.follow(
        page.get_by_role("link", name="What do we want to achieve?"), heading="What do we want to achieve?"
    )
    ada.follow(page.get_by_role("link", name="Add an outcome"), heading="Add an outcome")
    page.get_by_label("Outcome", exact=True).fill(OUTCOME)
    ada.follow(page.get_by_role("button", name="Add outcome"), heading="What do we want to achieve?")
    expect_success(page, "The outcome has been added.")
    ada.follow(page.get_by_role("link", name=f"Add an indicator to {OUTCOME}"), heading="Add an indicator")
    expect(page.get_by_role("main")).to_contain_text(f"For the outcome: {OUTCOME}")
    page.get_by_role("group", name="Which question does it answer?").get_by_label(
        "Is anyone better off?"
    ).check()
    page.get_by_label("What you will measure").fill(INDICATOR)
    page.get_by_label("Counted in").fill("%")
    page.get_by_label("Baseline").fill("20")
    page.get_by_label("Target", exact=True).fill("60")
    target_date = timezone.localdate() + timedelta(days=400)
    page.get_by_label("Target date").fill(target_date.isoformat())
    ada.follow(page.get_by_role("button", name="Add indicator"), heading="What do we want to achieve?")
    expect_success(page, "The indicator has been added.")
    indicator = row_of(page.get_by_role("table", name="Indicators"), INDICATOR)
    expect(indicator.get_by_role("cell", name="Is anyone better off?")).to_be_visible()
    expect(indicator.get_by_role("cell", name="20", exact=True)).to_be_visible()
    expect(indicator.get_by_role("cell", name="60", exact=True)).to_be_visible()
    expect(indicator.get_by_role("cell", name=f"{target_date:%-d %B %Y}")).to_be_visible()
    mark_section_done(ada)

    # A need that serves the outcome.
    ada.follow(
        page.get_by_role("link", name="What do we need to get there?"),
        heading="What do we need to get there?",
    )
    ada.follow(page.get_by_role("link", name="Add a need"), heading="Add a need")
    page.get_by_label("Kind of contribution").select_option(label="Volunteer time")
    page.get_by_label("What is needed").fill(NEED)
    page.get_by_label("Quantity").fill("100")
    page.get_by_label("Unit").select_option(label="hours")
    page.get_by_label("Needed by").fill(in_a_year())
    page.get_by_role("group", name="Priority").get_by_label("Essential").check()
    page.get_by_role("group", name="Which outcomes does it serve?").get_by_label(OUTCOME).check()
    ada.follow(page.get_by_role("button", name="Add need"), heading="What do we need to get there?")
    expect_success(page, "The need has been added.")
    need = row_of(page.get_by_role("table", name="Needs"), NEED)
    expect(need.get_by_role("cell", name="100 hours", exact=True)).to_be_visible()
    expect(need.get_by_role("cell", name=OUTCOME)).to_be_visible()
    expect(need.get_by_role("cell", name="Not covered")).to_be_visible()


def expect_need(page: Page, coverage: str) -> None:
    """The need's card on the gap analysis is headed by the need and its coverage."""
    expect(page.get_by_role("heading", name=f"{NEED} {coverage}", exact=True)).to_be_visible()


def test_partners_fill_the_canvas_and_endorse_an_agreement(new_visitor, audit, site, mailoutbox):
    partnership, _, _ = two_partners()
    partnership_url = f"/partnerships/{partnership.uuid}/"
    gaps_url = f"{partnership_url}canvas/gaps/"

    ada = new_visitor("Ada")
    ada.sign_in(ADA_EMAIL, PASSWORD, lands_on="Hello, Ada Lovelace")
    ada.open(partnership_url, heading=PARTNERSHIP)

    # 1. Ada fills the canvas; the gap analysis shows the need with nothing against it.
    fill_the_canvas(ada)
    ada.follow(ada.page.get_by_role("link", name="gap analysis"), heading="Gaps")
    expect_need(ada.page, "Not covered")
    expect(ada.page.get_by_role("main")).to_contain_text("1 need has nothing pledged towards it yet.")
    expect(ada.page.get_by_role("main")).to_contain_text("Nothing pledged towards this need in hours yet.")

    # 2. Grace, in her own browser, pledges against the need and says what her
    # organisation wants from the partnership.
    grace = new_visitor("Grace")
    grace.sign_in(GRACE_EMAIL, PASSWORD, lands_on="Hello, Grace Hopper")
    grace.open(partnership_url, heading=PARTNERSHIP)
    page = grace.page
    grace.follow(page.get_by_role("link", name="Gaps and who could fill them"), heading="Gaps")
    expect_need(page, "Not covered")
    grace.follow(
        page.get_by_role("link", name=f"Pledge towards this need: {NEED}"), heading=f"Pledge for {CORE}"
    )
    expect(
        page.get_by_label("Is it against one of the partnership's needs?").locator("option:checked")
    ).to_have_text(f"{NEED} (100 hours)")
    expect(page.get_by_label("Kind of contribution").locator("option:checked")).to_have_text("Volunteer time")
    page.get_by_label("What you will bring").fill(PLEDGE)
    page.get_by_label("Quantity").fill("100")
    expect(page.get_by_label("Unit").locator("option:checked")).to_have_text("hours")
    page.get_by_label("Estimated value in £").fill("1,500")
    page.get_by_label("When it is available").fill("Saturdays from March")
    grace.follow(page.get_by_role("button", name="Add pledge"), heading="What can each partner bring?")
    expect_success(page, f"The pledge of {CORE} has been added.")

    grace.follow(
        page.get_by_role("link", name=f"Say what you want from the partnership, for {CORE}"),
        heading=f"What {CORE} wants from the partnership",
    )
    page.get_by_label("What does your organisation want from the partnership?").fill(WANTS)
    grace.follow(page.get_by_role("button", name="Save"), heading="What can each partner bring?")
    expect_success(page, f"What {CORE} wants has been saved.")
    expect(page.get_by_role("main")).to_contain_text(WANTS)

    # 3. Ada sees the need covered, and Grace's organisation in the table that
    # stands beside the share chart.
    ada.open(gaps_url, heading="Gaps")
    expect_need(ada.page, "Covered")
    expect(ada.page.get_by_role("link", name=re.compile("^Pledge towards this"))).to_have_count(0)
    expect(ada.page.get_by_role("main")).to_contain_text(f"{CORE}: {PLEDGE} (100 hours)")
    shares = ada.page.get_by_role("table", name=SHARES_TABLE)
    expect(shares).to_have_accessible_name(re.compile(r"£1,500 pledged in all$"))
    core_share = row_of(shares, CORE)
    expect(core_share).to_have_count(1)
    expect(core_share.get_by_role("cell", name="£1,500", exact=True)).to_be_visible()
    expect(core_share.get_by_role("cell", name="100.0%", exact=True)).to_be_visible()

    # The gap analysis on a small phone: still accessible, nothing to scroll sideways.
    ada.page.set_viewport_size({"width": 360, "height": 780})
    ada.open(gaps_url, heading="Gaps")
    scroll_width = ada.page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, f"the gap analysis scrolls sideways at 360 px ({scroll_width} px wide)"
    expect_need(ada.page, "Covered")
    ada.page.set_viewport_size({"width": 1280, "height": 900})

    # 4. Ada drafts the agreement and publishes it.
    ada.open(partnership_url, heading=PARTNERSHIP)
    page = ada.page
    ada.follow(page.get_by_role("link", name="Partnership agreement"), heading="Partnership agreement")
    expect(page.get_by_role("main")).to_contain_text("There is no agreement yet.")
    ada.follow(
        page.get_by_role("button", name="Start the first draft"), heading="Partnership agreement, version 1"
    )
    expect_success(page, "Version 1 has been started as a draft.")
    expect(page.get_by_role("main")).to_contain_text("This is a draft.")
    ada.follow(page.get_by_role("link", name="Change the draft"), heading="Change the draft")
    page.get_by_label("Vision").fill(VISION)
    page.get_by_label("Meeting rhythm").fill("Monthly, second Tuesday, online and in person")
    page.get_by_role("group", name="How the partnership makes decisions").get_by_label(
        "Consent of all core partners (no objection)"
    ).check()
    page.get_by_label("Quorum, as a percentage").fill("75")
    page.get_by_label("Spending that needs approval, from £").fill("500")
    page.get_by_label("Partners who must approve such spending").fill("2")
    page.get_by_label("Review date").fill(in_a_year())
    ada.follow(page.get_by_role("button", name="Save the draft"), heading="Partnership agreement, version 1")
    expect_success(page, "The draft of version 1 has been saved.")
    expect(page.get_by_role("main")).to_contain_text(VISION)

    ada.follow(
        page.get_by_role("link", name="Publish version 1"), heading="Publish version 1 of the agreement"
    )
    asked = page.get_by_role("main").get_by_role("list").filter(has_text=CORE)
    expect(asked).to_contain_text(f"{CONVENER} (convener)")
    expect(asked).to_contain_text(f"{CORE} (core partner)")
    ada.follow(
        page.get_by_role("button", name="Publish version 1"), heading="Partnership agreement, version 1"
    )
    expect_success(page, "Version 1 has been published.")
    expect(page.get_by_role("main")).to_contain_text("Waiting for endorsements")

    # Ada endorses for her organisation.
    expect(page.get_by_role("region", name="Your endorsement is asked for")).to_contain_text(
        f"endorse it for {CONVENER}"
    )
    ada.follow(
        page.get_by_role("button", name=f"Endorse version 1 for {CONVENER}"),
        heading="Partnership agreement, version 1",
    )
    expect_success(page, f"{CONVENER} has endorsed version 1.")
    expect(page.get_by_role("main")).to_contain_text("Waiting for endorsements")
    endorsements = page.get_by_role("table", name=ENDORSEMENTS_TABLE)
    expect(row_of(endorsements, CORE).get_by_role("cell")).to_have_text("Not yet")

    # Grace follows the link in the email asking her to endorse, and does.
    requests = [m for m in mailoutbox if m.to == [GRACE_EMAIL] and ENDORSEMENT_LINK.search(m.body)]
    assert len(requests) == 1, f"expected one endorsement request to Grace: {[m.to for m in mailoutbox]}"
    assert requests[0].subject == f"Please endorse version 1 of the {PARTNERSHIP} agreement"
    link = ENDORSEMENT_LINK.search(requests[0].body).group(0)
    assert link.startswith(site.url), link
    assert not [m for m in mailoutbox if m.to == [ADA_EMAIL] and "endorse" in m.subject], (
        "the publisher is on the page: no email asks her to endorse"
    )
    grace.open(link, heading="Partnership agreement, version 1")
    page = grace.page
    expect(page.get_by_role("main")).to_contain_text(VISION)
    grace.follow(
        page.get_by_role("button", name=f"Endorse version 1 for {CORE}"),
        heading="Partnership agreement, version 1",
    )
    expect_success(
        page, f"{CORE} has endorsed version 1. Every partner asked has endorsed it, so it is now in force."
    )

    # Both endorsements, and the agreement in force, as Ada reads them.
    ada.open(f"{partnership_url}agreement/", heading="Partnership agreement, version 1")
    page = ada.page
    today = f"{timezone.localdate():%-d %B %Y}"
    expect(page.get_by_role("main")).to_contain_text(f"In force Published {today} by Ada Lovelace.")
    expect(page.get_by_role("main")).to_contain_text(f"Endorsed by every partner asked, on {today}.")
    endorsements = page.get_by_role("table", name=ENDORSEMENTS_TABLE)
    for organisation, person in ((CONVENER, "Ada Lovelace"), (CORE, "Grace Hopper")):
        expect(row_of(endorsements, organisation).get_by_role("cell")).to_have_text(
            f"Endorsed by {person}, {today}"
        )
    expect(page.get_by_role("region", name="Your endorsement is asked for")).to_have_count(0)

    # 5. The PDF of the agreement holds its vision.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download version 1 as PDF").click()
    download = download_info.value
    assert download.suggested_filename == "northshire-carers-advice-partnership-agreement-version-1.pdf"
    with open(download.path(), "rb") as pdf_file:
        pdf = pdf_file.read()
    assert pdf.startswith(b"%PDF-"), pdf[:40]
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert VISION in text, text[:2000]
    assert "Grace Hopper" in text and "in force" in text, text[:2000]

    audit.assert_clean()
