"""Long lists and a small phone, in a real browser.

Ada's organisation is one of 30 in the public directory, and her partnership has more
activity than one page shows. She pages through both lists (axe checks every page,
pagination included), then reads her organisation's page, as its admin, on a 360 px
phone: nothing may scroll sideways there.
"""

import pytest
from playwright.sync_api import Page, expect

from consortia.canvas.services import outcome_add
from consortia.core.factories import PASSWORD, MembershipFactory, OrganisationFactory, UserFactory
from consortia.organisations.models import Organisation
from consortia.organisations.services import offer_add, organisation_update

from .scenes import ADA_EMAIL, CONVENER, PARTNERSHIP, two_partners

pytestmark = pytest.mark.browser

DIRECTORY = "Directory of organisations"
LISTED = 30  # the directory shows 25 a page
OUTCOMES = 50  # with the events of forming the partnership, more than the 50 a page of activity
PHONE = {"width": 360, "height": 780}


def seed():
    """Ada's partnership with a long history, her organisation listed with a full
    profile and a colleague with a long address, and 29 more listed organisations."""
    partnership, ada, _ = two_partners()
    trust = Organisation.objects.get(name=CONVENER)
    organisation_update(
        actor=ada,
        organisation=trust,
        listed_in_directory=True,
        website="https://www.northshire-carers-trust.example.org/services/advice-for-unpaid-carers/",
        charity_number="1234567",
    )
    offer_add(actor=ada, organisation=trust, category="premises", description="A meeting room for twelve.")
    colleague = UserFactory(email="christopher.montgomery-smythe@northshire-carers-trust.example.org")
    MembershipFactory(organisation=trust, user=colleague)
    for n in range(LISTED - 1):
        OrganisationFactory(name=f"Listed organisation {n:02}", listed_in_directory=True)
    for n in range(OUTCOMES):
        outcome_add(actor=ada, partnership=partnership, statement=f"Outcome {n}: carers know where to turn.")
    return partnership


def expect_page_of(page: Page, number: int, of: int) -> None:
    current = page.get_by_role("navigation", name="Pagination").locator("[aria-current=page]")
    expect(current).to_have_accessible_name(f"Page {number} of {of}")


def assert_no_sideways_scroll(page: Page, what: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{what} scrolls sideways at {PHONE['width']} px ({width} px wide)"


def test_long_lists_page_and_the_organisation_page_fits_a_phone(new_visitor, audit, site):
    partnership = seed()
    ada = new_visitor("Ada")
    ada.sign_in(ADA_EMAIL, PASSWORD, lands_on="Hello, Ada Lovelace")
    page = ada.page

    # The directory: 30 organisations, two pages.
    ada.follow(
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Directory"), heading=DIRECTORY
    )
    expect(page.get_by_role("status")).to_have_text(f"{LISTED} organisations")
    expect_page_of(page, 1, 2)
    ada.follow(page.get_by_role("link", name="Next page"), heading=DIRECTORY)
    expect_page_of(page, 2, 2)
    expect(page.get_by_role("link", name="Listed organisation 28")).to_be_visible()

    # The partnership's activity: more than one page.
    ada.open(f"/partnerships/{partnership.uuid}/", heading=PARTNERSHIP)
    ada.follow(page.get_by_role("link", name="See all activity"), heading="Activity")
    expect_page_of(page, 1, 2)
    ada.follow(page.get_by_role("link", name="Next page"), heading="Activity")
    expect_page_of(page, 2, 2)

    # On a small phone: the directory with its pagination, then her organisation's page
    # (on the second page: the others' names come first).
    page.set_viewport_size(PHONE)
    ada.open("/organisations/directory/", heading=DIRECTORY)
    assert_no_sideways_scroll(page, "the directory")
    ada.follow(page.get_by_role("link", name="Next page"), heading=DIRECTORY)
    ada.follow(page.get_by_role("link", name=CONVENER), heading=CONVENER)
    expect(page.get_by_role("table", name=f"Members of {CONVENER}")).to_contain_text(
        "christopher.montgomery-smythe@northshire-carers-trust.example.org"
    )
    assert_no_sideways_scroll(page, "the organisation page")

    audit.assert_clean()
