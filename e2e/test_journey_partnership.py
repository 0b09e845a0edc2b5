"""The main path through Consortia, in a real browser, as two people read it.

Ada signs up (confirming her address by the link emailed to her), creates her
organisation and convenes a partnership, then invites another organisation by email.
Grace follows the link in that email: she creates an account, confirms her address,
which brings her back to the invitation, creates her organisation and accepts. Both then see both organisations, with
their roles, on the partnership's home page. Every page either of them lands on is
checked with axe (WCAG 2.0, 2.1, 2.2, A and AA); the partnership page is also checked
at 360 px wide. A separate journey signs in with the keyboard alone.

Set E2E_SCREENSHOTS=<folder> to save screenshots of the partnership page.
"""

import os
import re

import pytest
from playwright.sync_api import Page, expect

from consortia.core.factories import PASSWORD, UserFactory

from .visitor import Visitor

pytestmark = pytest.mark.browser

PARTNERS_TABLE = "Partner organisations, their roles and representatives"
NEW_PASSWORD = "a-long-and-unusual-passphrase"
PARTNERSHIP = "Northshire Carers Advice Partnership"
INVITATION_LINK = re.compile(r"https?://\S+/partnerships/invitations/\S+/")
CONFIRMATION_LINK = re.compile(r"https?://\S+/accounts/confirm-email/\S+/")


def sign_up(person: Visitor, outbox, *, name: str, email: str, lands_on: str) -> None:
    """Fill in the sign-up form, then open the confirmation link emailed to `email`
    in the same browser and confirm: that signs the person in."""
    page = person.page
    page.get_by_label("Full name").fill(name)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Password (again)").fill(NEW_PASSWORD)
    person.follow(page.get_by_role("button", name="Create an account"), heading="Confirm your email address")
    expect(page.get_by_role("region", name="Important")).to_contain_text(
        f"Confirmation email sent to {email}."
    )

    person.open(link_in_email(outbox, to=email, link=CONFIRMATION_LINK), heading="Confirm your email address")
    expect(page.get_by_role("main")).to_contain_text(f"Confirm that {email} is the email address of {name}.")
    person.follow(page.get_by_role("button", name="Confirm"), heading=lands_on)


def create_organisation(person: Visitor, *, name: str, kind: str, lands_on: str) -> None:
    page = person.page
    page.get_by_label("Organisation name").fill(name)
    page.get_by_role("group", name="Kind of organisation").get_by_label(kind).check()
    page.get_by_label("Description").fill("Advice and support for unpaid carers.")
    page.get_by_label("Area served").fill("Northshire")
    person.follow(page.get_by_role("button", name="Create organisation"), heading=lands_on)


def expect_success(page: Page, text: str) -> None:
    banner = page.get_by_role("alert").filter(has=page.get_by_role("heading", name="Success"))
    expect(banner).to_contain_text(text)


def expect_partner(page: Page, *, organisation: str, role: str, representative: str) -> None:
    """The partners table has a row headed by the organisation, whose Role and
    Representatives cells read `role` and `representative`."""
    table = page.get_by_role("table", name=PARTNERS_TABLE)
    row = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name=organisation))
    expect(row).to_have_count(1)
    expect(row.get_by_role("cell", name=role, exact=True)).to_be_visible()
    expect(row.get_by_role("cell", name=representative, exact=True)).to_be_visible()


def expect_both_partners(page: Page) -> None:
    expect_partner(
        page, organisation="Northshire Carers Trust", role="Convener", representative="Ada Lovelace"
    )
    expect_partner(
        page, organisation="Eastbridge Advice Centre", role="Core partner", representative="Grace Hopper"
    )


def link_in_email(outbox, *, to: str, link: re.Pattern) -> str:
    """The `link` in the one email to `to` that has such a link."""
    sent = [m for m in outbox if m.to == [to] and link.search(m.body)]
    assert len(sent) == 1, f"expected one email to {to} with {link.pattern}; outbox: {[m.to for m in outbox]}"
    return link.search(sent[0].body).group(0)


