"""How our partners work, in a real browser (issue 13, point 5).

Three organisations are partners; none has written its "how we work" profile. Ada,
the convener's admin, opens "How our partners work" from the partnership's page, sees
every partner "not written yet" and follows "Update yours". A date written the wrong
way is refused with a message in the error summary; corrected, the profile is saved
and she marks it reviewed. The partners page then shows her organisation's summary,
also at 360 px wide. Every page is checked with axe.
"""

import pytest
from playwright.sync_api import expect

from consortia.core.factories import PASSWORD

from .scenes import ADA_EMAIL, PARTNERSHIP, expect_success, three_partners

pytestmark = pytest.mark.browser


def test_a_partner_writes_how_it_works_and_the_others_can_read_it(new_visitor, audit, site):
    partnership, _ada, _grace, _mary = three_partners()

    ada = new_visitor("Ada")
    ada.sign_in(ADA_EMAIL, PASSWORD, lands_on="Hello, Ada Lovelace")
    ada.open(f"/partnerships/{partnership.uuid}/", heading=PARTNERSHIP)
    page = ada.page
    ada.follow(page.get_by_role("link", name="How our partners work"), heading="How our partners work")
    expect(page.get_by_text("Not written yet")).to_have_count(3)

    ada.follow(page.get_by_role("link", name="Update yours"), heading="Write how we work")
    page.get_by_label("Decisions and who signs them off").fill(
        "Spending over £5,000 | Board of trustees | 42"
    )
    page.get_by_label("Board meeting dates").fill("14/03/2027")
    page.get_by_label("Financial year starts in").select_option(label="April")
    page.get_by_label("Working hours").fill("Monday to Thursday, 9am to 3pm")
    page.get_by_label("Languages").fill("English, Welsh")
    ada.follow(page.get_by_role("button", name="Save"), heading="Write how we work")
    expect(page.get_by_role("alert")).to_contain_text("is not a date; write it as 2027-03-14")

    page.get_by_label("Board meeting dates").fill("2027-03-14")
    ada.follow(page.get_by_role("button", name="Save"), heading="How we work")
    expect(page.get_by_text("Spending over £5,000")).to_be_visible()
    ada.follow(page.get_by_role("button", name="Mark as reviewed: still right"), heading="How we work")
    expect_success(page, "Marked as reviewed")

    page.set_viewport_size({"width": 360, "height": 780})
    ada.open(f"/partnerships/{partnership.uuid}/how-we-work/", heading="How our partners work")
    expect(page.get_by_text("Not written yet")).to_have_count(2)
    expect(page.get_by_text("Hours: Monday to Thursday, 9am to 3pm")).to_be_visible()
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, f"the partners page scrolls sideways at 360 px ({scroll_width} px wide)"

    audit.assert_clean()
