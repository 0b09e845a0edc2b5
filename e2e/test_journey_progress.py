"""Partners record progress on an outcome and show their advantage, in a real browser
(issue 12, points 1 and 6).

Ada's trust convenes the partnership and Grace's advice centre is a core partner; the
canvas already has an outcome with an indicator (carers who feel less alone, 20% to
60%, set out 50 days ago with its target 50 days ahead, so its line stands at 40%
today), and each partner pledged to a need that serves it (set-up done through the
services). Grace opens the partnership, follows "Progress on outcomes", and records a
measurement from last month; then one for today that is behind the line, and the
page calls the outcome at risk. She tries a date in the future and is told why,
without anything written. She corrects today's figure, which puts the outcome back on
track, and opens the advantage page, which names both partners as having achieved it
together, and downloads its PDF. Every page is checked with axe; the outcomes page also
at 360 px wide.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from consortia.canvas.models import Indicator
from consortia.canvas.services import indicator_add, need_add, outcome_add, pledge_add
from consortia.core.factories import PASSWORD
from consortia.progress.models import Measurement

from .scenes import CONVENER, CORE, GRACE_EMAIL, PARTNERSHIP, expect_success, row_of, two_partners

pytestmark = pytest.mark.browser

OUTCOME = "Carers feel less alone"
INDICATOR = "Carers who feel less alone"


def the_canvas_has_an_outcome_both_partners_serve(partnership, ada, grace) -> None:
    outcome = outcome_add(actor=ada, partnership=partnership, statement=OUTCOME)
    indicator = indicator_add(
        actor=ada,
        outcome=outcome,
        question="better_off",
        name=INDICATOR,
        unit="%",
        baseline=Decimal(20),
        target=Decimal(60),
        target_date=timezone.localdate() + datetime.timedelta(days=50),
    )
    Indicator.objects.filter(pk=indicator.pk).update(created_at=timezone.now() - datetime.timedelta(days=50))
    need = need_add(
        actor=ada,
        partnership=partnership,
        category="premises",
        description="A room for a weekly peer support group",
        quantity=Decimal(50),
        unit="hours",
        outcomes=[outcome],
    )
    for person, name in ((ada, CONVENER), (grace, CORE)):
        pledge_add(
            actor=person,
            partner=partnership.partners.get(organisation__name=name),
            need=need,
            category="premises",
            description=f"Our hall, from {name}",
            quantity=Decimal(10),
            unit="hours",
            value_gbp=Decimal(200),
        )


def test_partners_record_progress_and_show_what_they_achieved_together(new_visitor, audit, site):
    partnership, ada, grace_user = two_partners()
    the_canvas_has_an_outcome_both_partners_serve(partnership, ada, grace_user)
    today = timezone.localdate()

    grace = new_visitor("Grace")
    grace.sign_in(GRACE_EMAIL, PASSWORD, lands_on="Hello, Grace Hopper")
    grace.open(f"/partnerships/{partnership.uuid}/", heading=PARTNERSHIP)
    page = grace.page
    grace.follow(page.get_by_role("link", name="Progress on outcomes"), heading="Progress on outcomes")
    expect(page.get_by_role("heading", name=OUTCOME)).to_contain_text("No measurements yet")

    # 1. Last month's figure, then today's, a little behind the line.
    for on, value in ((today - datetime.timedelta(days=30), "27"), (today, "37")):
        page.get_by_label("Indicator").select_option(label=f"{OUTCOME}: {INDICATOR} (%)")
        page.get_by_label("Date of the measurement").fill(on.isoformat())
        page.get_by_label("Value").fill(value)
        page.get_by_label("Source").fill("Peer group feedback cards")
        grace.follow(
            page.get_by_role("button", name="Record the measurement"), heading="Progress on outcomes"
        )
        expect_success(page, f"The measurement of {INDICATOR} is recorded.")
    expect(page.get_by_role("heading", name=OUTCOME)).to_contain_text("At risk")
    table = page.get_by_role("table", name=f"Measurements of {INDICATOR}")
    expect(row_of(table, today.strftime("%-d %b %Y"))).to_contain_text("37")

    # 2. A date in the future is refused, with the reason, and nothing is written.
    page.get_by_label("Indicator").select_option(label=f"{OUTCOME}: {INDICATOR} (%)")
    page.get_by_label("Date of the measurement").fill((today + datetime.timedelta(days=3)).isoformat())
    page.get_by_label("Value").fill("45")
    grace.follow(page.get_by_role("button", name="Record the measurement"), heading="Record a measurement")
    expect(page.get_by_role("alert")).to_contain_text("The date of a measurement cannot be in the future")
    assert Measurement.objects.count() == 2

    # 3. Today's figure corrected: the outcome is back on track.
    grace.open(f"/partnerships/{partnership.uuid}/progress/", heading="Progress on outcomes")
    page.set_viewport_size({"width": 360, "height": 780})
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, f"the outcomes page scrolls sideways at 360 px ({scroll_width} px wide)"
    page.set_viewport_size({"width": 1280, "height": 900})
    grace.follow(
        page.get_by_role("link", name=f"Correct the measurement of {today:%-d %B %Y}"),
        heading="Correct a measurement",
    )
    page.get_by_label("Value").fill("42")
    grace.follow(page.get_by_role("button", name="Save the measurement"), heading="Progress on outcomes")
    expect_success(page, "The measurement is corrected.")
    expect(page.get_by_role("heading", name=OUTCOME)).to_contain_text("On track")

    # 4. The advantage page names both partners, and downloads as a PDF.
    grace.follow(
        page.get_by_role("link", name="See the partnership's advantage: the case for a board or a funder"),
        heading="Our advantage",
    )
    expect(page.locator("#together")).to_contain_text(f"{OUTCOME} (on track): {CORE}, {CONVENER}")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download this page as a PDF").click()
    assert download.value.suggested_filename == "northshire-carers-advice-partnership-advantage.pdf"

    audit.assert_clean()
