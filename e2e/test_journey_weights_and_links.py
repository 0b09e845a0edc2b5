"""A poll weighted as the agreement states, and personal consultation links, in a real browser.

Two organisations are already partners (set up in the database); their admins sign
in through the sign-in page. Ada, for the convener, starts the agreement's first
draft and sets its voting weights: asked to say why when partners have different
numbers of votes (refused without a reason), she gives her organisation 3 votes and
says why. The agreement is published and endorsed (through the services) and comes
into force. Ada opens a proposal weighted as the agreement states; she and Grace,
for the core partner, agree, and the poll counts 2 votes worth 4. Ada opens a public
consultation on the poll and makes 3 personal links for the Tuesday carers' group.
A carer with no account answers through one on a small phone; the link then says it
has been used. Ada sees 1 of the 3 links used and the answer. Every page any of
them lands on is checked with axe; the personal link's page at 360 px wide.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from consortia.agreements.models import AgreementVersion
from consortia.agreements.services import agreement_draft_update, agreement_endorse, agreement_publish
from consortia.core.factories import PASSWORD

from .scenes import ADA_EMAIL, CONVENER, CORE, GRACE_EMAIL, PARTNERSHIP, expect_success, row_of, two_partners
from .visitor import Visitor

pytestmark = pytest.mark.browser

VERSION_1 = "Partnership agreement, version 1"
STATED = "Each partner organisation has the number of votes this agreement states"
WHY_WEIGHTED = (
    "In proportion to what each partner pays into the pooled budget: the Trust pays three quarters."
)
TITLE = "Fund a second advice worker from the pooled budget"
BASIS = "One vote per partner organisation, weighted as the agreement in force states"
LABEL = "Tuesday carers' group"
COMMENT = "Please keep the Tuesday session: it is the only one I can get to."
PERSONAL_LINK = re.compile(r"^https?://\S+/consult/link/\S+/$")


def bring_into_force(partnership, ada, grace) -> None:
    """The draft Ada weighted in the browser gets its text, is published and is
    endorsed by both partners, as the canvas journey does in the browser."""
    draft = AgreementVersion.objects.get(partnership=partnership, number=1)
    draft = agreement_draft_update(
        actor=ada,
        version=draft,
        vision="Every unpaid carer in Northshire finds advice within a week of asking.",
        aims="One front door for advice.",
        principles="Openness and equity.",
        meeting_rhythm="Monthly",
        decision_rule="consent_core",
        quorum_percent=50,
        spending_threshold_gbp=500,
        spending_approvals=2,
        review_date=timezone.localdate() + timedelta(days=365),
        joining_and_leaving="Three months' notice.",
    )
    version = agreement_publish(actor=ada, version=draft)
    for person, organisation in ((ada, CONVENER), (grace, CORE)):
        partner = partnership.partners.get(organisation__name=organisation)
        agreement_endorse(actor=person, version=version, partner=partner)
    version.refresh_from_db()
    assert version.status == AgreementVersion.Status.PUBLISHED and version.in_force_at, version


def set_the_weights(ada: Visitor) -> None:
    """Ada gives her organisation 3 votes; without a reason she is told to give one."""
    page = ada.page
    ada.follow(page.get_by_role("link", name="Change the voting weights"), heading="Voting weights")
    weighting = page.get_by_role("group", name="How votes are weighted")
    expect(weighting.get_by_label("Every partner organisation has one vote")).to_be_checked()
    expect(page.get_by_label(f"Votes for {CONVENER}")).to_have_value("1")
    expect(page.get_by_label(f"Votes for {CORE}")).to_have_value("1")
    weighting.get_by_label(STATED).check()
    page.get_by_label(f"Votes for {CONVENER}").fill("3")
    with page.expect_response(lambda r: r.request.method == "POST") as refused:
        ada.follow(page.get_by_role("button", name="Save the voting weights"), heading="Voting weights")
    assert refused.value.status == 400, f"weights without a reason answered {refused.value.status}"
    problem = "Say why votes are weighted, so every partner can see the rule"
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary.get_by_role("link", name=problem)).to_be_visible()
    expect(page).to_have_title(re.compile("^Error:"))
    reason = page.get_by_label("Why votes are weighted")
    expect(reason).to_have_accessible_description(re.compile(re.escape(problem)))
    expect(page.get_by_role("group", name="How votes are weighted").get_by_label(STATED)).to_be_checked()
    expect(page.get_by_label(f"Votes for {CONVENER}")).to_have_value("3")
    reason.fill(WHY_WEIGHTED)
    ada.follow(page.get_by_role("button", name="Save the voting weights"), heading=VERSION_1)
    expect_success(page, "The voting weights have been saved.")
    expect(page).to_have_url(re.compile("#weights$"))


def expect_weights(page: Page, *, draft: bool) -> None:
    """The version page's "Voting weights" section: the reason and the votes. A
    draft lists every partner taking part; a published version only the partners
    it gives more than one vote ("A partner not listed has one vote")."""
    section = page.locator("#weights ~ *").filter(has_text=WHY_WEIGHTED)
    expect(section.first).to_contain_text(f"Why: {WHY_WEIGHTED}")
    expect(page.get_by_role("main")).to_contain_text("A partner not listed has one vote.")
    weights = page.get_by_role("table", name="The votes each partner has")
    expect(row_of(weights, CONVENER).get_by_role("cell")).to_have_text("3")
    if draft:
        expect(row_of(weights, CORE).get_by_role("cell")).to_have_text("1")
    else:
        expect(row_of(weights, CORE)).to_have_count(0)


def open_the_weighted_proposal(ada: Visitor) -> None:
    page = ada.page
    ada.follow(page.get_by_role("link", name="Polls and proposals"), heading="Decisions")
    ada.follow(page.get_by_role("link", name="Open a poll"), heading="Open a poll")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Details").fill("A second worker for the Tuesday and Saturday sessions, for one year.")
    page.get_by_role("group", name="Kind of poll").get_by_label("Proposal (agree, abstain, disagree)").check()
    page.get_by_role("group", name="Who votes").get_by_label("All partners (not observers)").check()
    page.get_by_role("group", name="How votes count").get_by_label(BASIS).check()
    ada.follow(page.get_by_role("button", name="Open the poll"), heading=TITLE)
    expect_success(page, "The poll is open.")
    expect(page.get_by_role("main")).to_contain_text(
        f"All partners (not observers); {BASIS.lower()} (the weights of agreement version 1, "
        "fixed when the poll opened)"
    )


def vote(person: Visitor, poll_url: str, answer: str) -> None:
    person.open(poll_url, heading=TITLE)
    page = person.page
    page.get_by_role("group", name="Your vote").get_by_label(answer, exact=True).check()
    person.follow(page.get_by_role("button", name="Vote", exact=True), heading=TITLE)
    expect_success(page, "Your vote has been recorded.")


def make_personal_links(ada: Visitor) -> list[str]:
    """Ada opens the consultation and makes 3 personal links for the carers' group."""
    page = ada.page
    ada.follow(
        page.get_by_role("link", name="Open a consultation for service users, volunteers or residents"),
        heading="Public consultation",
    )
    ada.follow(page.get_by_role("button", name="Open a consultation"), heading="Public consultation")
    expect_success(page, "The consultation is open. Share this link; it is shown only now:")
    counts = page.get_by_test_id("personal-links-counts")
    expect(row_of_list(counts, "Links issued")).to_have_text("0")
    ada.follow(page.get_by_role("link", name="Make personal links"), heading="Make personal links")
    page.get_by_label("How many links?").fill("3")
    page.get_by_label("Label").fill(LABEL)
    ada.follow(page.get_by_role("button", name="Make the links"), heading=f"3 personal links: {LABEL}")
    expect(page.get_by_role("main")).to_contain_text("These links are shown only once.")
    links = page.get_by_test_id("personal-links").get_by_role("listitem")
    expect(links).to_have_count(3)
    urls = [text.strip() for text in links.all_inner_texts()]
    assert len(set(urls)) == 3, urls
    for url in urls:
        assert PERSONAL_LINK.match(url) and url.startswith(ada.base_url), url
    return urls


