"""A partnership's learning log (issue 13, point 7).

A lesson says what happened, what we learned and what we will change (Markdown, shown
through consortia/core/markdown.py), who owns the change (a member of the partnership)
and, optionally, by when. It is open until its owner or the convener marks the change
made ("changed") or not to be made ("dropped"), with a short note.

Where it was recorded from is kept generically (a kind, a label and a link on this
site), plus the poll itself when it came from a closed poll: meetings and exchanges sit
above learning in the layer map, so they are named by label and link only (their key
lets a meeting list its own lessons). A lesson is reviewed once, at a meeting (the
default agenda's "Lessons to review"): when, by whom, and which meeting.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from consortia.core.models import BaseModel
from consortia.decisions.models import Poll
from consortia.partnerships.models import Partnership
from consortia.search.text import plain_text

TEXT_MAX = 5_000
NOTE_MAX = 300
LABEL_MAX = 200
URL_MAX = 500
KEY_MAX = 64


class SourceKind(models.TextChoices):
    MEETING = "meeting", "A meeting"
    EXCHANGE = "exchange", "An exchange"
    POLL = "poll", "A closed poll"
    OTHER = "other", "Other"


class Lesson(BaseModel):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CHANGED = "changed", "Changed"
        DROPPED = "dropped", "Dropped"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="lessons")
    what_happened = models.TextField(max_length=TEXT_MAX, blank=True)
    what_we_learned = models.TextField(max_length=TEXT_MAX)
    what_we_will_change = models.TextField(max_length=TEXT_MAX, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    due = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    closing_note = models.CharField(max_length=NOTE_MAX, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_kind = models.CharField(max_length=16, choices=SourceKind.choices, default=SourceKind.OTHER)
    source_label = models.CharField(max_length=LABEL_MAX, blank=True)
    source_url = models.CharField(max_length=URL_MAX, blank=True)
    source_key = models.CharField(max_length=KEY_MAX, blank=True)
    poll = models.ForeignKey(Poll, null=True, blank=True, on_delete=models.SET_NULL, related_name="lessons")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_meeting_label = models.CharField(max_length=LABEL_MAX, blank=True)
    reviewed_meeting_url = models.CharField(max_length=URL_MAX, blank=True)
    reviewed_meeting_key = models.CharField(max_length=KEY_MAX, blank=True)
    reminded_due_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["partnership", "status"]),
            models.Index(fields=["partnership", "reviewed_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["open", "changed", "dropped"]), name="learning_lesson_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(source_kind__in=["meeting", "exchange", "poll", "other"]),
                name="learning_lesson_source_kind_valid",
            ),
            models.CheckConstraint(
                condition=~Q(what_we_learned=""), name="learning_lesson_what_we_learned_not_empty"
            ),
            # A lesson linked to a poll was recorded from it.
            models.CheckConstraint(
                condition=Q(poll__isnull=True) | Q(source_kind="poll"), name="learning_lesson_poll_is_source"
            ),
            # Open lessons carry no closing; closed ones say when.
            models.CheckConstraint(
                condition=(
                    Q(status="open", closed_at__isnull=True)
                    | (~Q(status="open") & Q(closed_at__isnull=False))
                ),
                name="learning_lesson_closed_at_with_status",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        """What we learned as plain words, shortened: the lesson's name in lists."""
        first = " ".join(plain_text(self.what_we_learned).split())
        return first if len(first) <= 80 else first[:79].rstrip() + "…"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_reviewed(self) -> bool:
        return self.reviewed_at is not None
