"""Invitations: each invitee gets an email with the meeting as an iCalendar
attachment (METHOD:REQUEST, then CANCEL), sent from a background task; the outbox
keeps attachments generically (core/mail.py) and stays backwards compatible; the
.ics download parses back with the icalendar library."""

from datetime import UTC, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from consortia.core.models import OutgoingEmail
from consortia.meetings import services
from consortia.meetings.ics import meeting_calendar

from .helpers import schedule

pytestmark = pytest.mark.django_db


def _calendar(message) -> Calendar:
    part = message.message().get_payload()[1]
    assert part.get_filename() == "invitation.ics"
    assert part.get_content_type() == "text/calendar"
    assert part.get_param("method") in {"REQUEST", "CANCEL"}
    return Calendar.from_ical(part.get_payload(decode=True))


def test_scheduling_emails_every_invitee_an_icalendar_request(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = schedule(world, send_invitations=True, video_url="https://meet.example.org/carers")

    to = sorted(m.to[0] for m in mail.outbox)
    assert to == sorted(
        world.users[p].email
        for p in ("convener_admin", "partner_admin", "partner_member", "observer", "participant")
    )
    message = next(m for m in mail.outbox if m.to == [world.users["participant"].email])
    assert message.subject == "Invitation: Partnership meeting (Carers Advice Partnership)"
    assert "(Europe/London time)" in message.body
    calendar = _calendar(message)
    assert str(calendar["method"]) == "REQUEST"
    event = calendar.walk("VEVENT")[0]
    assert str(event["uid"]) == meeting.ical_uid
    assert int(event["sequence"]) == 0
    assert event.decoded("dtstart") == meeting.starts_at.astimezone(UTC)
    assert event.decoded("dtend") == meeting.ends_at.astimezone(UTC)
    assert "dtstamp" in event
    assert str(event["organizer"]).startswith("mailto:")
    assert [str(a) for a in [event["attendee"]]] == [f"mailto:{world.users['participant'].email}"]
    assert "https://meet.example.org/carers" in str(event["location"])
    assert not OutgoingEmail.objects.exists()  # sent, so gone from the outbox


def test_a_change_of_time_sends_a_higher_sequence_and_cancelling_sends_cancel(
    world, django_capture_on_commit_callbacks
):
    meeting = schedule(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_change(
            actor=world.users["convener_admin"],
            meeting=meeting,
            title=meeting.title,
            starts_at=meeting.starts_at + timedelta(days=1),
            ends_at=meeting.ends_at + timedelta(days=1),
            time_zone=meeting.time_zone,
            place=meeting.place,
        )
    changed = _calendar(mail.outbox[0])
    assert int(changed.walk("VEVENT")[0]["sequence"]) == 1
    assert mail.outbox[0].subject.startswith("Changed: ")

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(actor=world.users["convener_admin"], meeting=meeting)
    cancelled = _calendar(mail.outbox[0])
    assert str(cancelled["method"]) == "CANCEL"
    event = cancelled.walk("VEVENT")[0]
    assert int(event["sequence"]) == 2 and str(event["status"]) == "CANCELLED"
    assert mail.outbox[0].subject.startswith("Cancelled: ")


def test_no_email_when_invitations_are_not_wanted(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        schedule(world, send_invitations=False)
    assert mail.outbox == []


def test_the_ics_download_is_text_calendar_and_parses_back(world, client_for):
    meeting = schedule(world)
    response = client_for("observer").get(
        reverse("meetings:ics", args=[world.partnership.uuid, meeting.uuid])
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["method"]) == "PUBLISH"
    assert str(calendar.walk("VEVENT")[0]["uid"]) == meeting.ical_uid


def test_the_ics_of_another_partnerships_meeting_is_a_404(world, client_for):
    from consortia.core.factories import MeetingFactory

    theirs = MeetingFactory()
    response = client_for("convener_admin").get(
        reverse("meetings:ics", args=[world.partnership.uuid, theirs.uuid])
    )
    assert response.status_code == 404


def test_the_calendar_object_validates_for_a_meeting_with_awkward_text(world):
    meeting = schedule(world, title='Carers; "planning", day\\night', place="Room 1, Hall; Side door")
    calendar = Calendar.from_ical(meeting_calendar(meeting, method="PUBLISH"))
    event = calendar.walk("VEVENT")[0]
    assert str(event["summary"]).startswith('Carers; "planning", day\\night')
    assert str(event["location"]) == "Room 1, Hall; Side door"


def test_a_meeting_recorded_after_it_took_place_invites_nobody(world, django_capture_on_commit_callbacks):
    from django.utils import timezone

    starts = timezone.now() - timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        schedule(world, starts_at=starts, ends_at=starts + timedelta(hours=1), send_invitations=True)
    assert mail.outbox == []
