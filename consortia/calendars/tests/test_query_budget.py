"""The feed costs the same number of queries with 5 or 200 polls, meetings, courses
and partnerships' agreements: one query per registered source, whatever the data."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from consortia.calendars.registry import feed_sources
from consortia.core.factories import (
    ActionFactory,
    AgreementVersionFactory,
    BookingFactory,
    CalendarFeedFactory,
    CourseFactory,
    ExchangeFactory,
    LessonFactory,
    MeetingFactory,
    PartnerFactory,
    PartnershipFactory,
    PollFactory,
)
from consortia.core.testing import query_budget

pytestmark = pytest.mark.django_db

TOKEN = "a-token-for-the-query-budget-0123456789abcd"

# The feed link with its person (one query), then one query per source: the open polls
# of the person's partnerships with their partnerships (decisions/calendar.py), the
# agreements in force with a review date with theirs (agreements/calendar.py), the
# person's open actions with a due date with their partnerships and owners
# (actions/calendar.py), the scheduled meetings with their partnerships
# (meetings/calendar.py), the approved bookings of shared assets with their assets,
# partners' organisations and partnerships (assets/calendar.py), the scheduled
# training courses with their partnerships and offering organisations (training/calendar.py),
# the confirmed exchanges with their partnerships, hosts' and senders' organisations
# (exchanges/calendar.py), the person's open lessons with a due date with their partnerships (learning/calendar.py).
FEED = 1 + 8


def test_the_budget_counts_every_registered_source():
    assert len(feed_sources()) == FEED - 1


@pytest.mark.parametrize("items", [5, 200])
def test_the_feed_costs_the_same_with_5_or_200_polls_and_agreements(world, client, items):
    CalendarFeedFactory(user=world.users["partner_member"], token=TOKEN)
    for i in range(items):
        PollFactory(partnership=world.partnership)
        other = PartnershipFactory()
        PartnerFactory(partnership=other, organisation=world.core_org, role="core")
        PollFactory(partnership=other)
        AgreementVersionFactory(
            partnership=other,
            status="published",
            in_force_at=timezone.now(),
            review_date=date(2027, 1, 1 + i % 28),
        )
        ActionFactory(partnership=world.partnership, owner_user=world.users["partner_member"])
        MeetingFactory(partnership=other)
        BookingFactory(asset__partnership=other, status="approved")
        CourseFactory(partnership=other)
        ExchangeFactory(
            partnership=other,
            status="confirmed",
            host_agreed_at=timezone.now(),
            sender_agreed_at=timezone.now(),
        )
        LessonFactory(
            partnership=world.partnership,
            owner=world.users["partner_member"],
            due=date(2027, 2, 1 + i % 28),
        )

    with query_budget(FEED):
        response = client.get(reverse("calendars:feed", args=[TOKEN]))

    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 9 * items
