"""`meetings_for_feed(user)`: the scheduled meetings of the partnerships a person is in
now, for the calendar feed; nothing from a partnership they have left, nothing
cancelled, nothing of someone else's partnership."""

import pytest
from django.utils import timezone

from consortia.core.factories import MeetingFactory, PartnershipFactory
from consortia.meetings.models import Meeting
from consortia.meetings.selectors import meetings_for_feed
from consortia.partnerships.models import Participant, Partner

pytestmark = pytest.mark.django_db


def test_it_lists_the_scheduled_meetings_of_the_persons_partnerships(world):
    ours = MeetingFactory(partnership=world.partnership)
    MeetingFactory(partnership=world.partnership, status=Meeting.Status.CANCELLED)
    MeetingFactory(partnership=PartnershipFactory())

    for persona in ("convener_admin", "partner_member", "observer", "participant"):
        assert list(meetings_for_feed(world.users[persona])) == [ours]
    assert list(meetings_for_feed(world.users["outsider"])) == []


def test_nothing_shows_once_the_person_or_their_organisation_has_left(world):
    MeetingFactory(partnership=world.partnership)
    Partner.objects.filter(pk=world.core_partner.pk).update(left_at=timezone.now())
    Participant.objects.filter(pk=world.participant.pk).update(left_at=timezone.now())

    assert list(meetings_for_feed(world.users["partner_member"])) == []
    assert list(meetings_for_feed(world.users["participant"])) == []


def test_the_calendar_feed_holds_the_meeting_under_its_invitations_uid(world, client):
    from django.urls import reverse
    from icalendar import Calendar

    from consortia.core.factories import CalendarFeedFactory
    from consortia.meetings.ics import meeting_calendar

    from .helpers import schedule

    meeting = schedule(world, title="Partnership meeting, March")
    CalendarFeedFactory(user=world.users["participant"], token="a-token-for-the-meetings-tests-0123456789")
    feed = Calendar.from_ical(
        client.get(reverse("calendars:feed", args=["a-token-for-the-meetings-tests-0123456789"])).content
    )
    invitation = Calendar.from_ical(meeting_calendar(meeting, method="REQUEST"))

    entry = next(e for e in feed.walk("VEVENT") if "Partnership meeting, March" in str(e["summary"]))
    assert str(entry["uid"]) == str(invitation.walk("VEVENT")[0]["uid"]) == meeting.ical_uid
    assert entry.decoded("dtstart") == meeting.starts_at
    assert str(entry.decoded("dtstart").tzinfo) == "Europe/London"
    assert any(str(zone["tzid"]) == "Europe/London" for zone in feed.walk("VTIMEZONE"))
