"""Issue 12's journey, in a real browser: a health check, then the radar's warning
acted on.

Three organisations are partners (set up in the database); Grace's centre has a
second member, Ken. The partnership has six months of past activity that slowed down
in the last two (the demo's history, home/demo_history.py, read into the activity
signals), and its next meeting is scheduled. Ada, for the convening trust, opens a
health check from the partnership's page, taking the suggested closing date. Grace
and Ken (both of the centre) and Mary (for the pharmacy, on a phone 360 px wide) each
answer it; Grace also rates the trust, for her centre. Ada sees three people have
answered, closes the round and sees the factor scores: trust borderline, worth
discussing, the rest strengths; no organisation is shown on its own (none has three
respondents).

Ada then opens the health radar from the partnership's page: it is on warning, its
named cause the slow pace the activity history shows (first replies and polls
taking far longer than in the months before), and trust on watch from the health
check just closed. She adds the slow pace's remedy to the next meeting's agenda in
one click and finds it on the meeting's page, with the warning it answers. Grace,
who may not change the meeting, sees the remedies but no button, on a phone. Nothing
is faked: every figure is computed from the database. Every page any of them lands
on is checked with axe.
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from consortia.core.factories import PASSWORD, MembershipFactory, UserFactory
from consortia.health.questions import FACTORS
from consortia.home.demo_history import history_seed

from .scenes import (
    ADA_EMAIL,
    CONVENER,
    CORE,
    GRACE_EMAIL,
    MARY_EMAIL,
    NEXT_MEETING,
    PARTNERSHIP,
    expect_success,
    next_meeting_scheduled,
    row_of,
    three_partners,
)
from .visitor import Visitor

pytestmark = pytest.mark.browser

KEN_EMAIL = "ken@eastbridge-advice.example"
# Each person's answer to every statement, by factor: trust is split between
# "Neither agree nor disagree" and "Agree", the rest agreed or strongly agreed.
AGREE, STRONGLY, NEITHER = "Agree", "Strongly agree", "Neither agree nor disagree"
# The radar's button for every remedy, and the slow pace's remedy Ada chooses.
ADD = "Add to the next meeting\u2019s agenda"
REMEDY = "Agree how quickly we answer each other"
AGENDA_ITEM = "How quickly we answer each other, and who answers what"


def answers_for(person: int) -> dict[str, str]:
    """The choice person 0, 1 or 2 makes for each statement's text."""
    chosen = {}
    for factor in FACTORS:
        for j, question in enumerate(factor.questions):
            if factor.key == "trust":
                chosen[question.text] = AGREE if (person + j) % 3 == 0 else NEITHER
            else:
                chosen[question.text] = STRONGLY if (person + j) % 2 == 0 else AGREE
    chosen[FACTORS[7].questions[0].text] = "Don't know"  # participation: one cannot say
    return chosen


def open_from_the_partnership(person: Visitor, partnership_url: str, link: str, *, heading: str) -> None:
    person.open(partnership_url, heading=PARTNERSHIP)
    person.follow(person.page.get_by_role("link", name=link, exact=True), heading=heading)


def convener_opens_a_health_check(ada: Visitor, partnership_url: str) -> str:
    """Ada opens a health check with the suggested closing date; returns its page's URL."""
    open_from_the_partnership(ada, partnership_url, "Health check", heading="Health check")
    page = ada.page
    expect(page.get_by_role("main")).to_contain_text("No health check yet.")
    ada.follow(page.get_by_role("link", name="Open a health check"), heading="Open a health check")
    expect(page.locator("#suggestion")).to_contain_text("Suggested: by")
    expect(page.get_by_label("Last day to answer")).not_to_have_value("")
    ada.follow(page.get_by_role("button", name="Open the health check"), heading=page_heading_open())
    expect_success(page, "The health check is open.")
    expect(page.locator("#answered")).to_contain_text("0 people have answered so far.")
    return page.url


def page_heading_open() -> str:
    """The open round's heading, with the suggested closing date: three weeks from
    today (the partnership has no agreement or meeting rhythm to go by)."""
    closes = timezone.localdate() + datetime.timedelta(weeks=3)
    return f"Health check: open until {closes.day} {closes:%B %Y}"


