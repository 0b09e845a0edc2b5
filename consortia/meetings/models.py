"""Meetings of a partnership or one of its working groups: when and where, who is
invited (partner organisations), the agenda, attendance per person, the minutes with
their corrections, the decisions they record and, where the meeting asks for it,
each invited partner's approval.

A meeting keeps an iCalendar UID for life and a SEQUENCE that grows with every
change its invitees' calendars must follow (time, place, cancellation).
"""

import uuid as uuid_lib
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from consortia.actions.models import Action
from consortia.core.models import BaseModel
from consortia.decisions.models import Poll
from consortia.groups.models import WorkingGroup
from consortia.partnerships.models import Partner, Partnership

TITLE_MAX = 200
MINUTES_MAX = 50_000
DEFAULT_TIME_ZONE = "Europe/London"
CORRECTION_DAYS_DEFAULT = 5
CORRECTION_DAYS_MAX = 14


def ical_uid_for(meeting_uuid: uuid_lib.UUID) -> str:
    """The meeting's iCalendar UID: its uuid at this site's host, the form the
    calendar feed gives its entries (calendars/ics.py), so both name one event."""
    return f"meeting-{meeting_uuid}@{urlsplit(settings.SITE_URL).hostname or 'consortia'}"


def _ical_uid() -> str:
    return ical_uid_for(uuid_lib.uuid4())


class Meeting(BaseModel):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        CANCELLED = "cancelled", "Cancelled"

    class Minutes(models.TextChoices):
        NONE = "", "Not started"
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open for corrections"
        PUBLISHED = "published", "Published"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="meetings")
    working_group = models.ForeignKey(
        WorkingGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="meetings"
    )
    title = models.CharField(max_length=TITLE_MAX)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    # An IANA name; times are stored in UTC and shown in this zone, which the page names.
    time_zone = models.CharField(max_length=64, default=DEFAULT_TIME_ZONE)
    place = models.CharField(max_length=300, blank=True)
    video_url = models.URLField("video link", max_length=500, blank=True)
    invited_partners = models.ManyToManyField(Partner, related_name="+", blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note_taker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SCHEDULED)
    ical_uid = models.CharField(max_length=120, unique=True, default=_ical_uid, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    from_poll = models.ForeignKey(Poll, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The minutes: drafted by the note-taker, open for attendees' corrections until
    # `corrections_until`, then published and frozen.
    minutes = models.TextField(max_length=MINUTES_MAX, blank=True)
    minutes_status = models.CharField(
        max_length=16, choices=Minutes.choices, default=Minutes.NONE, blank=True
    )
    corrections_until = models.DateTimeField(null=True, blank=True)
    minutes_published_at = models.DateTimeField(null=True, blank=True)
    # Each invited partner approves the published minutes before they are final.
    needs_partner_approval = models.BooleanField("minutes need each partner's approval", default=False)
    minutes_final_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["partnership", "starts_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"),
            models.CheckConstraint(
                condition=Q(status__in=["scheduled", "cancelled"]), name="meeting_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def minutes_published(self) -> bool:
        return self.minutes_status == self.Minutes.PUBLISHED

    @property
    def corrections_open(self) -> bool:
        return (
            self.minutes_status == self.Minutes.OPEN
            and self.corrections_until is not None
            and timezone.now() < self.corrections_until
        )

    @property
    def duration(self) -> timedelta:
        return self.ends_at - self.starts_at


class AgendaItem(BaseModel):
    class Kind(models.TextChoices):
        ITEM = "item", "Item"
        OUTCOMES = "outcomes", "Progress on our outcomes"
        GAPS = "gaps", "Needs still uncovered"
        POLLS = "polls", "Polls waiting for an outcome"
        ACTIONS = "actions", "Review of open actions"
        LESSONS = "lessons", "Lessons to review"
        AOB = "aob", "Any other business"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.ITEM)
    title = models.CharField(max_length=TITLE_MAX)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    duration_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    position = models.PositiveIntegerField()
    notes = models.TextField(max_length=5000, blank=True)
    # Marked at or after the meeting: carried into the next meeting's agenda.
    not_reached = models.BooleanField(default=False)
    # Carried over from an earlier meeting (an item not reached, or an action still open).
    carried_from = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The open action this item reviews, carried over from the meeting that agreed it.
    action = models.ForeignKey(Action, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    class Status(models.TextChoices):
        ATTENDED = "attended", "Attended"
        APOLOGIES = "apologies", "Sent apologies"
        ABSENT = "absent", "Absent"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=16, choices=Status.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="meeting_attendance_once"),
            models.CheckConstraint(
                condition=Q(status__in=["attended", "apologies", "absent"]), name="meeting_attendance_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.meeting}: {self.status}"


class MinutesCorrection(BaseModel):
    """An attendee's suggested correction, shown to the note-taker, who accepts it by
    editing the minutes."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="corrections")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(max_length=5000)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"a correction to {self.meeting}"


class MinutesDecision(BaseModel):
    """A decision the minutes record, optionally the poll that made it (linked to the
    decision log)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.CharField(max_length=500)
    poll = models.ForeignKey(Poll, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text


class MinutesApproval(BaseModel):
    """One invited partner's approval of the published minutes (as endorsements of an
    agreement: once each, held by the unique constraint under any race)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="approvals")
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="+")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "partner"], name="meeting_minutes_approved_once"),
        ]

    def __str__(self) -> str:
        return f"{self.partner} approved the minutes of {self.meeting}"


class MeetingAction(models.Model):
    """An action agreed at a meeting (made through actions' own service), and the
    agenda item it came from, if any. Still open at the next meeting of the same
    partnership or group, it is carried into that meeting's agenda."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="meeting_actions")
    action = models.OneToOneField(Action, on_delete=models.CASCADE, related_name="meeting_link")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.action} from {self.meeting}"
