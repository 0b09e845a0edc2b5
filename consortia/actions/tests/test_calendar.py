"""Actions in the calendar feed (actions/calendar.py): each open action the person owns,
personally or through their organisation, on its due date; nothing done, undated,
someone else's, or from a partnership they have left."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from consortia.core.factories import ActionFactory, CalendarFeedFactory
from consortia.partnerships.services import partner_leave

pytestmark = pytest.mark.django_db

TOKEN = "an-actions-feed-token-for-tests-0123456789ab"


def _entries(client) -> dict[str, object]:
    response = client.get(reverse("calendars:feed", args=[TOKEN]))
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    # The feed names the partnership after each summary.
    return {
        str(e["SUMMARY"]).removesuffix(" (Carers Advice Partnership)"): e["DTSTART"].dt
        for e in calendar.walk("VEVENT")
    }


def test_the_feed_holds_the_due_dates_of_the_persons_open_actions(world, client):
    member = world.users["partner_member"]
    CalendarFeedFactory(user=member, token=TOKEN)
    due = timezone.localdate() + timedelta(days=5)
    core_partner = world.partnership.partners.get(organisation=world.core_org)
    ActionFactory(partnership=world.partnership, owner_user=member, title="Send the form", due=due)
    ActionFactory(
        partnership=world.partnership,
        owner_user=None,
        owner_partner=core_partner,
        title="Print leaflets",
        due=due,
    )
    ActionFactory(partnership=world.partnership, owner_user=member, title="Undated", due=None)
    ActionFactory(
        partnership=world.partnership,
        owner_user=member,
        title="Finished",
        status="done",
        closed_at=timezone.now(),
        closed_by=member,
    )
    ActionFactory(partnership=world.partnership, owner_user=world.users["convener_admin"], title="Not mine")

    entries = _entries(client)

    assert entries == {"Action due: Send the form": due, "Action due: Print leaflets": due}


def test_the_actions_of_a_partnership_the_person_has_left_go_from_the_feed(world, client):
    member = world.users["partner_member"]
    CalendarFeedFactory(user=member, token=TOKEN)
    ActionFactory(partnership=world.partnership, owner_user=member, title="Send the form")
    assert "Action due: Send the form" in _entries(client)

    core_partner = world.partnership.partners.get(organisation=world.core_org)
    partner_leave(actor=world.users["partner_admin"], partner=core_partner)

    assert "Action due: Send the form" not in _entries(client)