def member_answers(person: Visitor, round_url: str, choices: dict[str, str], *, heading: str) -> None:
    """A member opens the round, answers every statement and sends the answers."""
    person.open(round_url, heading=heading)
    page = person.page
    person.follow(page.get_by_role("link", name="Answer the health check"), heading="Answer the health check")
    viewport = page.viewport_size or {"width": 0}
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], (
        f"the survey scrolls sideways at {viewport['width']} px ({width} px wide)"
    )
    for text, choice in choices.items():
        page.get_by_role("group", name=text).get_by_label(choice, exact=True).check()
    person.follow(page.get_by_role("button", name="Send my answers"), heading=heading)
    expect_success(page, "your answers are recorded, without your name")
    expect(page.get_by_role("main")).to_contain_text("You have answered this health check.")
    expect(page.get_by_role("link", name="Answer the health check")).to_have_count(0)


def representative_rates_a_partner(person: Visitor, round_url: str, rated: str, *, heading: str) -> None:
    """Grace, for her centre, rates a partner it worked with."""
    person.open(round_url, heading=heading)
    page = person.page
    person.follow(
        page.get_by_role("link", name="Rate the partners you worked with"),
        heading="Rate the partners you worked with",
    )
    person.follow(page.get_by_role("link", name=f"Rate {rated}"), heading=f"Rate {rated}")
    for group in ("reliable", "shared mission", "listen", "influence", "involved", "resources"):
        page.get_by_role("group", name=group).get_by_label("3 \u2013 Fairly").check()
    person.follow(
        page.get_by_role("button", name="Save the rating"), heading="Rate the partners you worked with"
    )
    expect_success(page, f"Your rating of {rated} is saved.")


def convener_closes_and_sees_the_scores(ada: Visitor, round_url: str, *, heading: str) -> None:
    ada.open(round_url, heading=heading)
    page = ada.page
    expect(page.locator("#answered")).to_contain_text("3 people have answered so far.")
    expect(page.get_by_role("table")).to_have_count(0)  # nothing but the count while open
    ada.follow(page.get_by_role("button", name="Close the health check now"), heading="Health check results")
    expect_success(page, "The health check is closed")
    main = page.get_by_role("main")
    expect(main).to_contain_text("3 people answered.")
    factors = page.get_by_role("table", name="Factor scores out of 5")
    trust = row_of(factors, "Trust")
    expect(trust).to_contain_text("3.3")
    expect(trust).to_contain_text("Borderline: worth discussing")
    expect(row_of(factors, "Shared vision and aims")).to_contain_text("Strength")
    expect(row_of(factors, "Participation of service users and the wider community")).to_contain_text(
        "Strength"
    )
    # Grace's centre had two respondents and the pharmacy one: neither is shown on its own.
    expect(trust).to_contain_text("Spread: not shown")
    expect(factors).not_to_contain_text(CORE)
    ratings = page.get_by_role("table", name="Trust and value each partner received")
    expect(row_of(ratings, CONVENER)).to_contain_text("too few ratings")
    expect(page.locator("#network-measures")).to_contain_text("Network density: 0.33")
    # The results on a small phone: nothing to scroll sideways.
    page.set_viewport_size({"width": 360, "height": 780})
    ada.open(round_url, heading="Health check results")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the results scroll sideways at 360 px ({width} px wide)"


