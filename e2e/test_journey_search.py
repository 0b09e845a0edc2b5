"""Searching from the header, on a 360 px phone.

Grace starts a thread in the Northshire partnership about the minibus, with a line of
hostile markup in it; another partnership talks about a minibus too. Ada, on her
phone, types "minibus" in the header's search box: she finds Grace's thread and its
post, the word marked, the markup shown as text, a 300-letter word wrapped, nothing
from the other partnership;
she narrows the results to posts. axe checks every page; nothing scrolls sideways.
"""

import pytest
from playwright.sync_api import expect

from consortia.core.factories import PASSWORD, PartnershipFactory, PostFactory, ThreadFactory
from consortia.threads.services import thread_start

from .scenes import ADA_EMAIL, two_partners

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 780}


def test_ada_finds_graces_thread_from_the_header_on_her_phone(new_visitor, audit, site):
    partnership, _ada, grace = two_partners()
    thread_start(
        actor=grace,
        partnership=partnership,
        title="Transport to the carers' café",
        body="The **minibus** can take eight. <script>alert(1)</script> " + "x" * 300,
    )
    elsewhere = ThreadFactory(partnership=PartnershipFactory(), title="Their outing")
    PostFactory(thread=elsewhere, body="Another minibus, not ours")
    ada = new_visitor("Ada")
    page = ada.page
    page.set_viewport_size(PHONE)
    ada.sign_in(ADA_EMAIL, PASSWORD, lands_on="Hello, Ada Lovelace")

    page.get_by_label("Search your partnerships").fill("minibus")
    ada.press("Enter", heading="Search")

    results = page.get_by_role("list", name="1 result")
    expect(results.get_by_role("link", name="Transport to the carers' café")).to_be_visible()
    expect(results.locator("mark")).to_have_text("minibus")
    expect(results).to_contain_text("<script>alert(1)</script>")  # shown as text, never run
    expect(page.get_by_text("Their outing")).to_have_count(0)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the search page is {width} px wide"

    page.get_by_label("Kind").select_option(label="Threads")
    ada.follow(page.get_by_role("button", name="Search", exact=True).last, heading="Search")
    expect(page.get_by_text("Nothing matches your search")).to_be_visible()

    audit.assert_clean()
