"""Partners pool a room and money, in a real browser (issue 11's journey).

Four organisations are already partners (set up in the database), and the pooled
fund is set up with Ada's trust as fiscal host, a budget line and a grant received,
beside a rate card that values an hour of premises (set-up that is not the point of
the journey, done through the services). Grace lists her advice centre's
consultation room, approving each booking herself. Mary, for the pharmacy, books it
for a morning next week; Grace approves the booking on its page. Mary then asks the
fund to pay the print co-op, an associate partner, for the clinic's leaflets; the
co-op may not approve a payment to itself, so Ada and Grace each approve it for their
organisation, and Ada, for the fiscal host, marks it paid. The fund's overview shows
the payment against its budget line and the transactions page lists it. Two weeks
later the hourly job counts the delivered booking in the contributions ledger as
Grace's centre's contribution, and the fair-shares page shows the centre's
contribution and the benefits the pharmacy and the co-op received. Every page any of them lands
on is checked with axe; the fair-shares page also at 360 px wide.
"""

import datetime
from decimal import Decimal

import pytest
from django.db.models import F
from django.utils import timezone
from playwright.sync_api import expect

from consortia.assets.models import Booking
from consortia.assets.services import bookings_count_delivered
from consortia.contributions.services import rate_set
from consortia.core.factories import PASSWORD, UserFactory
from consortia.fund.models import Transaction
from consortia.fund.services import budget_line_create, fund_set_up, income_record
from consortia.organisations.services import organisation_create
from consortia.partnerships.services import partner_invitation_accept, partner_invite

from .scenes import (
    ADA_EMAIL,
    CONVENER,
    CORE,
    GRACE_EMAIL,
    MARY_EMAIL,
    PARTNERSHIP,
    THIRD,
    expect_success,
    row_of,
    three_partners,
)
from .visitor import Visitor

pytestmark = pytest.mark.browser

ROOM = "Consultation room 2"
PURPOSE = "Medicines reviews for carers"
BUDGET_LINE = "Room hire"
SPENDING = "Leaflets about the medicines review clinic"
FOURTH = "Eastbridge Print Co-op"
REQUEST = f"£120.00 to {FOURTH}"


def the_print_coop_joins(partnership, ada) -> None:
    """A fourth organisation, an associate partner the fund pays for its printing."""
    lin = UserFactory(email="lin@eastbridge-print.example", name="Lin Printer")
    coop = organisation_create(
        actor=lin, name=FOURTH, kind="business", description="Printing.", area_served="Eastbridge"
    )
    invitation = partner_invite(actor=ada, partnership=partnership, email=lin.email, role="associate")
    partner_invitation_accept(actor=lin, invitation=invitation, organisation=coop)


def set_up_the_fund_and_rate_card(partnership, ada) -> None:
    """Ada's trust holds the money: a budget line of £500 and a £1,000 grant received.
    An hour of premises is worth £20 on the rate card."""
    trust = partnership.partners.get(organisation__name=CONVENER)
    fund = fund_set_up(actor=ada, partnership=partnership, host=trust)
    budget_line_create(actor=ada, fund=fund, name=BUDGET_LINE, amount="500")
    income_record(
        actor=ada,
        fund=fund,
        kind=Transaction.Kind.GRANT,
        amount="1000",
        payer="Northshire Community Foundation",
        description="Grant for shared advice sessions",
    )
    rate_set(
        actor=ada,
        partnership=partnership,
        category="premises",
        unit="hours",
        rate_gbp=Decimal("20.00"),
        valid_from=timezone.localdate() - datetime.timedelta(days=60),
    )


def open_from_the_partnership(person: Visitor, partnership_url: str, link: str, *, heading: str) -> None:
    person.open(partnership_url, heading=PARTNERSHIP)
    person.follow(person.page.get_by_role("link", name=link, exact=True), heading=heading)