def convener_sees_the_warning_and_adds_its_remedy(ada: Visitor, partnership_url: str) -> None:
    """From the partnership's page to the radar: the warning's named cause, trust on
    watch, and the slow pace's remedy onto the next meeting's agenda in one click."""
    open_from_the_partnership(ada, partnership_url, "Health radar", heading="Health radar")
    page = ada.page
    expect(page.locator("#radar-level")).to_contain_text("Warning")
    # The cause, named, with its evidence from the activity history.
    slow = page.locator("#mark-slow_pace")
    expect(slow.get_by_role("heading")).to_contain_text("Warning")
    expect(slow).to_contain_text("Things are slowing down: decisions and replies take longer than they did.")
    expect(slow).to_contain_text("First replies to threads took a median of")
    # Trust, borderline in the health check just closed, on watch.
    expect(row_of(page.get_by_role("table", name="Health check factors"), "Trust")).to_contain_text("Watch")
    trust = page.get_by_role("region", name="Trust")
    expect(trust).to_contain_text("Partners rate \u201cTrust\u201d as borderline, worth discussing.")
    # The slow pace's remedy, in one click.
    remedies = page.get_by_role("region", name="Slow pace")
    expect(remedies).to_contain_text("Things are slowing down")
    ada.follow(remedies.get_by_role("button", name=f"{ADD} \u2013 {REMEDY}"), heading="Health radar")
    expect(page.get_by_role("alert")).to_contain_text(f"The remedy is on the agenda of {NEXT_MEETING}")
    expect(remedies).to_contain_text("On the agenda")
    expect(remedies.get_by_role("button", name=f"{ADD} \u2013 {REMEDY}")).to_have_count(0)
    ada.follow(remedies.get_by_role("link", name=NEXT_MEETING), heading=NEXT_MEETING)
    expect(page.get_by_role("strong").filter(has_text=AGENDA_ITEM)).to_be_visible()
    expect(
        page.get_by_text("Suggested by the partnership's health radar, answering \u201cSlow pace\u201d")
    ).to_be_visible()


def member_sees_the_remedies_on_a_phone(person: Visitor, partnership_url: str) -> None:
    """A member who may not change the meeting: the remedies, but no button, 360 px wide."""
    page = person.page
    page.set_viewport_size({"width": 360, "height": 780})
    open_from_the_partnership(person, partnership_url, "Health radar", heading="Health radar")
    expect(page.locator("#radar-level")).to_contain_text("Warning")
    expect(page.get_by_text(REMEDY).first).to_be_visible()
    expect(page.get_by_role("button", name=ADD)).to_have_count(0)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the radar scrolls sideways at 360 px ({width} px wide)"


def test_the_convener_runs_a_health_check_and_puts_the_radars_remedy_on_the_next_agenda(
    new_visitor, audit, site
):
    partnership, ada_user, _grace, _mary = three_partners()
    centre = partnership.partners.get(organisation__name=CORE).organisation
    MembershipFactory(
        organisation=centre, user=UserFactory(email=KEN_EMAIL, name="Ken Thompson"), role="member"
    )
    history_seed(partnership)  # six months of activity, slowing down in the last two
    next_meeting_scheduled(partnership, ada_user)
    partnership_url = f"/partnerships/{partnership.uuid}/"

    # 1. Ada, for the convening trust, opens a health check.
    ada = new_visitor("Ada")
    ada.sign_in(ADA_EMAIL, PASSWORD, lands_on="Hello, Ada Lovelace")
    round_url = convener_opens_a_health_check(ada, partnership_url)
    heading = page_heading_open()

    # 2. Grace and Ken, both of the centre, answer; Grace rates the trust for her centre.
    grace = new_visitor("Grace")
    grace.sign_in(GRACE_EMAIL, PASSWORD, lands_on="Hello, Grace Hopper")
    member_answers(grace, round_url, answers_for(0), heading=heading)
    representative_rates_a_partner(grace, round_url, CONVENER, heading=heading)
    ken = new_visitor("Ken")
    ken.sign_in(KEN_EMAIL, PASSWORD, lands_on="Hello, Ken Thompson")
    member_answers(ken, round_url, answers_for(1), heading=heading)

    # 3. Mary, for the pharmacy, answers on a phone 360 px wide (nothing scrolls sideways).
    mary = new_visitor("Mary")
    mary.page.set_viewport_size({"width": 360, "height": 780})
    mary.sign_in(MARY_EMAIL, PASSWORD, lands_on="Hello, Mary Seacole")
    member_answers(mary, round_url, answers_for(2), heading=heading)  # checks the width

    # 4. Ada closes the round and sees the factor scores.
    convener_closes_and_sees_the_scores(ada, round_url, heading=heading)

    # 5. Ada opens the radar, sees the warning and its cause, and puts a remedy on the
    #    next meeting's agenda; Grace, who may not change the meeting, sees no button.
    ada.page.set_viewport_size({"width": 1280, "height": 900})
    convener_sees_the_warning_and_adds_its_remedy(ada, partnership_url)
    member_sees_the_remedies_on_a_phone(grace, partnership_url)

    audit.assert_clean()