def row_of_list(summary_list: Locator, key: str) -> Locator:
    """The value beside `key` in a GOV.UK summary list."""
    key_only = summary_list.page.locator("dt", has_text=re.compile(rf"^\s*{re.escape(key)}\s*$"))
    return summary_list.locator(".govuk-summary-list__row").filter(has=key_only).locator("dd")


def test_weighted_poll_and_personal_consultation_links(new_visitor, audit, site):
    partnership, ada_user, grace_user = two_partners()
    partnership_url = f"/partnerships/{partnership.uuid}/"

    # 1. Ada starts the agreement's first draft and sets its voting weights.
    ada = new_visitor("Ada")
    ada.sign_in(ADA_EMAIL, PASSWORD, lands_on="Hello, Ada Lovelace")
    ada.open(partnership_url, heading=PARTNERSHIP)
    page = ada.page
    ada.follow(page.get_by_role("link", name="Partnership agreement"), heading="Partnership agreement")
    ada.follow(page.get_by_role("button", name="Start the first draft"), heading=VERSION_1)
    expect(page.get_by_role("main")).to_contain_text("Every partner organisation has one vote.")
    version_url = page.url
    set_the_weights(ada)
    expect_weights(page, draft=True)

    # 2. The agreement is published and endorsed, and is in force with its weights.
    bring_into_force(partnership, ada_user, grace_user)
    ada.open(version_url, heading=VERSION_1)
    expect(page.get_by_role("main")).to_contain_text("In force")
    expect_weights(page, draft=False)
    expect(page.get_by_role("link", name="Change the voting weights")).to_have_count(0)

    # 3. Ada opens a proposal weighted as the agreement states; she and Grace agree.
    ada.open(partnership_url, heading=PARTNERSHIP)
    open_the_weighted_proposal(ada)
    poll_url = page.url
    turnout = page.get_by_role("table", name="Turnout per organisation")
    expect(turnout.get_by_role("columnheader", name="Votes it counts for")).to_be_visible()
    expect(row_of(turnout, CONVENER).get_by_role("cell")).to_have_text(["3", "No"])
    expect(row_of(turnout, CORE).get_by_role("cell")).to_have_text(["1", "No"])

    vote(ada, poll_url, "Agree")
    expect(page.get_by_role("main")).to_contain_text(f"{CONVENER} voted: Agree")

    grace = new_visitor("Grace")
    grace.sign_in(GRACE_EMAIL, PASSWORD, lands_on="Hello, Grace Hopper")
    vote(grace, poll_url, "Agree")
    expect(grace.page.get_by_role("main")).to_contain_text(f"{CORE} voted: Agree")

    # Ada reads 2 ballots worth 4 weighted votes, and what each organisation counts for.
    ada.open(poll_url, heading=TITLE)
    expect(page.get_by_role("main")).to_contain_text("2 votes, worth 4 weighted votes.")
    votes = page.get_by_role("table", name="Votes per option")
    expect(row_of(votes, "Agree").get_by_role("cell").first).to_have_text("4")
    turnout = page.get_by_role("table", name="Turnout per organisation")
    expect(row_of(turnout, CONVENER).get_by_role("cell")).to_have_text(["3", "Yes"])
    expect(row_of(turnout, CORE).get_by_role("cell")).to_have_text(["1", "Yes"])

    # 4. Ada opens a consultation on the poll and makes 3 personal links.
    expect(page.get_by_role("main")).to_contain_text("No consultation yet.")
    urls = make_personal_links(ada)

    # 5. A carer with no account answers through one link, on a small phone.
    carer = new_visitor("Carer")
    carer.page.set_viewport_size({"width": 360, "height": 780})
    carer.open(urls[0], heading=TITLE)
    public = carer.page
    scroll_width = public.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, (
        f"the personal link's page scrolls sideways at 360 px ({scroll_width} px wide)"
    )
    expect(public.get_by_role("main")).to_contain_text(f"A consultation by {PARTNERSHIP}")
    expect(public.get_by_label("Your email address")).to_have_count(0)
    public.get_by_role("group", name="What do you think of the proposal?").get_by_label(
        "Support", exact=True
    ).check()
    public.get_by_label("Comments").fill(COMMENT)
    carer.follow(public.get_by_role("button", name="Send my answer"), heading=TITLE)
    expect_success(public, "Thank you: your answer is recorded.")
    expect(public.get_by_test_id("link-used")).to_be_visible()

    # The same link again: it says it has been used, and takes no second answer.
    carer.open(urls[0], heading=TITLE)
    expect(public.get_by_test_id("link-used")).to_have_text(
        "This link has been used: your answer is recorded. Thank you."
    )
    expect(public.get_by_role("button", name="Send my answer")).to_have_count(0)
    expect(public.locator("main form")).to_have_count(0)

    # 6. Ada sees 1 of the 3 links used, and the answer from the carers' group.
    ada.open(f"{poll_url}consultation/", heading="Public consultation")
    counts = page.get_by_test_id("personal-links-counts")
    expect(row_of_list(counts, "Links issued")).to_have_text("3")
    expect(row_of_list(counts, "Used")).to_have_text("1")
    expect(row_of_list(counts, "Unused")).to_have_text("2")
    by_label = page.get_by_role("table", name="Personal links by label")
    expect(by_label.get_by_role("row").filter(has_text=LABEL).get_by_role("cell")).to_have_text(
        [LABEL, "3", "1", "2"]
    )
    responses = page.get_by_role("table").filter(has=page.get_by_role("columnheader", name="Respondent"))
    answer = responses.get_by_role("row").filter(has_text=COMMENT)
    expect(answer).to_have_count(1)
    expect(answer.get_by_role("cell").nth(0)).to_have_text("Support")
    expect(answer.get_by_role("cell").nth(2)).to_contain_text(f"Personal link ({LABEL})")
    expect(page.get_by_test_id("consultation-summary")).to_contain_text("1 response")

    audit.assert_clean()
