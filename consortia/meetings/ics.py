"""A meeting as iCalendar (RFC 5545), built with the `icalendar` library: the
invitation emailed to each invitee (METHOD:REQUEST, or METHOD:CANCEL when the
meeting is cancelled) and the `.ics` download on the meeting's page
(METHOD:PUBLISH).

Times are written in UTC, which every calendar client reads and shows in its own
zone; the description names the meeting's own zone. The organiser is the site's
sending address under the partnership's name (replies are not collected: attendance
is recorded on the meeting's page). An emailed invitation names only its
recipient as an attendee, so nobody's address reaches everyone invited.
"""

from datetime import UTC
from email.utils import parseaddr

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from consortia.accounts.models import User

from .models import Meeting

PRODID = "-//Consortia//Meetings//EN"


def meeting_url(meeting: Meeting) -> str:
    path = reverse("meetings:detail", args=[meeting.partnership.uuid, meeting.uuid])
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def _organiser(meeting: Meeting) -> vCalAddress:
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "no-reply@consortia.local"
    organiser = vCalAddress(f"mailto:{address}")
    organiser.params["cn"] = vText(meeting.partnership.name)
    return organiser


def _attendee(user: User) -> vCalAddress:
    attendee = vCalAddress(f"mailto:{user.email}")
    attendee.params["cn"] = vText(user.name or user.email)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = vText("NEEDS-ACTION")
    attendee.params["rsvp"] = vText("FALSE")
    return attendee


def meeting_event(meeting: Meeting, *, attendee: User | None = None) -> Event:
    """The meeting's VEVENT: its UID and SEQUENCE, times in UTC, place and link."""
    event = Event()
    event.add("uid", meeting.ical_uid)
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", meeting.starts_at.astimezone(UTC))
    event.add("dtend", meeting.ends_at.astimezone(UTC))
    event.add("summary", f"{meeting.title} ({meeting.partnership.name})")
    where = ", ".join(part for part in (meeting.place, meeting.video_url) if part)
    if where:
        event.add("location", where)
    url = meeting_url(meeting)
    event.add("url", url)
    event.add(
        "description",
        f"Times are in {meeting.time_zone} on the meeting's page.\n"
        f"Agenda and papers: {url}" + (f"\nVideo link: {meeting.video_url}" if meeting.video_url else ""),
    )
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    event.add("organizer", _organiser(meeting))
    if attendee is not None:
        event.add("attendee", _attendee(attendee))
    return event


def meeting_calendar(meeting: Meeting, *, method: str, attendee: User | None = None) -> str:
    """The whole calendar object as text: METHOD REQUEST, CANCEL or PUBLISH."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add_component(meeting_event(meeting, attendee=attendee))
    text: bytes = calendar.to_ical()
    return text.decode()
