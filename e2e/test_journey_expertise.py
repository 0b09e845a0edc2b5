"""Issue 13's journey, in a real browser: a question asked of the partnership reaches
the person who knows, and its accepted answer becomes practice the partnership keeps,
its jargon explained in place.

The Northshire Carers Trust convenes the partnership; the Eastbridge Advice Centre and
Riverside Surgery, a GP practice, are its partners (set up in the database). Dr Priya
Shah speaks for the surgery and lists "Consent" as her expertise in the partnership;
the glossary has "Carer's assessment", approved, defined for health and for the
voluntary sector. Carys, the trust's carers' centre coordinator, asks the partnership
"How do we record consent for carers' assessments?" on the topic Consent: matching
puts it to Priya ("Asked of: Dr Priya Shah"), who is told. Priya signs in, follows
her notification to the question and answers it. Carys accepts the answer and adds it
to the practice library in one step: the entry, for the partnership only, says where
it came from, and "carer's assessment" in its text is a link a keyboard reaches,
described by the term's definition, leading to the glossary entry. On a phone 360 px
wide the entry does not scroll sideways. Every page anyone lands on is checked with
axe.
"""

import pytest
from playwright.sync_api import expect

from consortia.core.factories import PASSWORD, MembershipFactory, UserFactory
from consortia.expertise.services import expertise_add
from consortia.glossary.services import term_approve, term_suggest
from consortia.organisations.services import organisation_create
from consortia.partnerships.services import partner_invitation_accept, partner_invite

from .scenes import CONVENER, PARTNERSHIP, expect_success, two_partners

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("notifications_on")]

CARYS_EMAIL = "carys@carers-trust.example"
CARYS = "Carys Evans"
PRIYA_EMAIL = "priya@riverside-surgery.example"
PRIYA = "Dr Priya Shah"
SURGERY = "Riverside Surgery"
QUESTION = "How do we record consent for carers' assessments?"
DETAILS = (
    "Carers tell us about the person they look after when we help them prepare for an "
    "assessment. What do we need to record, and when may we share it with the surgery?"
)
ANSWER = (
    "Record it on the carer's assessment form itself: who gave consent, to share what, "
    "with whom, and the date.\n\n"
    "Ask again if anything changes, and never share the cared-for person's health "
    "details without their own consent."
)
TERM = "Carer's assessment"
HEALTH_DEFINITION = "Not a clinical assessment: a GP can refer a carer to the council for one."
CHARITY_DEFINITION = "We help carers ask for one, prepare for it and challenge the outcome."


def the_partnership_with_a_gp_practice():
    """two_partners(), with Carys (a member of Ada's trust, its carers' centre
    coordinator) and Riverside Surgery, a GP practice, joined as a core partner: Priya
    is its admin and representative and lists Consent as her expertise. The glossary
    has "Carer's assessment", defined for two sectors, suggested and approved by Ada.
    Returns the partnership."""
    partnership, ada, _grace = two_partners()
    trust = partnership.partners.get(organisation__name=CONVENER).organisation
    MembershipFactory(organisation=trust, user=UserFactory(email=CARYS_EMAIL, name=CARYS), role="member")
    priya = UserFactory(email=PRIYA_EMAIL, name=PRIYA)
    surgery = organisation_create(
        actor=priya,
        name=SURGERY,
        kind="health",
        description="A GP practice of six doctors serving Riverside and the villages around it.",
        area_served="Northshire",
    )
    invitation = partner_invite(actor=ada, partnership=partnership, email=priya.email, role="core")
    partner_invitation_accept(actor=priya, invitation=invitation, organisation=surgery)
    expertise_add(
        actor=priya,
        partnership=partnership,
        topic="Consent",
        note="Consent and sharing information between the practice, patients and their carers.",
    )
    term = term_suggest(
        actor=ada,
        partnership=partnership,
        name=TERM,
        definitions={"health": HEALTH_DEFINITION, "charity": CHARITY_DEFINITION},
    )
    term_approve(actor=ada, term=term)
    return partnership