def test_a_room_is_shared_and_paid_for_and_the_fund_ledger_and_fair_shares_show_it(new_visitor, audit, site):
    partnership, ada_user, _grace, _mary = three_partners()
    the_print_coop_joins(partnership, ada_user)
    set_up_the_fund_and_rate_card(partnership, ada_user)
    partnership_url = f"/partnerships/{partnership.uuid}/"
    today = timezone.localdate()
    tuesday = today + datetime.timedelta(days=7 - today.weekday() + 1)  # next week's

    # 1. Grace lists her centre's consultation room; her centre approves each booking.
    grace = new_visitor("Grace")
    grace.sign_in(GRACE_EMAIL, PASSWORD, lands_on="Hello, Grace Hopper")
    open_from_the_partnership(grace, partnership_url, "Shared assets", heading="Shared assets")
    page = grace.page
    expect(page.get_by_role("main")).to_contain_text("No partner has listed an asset yet.")
    grace.follow(page.get_by_role("link", name="List an asset"), heading="List an asset to share")
    page.get_by_label("Name", exact=True).fill(ROOM)
    page.get_by_role("group", name="What it is").get_by_label("Room").check()
    page.get_by_label("Where it is").fill("Eastbridge Advice Centre, 12 High Street, first floor")
    page.get_by_label("Capacity (people)").fill("4")
    days = page.get_by_role("group", name="Days it can be booked")
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"):
        expect(days.get_by_label(day)).to_be_checked()
    page.get_by_label("Opens at").fill("09:00")
    page.get_by_label("Closes at").fill("17:00")
    page.get_by_role("group", name="Bookings").get_by_label("We approve each booking").check()
    grace.follow(page.get_by_role("button", name="List the asset"), heading=ROOM)
    expect_success(page, f"{ROOM} is listed for booking.")
    expect(page.get_by_role("main")).to_contain_text(f"{CORE} approves each booking")
    room_url = page.url

    # 2. Mary, for the pharmacy, books it for Tuesday morning next week.
    mary = new_visitor("Mary")
    mary.sign_in(MARY_EMAIL, PASSWORD, lands_on="Hello, Mary Seacole")
    open_from_the_partnership(mary, partnership_url, "Shared assets", heading="Shared assets")
    page = mary.page
    mary.follow(page.get_by_role("link", name=ROOM), heading=ROOM)
    mary.follow(page.get_by_role("link", name=f"Book {ROOM}"), heading=f"Book {ROOM}")
    page.get_by_label("Date", exact=True).fill(tuesday.isoformat())
    page.get_by_label("From", exact=True).fill("10:00")
    page.get_by_label("Until", exact=True).fill("13:00")
    page.get_by_label("What it is for").fill(PURPOSE)
    mary.follow(page.get_by_role("button", name="Book", exact=True), heading=f"Booking of {ROOM}")
    expect_success(page, "The booking is asked for: the owner approves it.")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Waiting for approval")
    expect(main).to_contain_text(f"{tuesday:%A} {tuesday.day} {tuesday:%B %Y}, 10:00 to 13:00")
    expect(main).to_contain_text(THIRD)

    # 3. Grace finds it waiting for her approval and approves it on its page.
    open_from_the_partnership(grace, partnership_url, "Shared assets", heading="Shared assets")
    page = grace.page
    waiting = page.locator("#to-decide")
    expect(waiting).to_contain_text(f"For {THIRD}: {PURPOSE}")
    grace.follow(waiting.get_by_role("link", name=ROOM), heading=f"Booking of {ROOM}")
    grace.follow(page.get_by_role("button", name="Approve", exact=True), heading=f"Booking of {ROOM}")
    expect_success(page, "The booking is approved.")
    expect(page.get_by_role("main")).to_contain_text("Decided by")
    grace.open(f"{room_url}?week={tuesday.isoformat()}", heading=ROOM)
    week = page.get_by_role("table", name="Bookings, week of")
    tuesday_row = week.get_by_role("row").filter(has_text=f"{tuesday:%A} {tuesday.day} {tuesday:%B}")
    expect(tuesday_row).to_contain_text("10:00 to 13:00")
    expect(tuesday_row).to_contain_text(THIRD)
    expect(tuesday_row).to_contain_text("Approved")

    # 4. Mary asks the fund to pay the print co-op for leaflets, and sends it for approval:
    # the co-op, to be paid, is not among those who may approve.
    open_from_the_partnership(mary, partnership_url, "Pooled fund", heading="Pooled fund")
    page = mary.page
    mary.follow(page.get_by_role("link", name="Ask to spend"), heading="Ask to spend from the fund")
    page.get_by_label("Budget line").select_option(label=BUDGET_LINE)
    page.get_by_label("Who is to be paid").fill(FOURTH)
    page.get_by_label("Paying a partner organisation for its services?").select_option(label=FOURTH)
    page.get_by_label("What the money is for").fill(SPENDING)
    page.get_by_label("Amount, VAT included").fill("120")
    expect(page.get_by_label("Currency")).to_have_value("GBP")
    mary.follow(page.get_by_role("button", name="Save", exact=True), heading=REQUEST)
    expect_success(page, "The spending request is saved as a draft.")
    expect(page.get_by_role("main")).to_contain_text("Draft")
    mary.follow(page.get_by_role("button", name="Send for approval"), heading=REQUEST)
    expect_success(page, "The request is sent for approval.")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Waiting for approval")
    expect(main).to_contain_text("0 of 2 approvals so far.")
    expect(main).to_contain_text(f"Organisations that may approve: {CONVENER}, {CORE}.")
    expect(page.get_by_role("button", name=f"Approve for {THIRD}")).to_have_count(0)
    request_url = page.url

    # 5. Ada finds it waiting on the fund's overview and approves it for her trust.
    ada = new_visitor("Ada")
    ada.sign_in(ADA_EMAIL, PASSWORD, lands_on="Hello, Ada Lovelace")
    open_from_the_partnership(ada, partnership_url, "Pooled fund", heading="Pooled fund")
    page = ada.page
    waiting = page.get_by_role("table", name="Requests waiting for approval")
    expect(row_of(waiting, FOURTH)).to_contain_text(THIRD)
    ada.follow(waiting.get_by_role("link", name=FOURTH), heading=REQUEST)
    ada.follow(page.get_by_role("button", name=f"Approve for {CONVENER}"), heading=REQUEST)
    expect_success(page, "Your organisation's approval is recorded.")
    expect(page.get_by_role("main")).to_contain_text("1 of 2 approvals so far.")
    expect(page.get_by_role("button", name="Mark as paid")).to_have_count(0)

    # 6. Grace approves it for her centre: the second approval approves the request.
    grace.open(request_url, heading=REQUEST)
    page = grace.page
    grace.follow(page.get_by_role("button", name=f"Approve for {CORE}"), heading=REQUEST)
    expect_success(page, "Your organisation's approval is recorded.")
    main = page.get_by_role("main")
    expect(main).to_contain_text("2 of 2 approvals so far.")
    expect(main.locator(".govuk-tag")).to_have_text("Approved")
    expect(page.get_by_role("button", name="Mark as paid")).to_have_count(0)  # not the host's admin

    # 7. Ada, the fiscal host's admin, marks it paid.
    ada.open(request_url, heading=REQUEST)
    page = ada.page
    ada.follow(page.get_by_role("button", name="Mark as paid"), heading=REQUEST)
    expect_success(page, "The request is marked as paid.")
    expect(page.get_by_role("main").locator(".govuk-tag")).to_have_text("Paid")

    # 8. The fund's overview shows it against the budget line; the transactions list it.
    ada.follow(
        page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Pooled fund"),
        heading="Pooled fund",
    )
    expect(page.locator("#balance")).to_have_text("£880.00")
    budget = page.get_by_role("table", name="Budget versus actual")
    line = row_of(budget, BUDGET_LINE)
    expect(line.get_by_role("cell").nth(0)).to_have_text("£500.00")
    expect(line.get_by_role("cell").nth(1)).to_have_text("£120.00")
    expect(line.get_by_role("cell").nth(2)).to_have_text("£380.00")
    expect(line.get_by_role("cell").nth(3)).to_have_text("0")
    expect(page.get_by_role("table", name="Requests waiting for approval")).to_contain_text("None.")
    ada.follow(page.get_by_role("link", name="Transactions", exact=True), heading="Transactions")
    payment = row_of(page.get_by_role("table", name="The fund's transactions"), SPENDING)
    expect(payment).to_contain_text(BUDGET_LINE)
    expect(payment).to_contain_text(FOURTH)
    expect(payment.get_by_role("cell").nth(4)).to_have_text("£120.00")  # out
    expect(payment).to_contain_text(f"{CONVENER}, {CORE}")

    # 9. Two weeks pass: the booking is over (moved back in the database, as the clock
    # cannot be), and the hourly job counts it in the ledger for Grace's centre.
    fortnight = datetime.timedelta(days=14)
    moved = Booking.objects.filter(asset__name=ROOM).update(
        start=F("start") - fortnight, end=F("end") - fortnight
    )
    assert moved == 1
    assert bookings_count_delivered.call() == 1
    open_from_the_partnership(grace, partnership_url, "Contributions ledger", heading="Contributions")
    page = grace.page
    in_kind = page.locator("#totals .govuk-summary-list__row").filter(has_text="In kind")
    expect(in_kind.locator("dd")).to_contain_text("£60")
    entry = row_of(page.get_by_role("table", name="1 entry, newest first"), f"{CORE}: 3 hours")
    expect(entry).to_contain_text("Premises and office space")
    expect(entry).to_contain_text("In kind")
    expect(entry).to_contain_text("£60")
    grace.follow(entry.get_by_role("link", name=f"{CORE}: 3 hours"), heading=f"3 hours from {CORE}")
    expect(page.get_by_role("main")).to_contain_text(f"{ROOM} booked by {THIRD}")

    # 10. Fair shares: the centre gave the room's hours; the pharmacy benefited from the
    # booking and the co-op from the payment.
    open_from_the_partnership(mary, partnership_url, "Fair shares", heading="Fair shares")
    page = mary.page
    totals = page.locator("#pool-totals")
    expect(totals).to_contain_text("£60.00")  # contributed
    expect(totals).to_contain_text("£180.00")  # benefits received
    expect(page.locator("#elephant-factor")).to_contain_text("1 of 4 partners")
    expect(page.locator("#load-sentence")).to_contain_text(f"{CORE} provides 100% of everything contributed")
    table = page.get_by_role("table", name="Fair shares as a table")
    expected = {  # contributed, its share, benefits received, their share
        CORE: ("£60.00", "100%", "£0.00", "0%"),
        THIRD: ("£0.00", "0%", "£60.00", "33%"),
        FOURTH: ("£0.00", "0%", "£120.00", "67%"),
        CONVENER: ("£0.00", "0%", "£0.00", "0%"),
    }
    for name, figures in expected.items():
        cells = row_of(table, name).get_by_role("cell")
        for column, figure in enumerate(figures):
            expect(cells.nth(column)).to_have_text(figure)

    # The fair-shares page on a small phone: still accessible, nothing to scroll sideways.
    page.set_viewport_size({"width": 360, "height": 780})
    mary.open(f"{partnership_url}pool/fair-shares/", heading="Fair shares")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, f"the fair-shares page scrolls sideways at 360 px ({scroll_width} px wide)"
    expect(row_of(page.get_by_role("table", name="Fair shares as a table"), FOURTH)).to_contain_text(
        "£120.00"
    )

    audit.assert_clean()
