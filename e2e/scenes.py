"""What the browser journeys share: the Northshire partnership they start from,
and ways to find a success banner or a table row the way a person would."""

import datetime

from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from consortia.core.factories import UserFactory
from consortia.meetings.models import Meeting
from consortia.meetings.services import meeting_schedule
from consortia.organisations.services import organisation_create
from consortia.partnerships.services import partner_invitation_accept, partner_invite, partnership_convene

PARTNERSHIP = "Northshire Carers Advice Partnership"
ADA_EMAIL = "ada@carers-trust.example"
GRACE_EMAIL = "grace@eastbridge-advice.example"
CONVENER = "Northshire Carers Trust"
CORE = "Eastbridge Advice Centre"
MARY_EMAIL = "mary@riverside-pharmacy.example"
THIRD = "Riverside Pharmacy"
PROFILE = {"description": "Advice and support for unpaid carers.", "area_served": "Northshire"}


def two_partners():
    """Ada's organisation convenes the partnership; Grace's joined it as a core
    partner. Both are their organisation's admin and representative. Returns the
    partnership, Ada and Grace."""
    ada = UserFactory(email=ADA_EMAIL, name="Ada Lovelace")
    grace = UserFactory(email=GRACE_EMAIL, name="Grace Hopper")
    trust = organisation_create(actor=ada, name=CONVENER, kind="charity", **PROFILE)
    centre = organisation_create(actor=grace, name=CORE, kind="community_group", **PROFILE)
    partnership = partnership_convene(
        actor=ada,
        organisation=trust,
        name=PARTNERSHIP,
        purpose="Carers in Northshire get joined-up advice in one place.",
    )
    invitation = partner_invite(actor=ada, partnership=partnership, email=grace.email, role="core")
    partner_invitation_accept(actor=grace, invitation=invitation, organisation=centre)
    return partnership, ada, grace


def three_partners():
    """two_partners(), and Mary's pharmacy joined as a third, core partner; she is its
    admin and representative. Returns the partnership, Ada, Grace and Mary."""
    partnership, ada, grace = two_partners()
    mary = UserFactory(email=MARY_EMAIL, name="Mary Seacole")
    pharmacy = organisation_create(
        actor=mary,
        name=THIRD,
        kind="business",
        description="A community pharmacy that runs medicines reviews for carers.",
        area_served="Northshire",
    )
    invitation = partner_invite(actor=ada, partnership=partnership, email=mary.email, role="core")
    partner_invitation_accept(actor=mary, invitation=invitation, organisation=pharmacy)
    return partnership, ada, grace, mary


NEXT_MEETING = "Partnership board meeting"


def next_meeting_scheduled(partnership, convener) -> Meeting:
    """The partnership's next meeting, a fortnight from now, scheduled by its convener
    (no invitations sent)."""
    starts = timezone.now().replace(microsecond=0, second=0) + datetime.timedelta(days=14)
    return meeting_schedule(
        actor=convener,
        partnership=partnership,
        title=NEXT_MEETING,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place="Northshire Carers Trust, meeting room 1",
        send_invitations=False,
    )


def expect_success(page: Page, text: str) -> None:
    banner = page.get_by_role("alert").filter(has=page.get_by_role("heading", name="Success"))
    expect(banner).to_contain_text(text)


def row_of(table: Locator, header: str) -> Locator:
    """The row of `table` headed by `header` (a row header that contains it)."""
    return table.get_by_role("row").filter(has=table.page.get_by_role("rowheader", name=header))