def test_a_question_reaches_the_gp_and_its_answer_becomes_practice_with_terms_explained(
    new_visitor, audit, site
):
    partnership = the_partnership_with_a_gp_practice()

    # 1. Carys, the trust's carers' centre coordinator, asks the partnership on Consent.
    carys = new_visitor("Carys")
    carys.sign_in(CARYS_EMAIL, PASSWORD, lands_on=f"Hello, {CARYS}")
    carys.open(f"/partnerships/{partnership.uuid}/", heading=PARTNERSHIP)
    page = carys.page
    carys.follow(page.get_by_role("link", name="Ask the partnership"), heading="Ask the partnership")
    carys.follow(page.get_by_role("link", name="Ask a question"), heading="Ask the partnership")
    page.get_by_label("Your question").fill(QUESTION)
    page.get_by_label("Details").fill(DETAILS)
    page.get_by_label("Topics").fill("Consent")
    carys.follow(page.get_by_role("button", name="Ask the question"), heading=QUESTION)
    expect_success(page, "Your question is asked.")
    question_url = page.url

    # 2. Matching put it to the surgery's representative, who knows Consent.
    routes = page.get_by_test_id("routes")
    expect(routes).to_contain_text(f"Asked of: {PRIYA}, {SURGERY}")
    expect(routes.get_by_role("listitem").filter(has_text=PRIYA)).to_contain_text("knows Consent")
    expect(page.get_by_role("main")).to_contain_text("Topics: Consent")

    # 3. Priya is told; she follows her notification to the question and answers it.
    priya = new_visitor("Priya")
    priya.sign_in(PRIYA_EMAIL, PASSWORD, lands_on=f"Hello, {PRIYA}")
    page = priya.page
    expect(page.get_by_test_id("notifications-link")).to_contain_text("unread")
    priya.follow(page.get_by_test_id("notifications-link"), heading="Notifications")
    told = page.get_by_test_id("notifications").get_by_role("listitem").filter(has_text=QUESTION)
    expect(told).to_have_count(1)
    expect(told).to_contain_text(CARYS)
    expect(told).to_contain_text("asked a question")
    priya.follow(told.get_by_role("link", name=QUESTION), heading=QUESTION)
    page.get_by_label("Your answer").fill(ANSWER)
    priya.follow(page.get_by_role("button", name="Post your answer"), heading=QUESTION)
    expect_success(page, "your answer is posted")
    expect(page.get_by_role("heading", name="1 answer")).to_be_visible()

    # 4. Carys accepts the answer and adds it to the practice library.
    carys.open(question_url, heading=QUESTION)
    page = carys.page
    answer = page.locator(".govuk-summary-card").filter(has_text=f"{PRIYA} ({SURGERY})")
    expect(answer).to_contain_text("who gave consent")
    carys.follow(answer.get_by_role("button", name="Accept this answer"), heading=QUESTION)
    expect_success(page, "The answer is accepted.")
    expect(answer).to_contain_text("Accepted answer")
    carys.follow(answer.get_by_role("button", name="Add to the practice library"), heading=QUESTION)
    expect_success(page, "The answer is in the practice library, for this partnership only")
    entry_url = page.url
    assert "/library/" in entry_url, f"adding to the library landed on {entry_url}"
    main = page.get_by_role("main")
    expect(main).to_contain_text("Seen by this partnership only")
    expect(main).to_contain_text("Guide")
    expect(main).to_contain_text(f"An answer from {PRIYA} ({SURGERY}), accepted by the person who asked.")
    expect(
        page.get_by_role("link", name=f"From the accepted answer to \u201c{QUESTION}\u201d")
    ).to_be_visible()
    expect(main.get_by_role("link", name="Consent", exact=True)).to_be_visible()  # the topic, as a tag

    # 5. "carer's assessment" in the entry's text is explained in place: a link the
    #    keyboard reaches, described by its definition, that leads to the glossary.
    term = page.locator("a.consortia-glossary-term")
    expect(term).to_have_count(1)
    expect(term).to_have_text("carer's assessment")
    expect(term).to_have_accessible_name("carer's assessment")
    expect(term).to_have_accessible_description(f"Glossary: {TERM}. {HEALTH_DEFINITION}")
    page.locator("body").focus()
    for _ in range(80):  # Tab through the page until the term has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('consortia-glossary-term')"):
            break
    expect(term).to_be_focused()
    carys.press("Enter", heading="Glossary")
    entry = page.locator(f"#{page.url.split('#', 1)[1]}")
    expect(entry).to_contain_text(TERM)
    expect(entry).to_contain_text("NHS / health")
    expect(entry).to_contain_text(HEALTH_DEFINITION)
    expect(entry).to_contain_text("Charity / voluntary sector")
    expect(entry).to_contain_text(CHARITY_DEFINITION)

    # 6. The library entry on a phone 360 px wide: nothing scrolls sideways.
    page.set_viewport_size({"width": 360, "height": 780})
    carys.open(entry_url, heading=QUESTION)
    expect(page.locator("a.consortia-glossary-term")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the library entry scrolls sideways at 360 px ({width} px wide)"

    audit.assert_clean()
