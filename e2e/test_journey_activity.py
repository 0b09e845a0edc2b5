"""A partnership's activity signals and its observed network, in a real browser
(issue 12's activity part; the health journey reads the same history on the radar).

Three organisations are partners, with six months of past activity that slowed down
in the last two (home/demo_history.py). Ada, the convener, opens the activity signals
from the partnership's page: each signal shows its months in a table, and says how it
is measured. She follows the link to who works with whom: there is no health check
yet, so only the observed network is drawn, with its table. Every page is checked
with axe; the signals page also at 360 px wide.
"""

import pytest
from playwright.sync_api import expect

from consortia.core.factories import PASSWORD
from consortia.home.demo_history import history_seed

from .scenes import ADA_EMAIL, CONVENER, PARTNERSHIP, three_partners

pytestmark = pytest.mark.browser


def test_the_signals_and_the_network_show_the_partnership_slowing_down(new_visitor, audit, site):
    partnership, _ada, _grace, _mary = three_partners()
    history_seed(partnership)
    url = f"/partnerships/{partnership.uuid}/activity/signals/"

    ada = new_visitor("Ada")
    ada.sign_in(ADA_EMAIL, PASSWORD, lands_on="Hello, Ada Lovelace")
    ada.open(f"/partnerships/{partnership.uuid}/", heading=PARTNERSHIP)
    page = ada.page
    ada.follow(page.get_by_role("link", name="Activity signals", exact=True), heading="Activity signals")

    replies = page.get_by_role("table", name="Time to first reply, month by month")
    expect(replies.get_by_role("row")).to_have_count(7)  # the header and six months
    expect(replies).to_contain_text("hours")
    how = page.get_by_text("How is this measured? (Time to first reply)")
    how.click()
    expect(page.get_by_text("someone other than its author first replied")).to_be_visible()

    ada.follow(page.get_by_role("link", name="Who works with whom"), heading="Who works with whom")
    expect(page.get_by_text("No health check has closed yet")).to_be_visible()
    partners = page.get_by_role("table", name="Partners and their ties")
    expect(partners).to_contain_text(CONVENER)

    # The signals on a small phone: still accessible, nothing to scroll sideways.
    page.set_viewport_size({"width": 360, "height": 780})
    ada.open(url, heading="Activity signals")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, f"the signals page scrolls sideways at 360 px ({scroll_width} px wide)"

    audit.assert_clean()