def screenshot(page: Page, name: str) -> None:
    folder = os.environ.get("E2E_SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"e2e-{name}.png"), full_page=True)


def test_two_organisations_form_a_partnership(new_visitor, audit, site, mailoutbox):
    # Ada: a new person, from the front page to a convened partnership.
    ada = new_visitor("Ada")
    ada.open("/", heading="Do together what none of you can do alone")
    ada.follow(ada.page.get_by_role("button", name="Create an account"), heading="Create an account")
    sign_up(
        ada, mailoutbox, name="Ada Lovelace", email="ada@carers-trust.example", lands_on="Hello, Ada Lovelace"
    )

    ada.follow(ada.page.get_by_role("link", name="Create an organisation"), heading="Create an organisation")
    create_organisation(
        ada, name="Northshire Carers Trust", kind="Registered charity", lands_on="Northshire Carers Trust"
    )
    expect_success(ada.page, "Northshire Carers Trust has been created. You are its admin.")

    ada.follow(
        ada.page.get_by_role("navigation", name="Menu").get_by_role("link", name="Partnerships"),
        heading="Your partnerships",
    )
    ada.follow(ada.page.get_by_role("link", name="Convene a partnership"), heading="Convene a partnership")
    expect(ada.page.get_by_label("Northshire Carers Trust")).to_be_checked()
    ada.page.get_by_label("Partnership name").fill(PARTNERSHIP)
    ada.page.get_by_label("Purpose").fill("Carers in Northshire get joined-up advice in one place.")
    ada.follow(ada.page.get_by_role("button", name="Convene partnership"), heading=PARTNERSHIP)
    expect_success(ada.page, "has been convened. Now invite your partners.")
    partnership_url = ada.page.url

    # Ada invites Grace's organisation, by email, as a core partner.
    ada.follow(ada.page.get_by_role("link", name="Invite an organisation"), heading="Invite an organisation")
    ada.page.get_by_label("Email address of someone who can act for the organisation").fill(
        "grace@eastbridge-advice.example"
    )
    expect(ada.page.get_by_label("Core partner")).to_be_checked()
    ada.page.get_by_label("Message (optional)").fill("We would love you to join us.")
    ada.follow(ada.page.get_by_role("button", name="Send invitation"), heading=PARTNERSHIP)
    expect_success(ada.page, "An invitation has been sent to grace@eastbridge-advice.example.")
    waiting = ada.page.get_by_role("heading", name="Invitations waiting for a reply")
    expect(waiting).to_be_visible()

    # Grace, in her own browser, follows the link in the email. She has no account
    # and no organisation yet; each step brings her back to the invitation.
    link = link_in_email(mailoutbox, to="grace@eastbridge-advice.example", link=INVITATION_LINK)
    assert link.startswith(site.url), link
    grace = new_visitor("Grace")
    grace.open(link, heading=f"Join {PARTNERSHIP}")
    grace.follow(
        grace.page.get_by_role("main").get_by_role("link", name="create an account"),
        heading="Create an account",
    )
    sign_up(
        grace,
        mailoutbox,
        name="Grace Hopper",
        email="grace@eastbridge-advice.example",
        lands_on=f"Join {PARTNERSHIP}",
    )
    grace.follow(
        grace.page.get_by_role("link", name="Create your organisation"), heading="Create an organisation"
    )
    create_organisation(
        grace,
        name="Eastbridge Advice Centre",
        kind="Voluntary or community group",
        lands_on=f"Join {PARTNERSHIP}",
    )
    grace.page.get_by_role("group", name="Accept for which organisation").get_by_label(
        "Eastbridge Advice Centre"
    ).check()
    grace.follow(grace.page.get_by_role("button", name="Accept"), heading=PARTNERSHIP)
    expect_success(grace.page, f"Eastbridge Advice Centre has joined {PARTNERSHIP}.")

    # Both see both organisations, with their roles and representatives.
    expect_both_partners(grace.page)
    ada.open(partnership_url, heading=PARTNERSHIP)
    expect_both_partners(ada.page)
    expect(waiting).to_be_hidden()
    screenshot(ada.page, "partnership-desktop")

    # The same page on a small phone: still accessible, and nothing to scroll sideways.
    ada.page.set_viewport_size({"width": 360, "height": 780})
    ada.open(partnership_url, heading=PARTNERSHIP)
    scroll_width = ada.page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, f"the partnership page scrolls sideways at 360 px ({scroll_width} px wide)"
    expect(ada.page.get_by_role("button", name="Menu")).to_be_visible()
    screenshot(ada.page, "partnership-360")

    audit.assert_clean()


def test_signing_in_with_the_keyboard_alone(new_visitor, audit):
    UserFactory(email="kim@example.org", name="Kim Keyboard")
    kim = new_visitor("Kim")
    kim.open("/accounts/login/", heading="Sign in")
    page = kim.page

    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()

    email = page.get_by_label("Email")
    password = page.get_by_label("Password", exact=True)
    tab_to(page, email)
    page.keyboard.type("kim@example.org")
    tab_to(page, password)
    page.keyboard.type(PASSWORD)
    kim.press("Enter", heading="Hello, Kim Keyboard")

    audit.assert_clean()


def tab_to(page: Page, target, *, limit: int = 5) -> None:
    """Press Tab until `target` has focus, as a keyboard user would; fail if it
    takes more than `limit` presses."""
    visited = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
        visited.append(page.evaluate("document.activeElement.outerHTML.slice(0, 80)"))
    pytest.fail(f"{limit} presses of Tab did not reach {target}; focus went to: {visited}")
