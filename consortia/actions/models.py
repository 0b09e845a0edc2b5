"""Actions: what someone in a partnership has said they will do, by when.

An action comes from a meeting, a thread or on its own. It has exactly one owner: a
person, or a partner organisation of the partnership (then every member of that
organisation sees it under "My actions"). It may serve a canvas outcome or an
agreement objective, and belong to a working group. It is open, done, or dropped
with a reason.

The meeting an action came from is not here: meetings sit above actions in the layer
map and keep their own link table.

The database holds the invariants the services keep (one owner; a dropped action has
its reason; a closed action has when and by whom; an open one has neither), so a
hand-written fix in a shell cannot break them either.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from consortia.agreements.models import AgreementObjective
from consortia.canvas.models import Outcome
from consortia.core.models import BaseModel
from consortia.groups.models import WorkingGroup
from consortia.partnerships.models import Partner, Partnership
from consortia.threads.models import Thread

TITLE_MAX = 300
DETAILS_MAX = 10_000
REASON_MAX = 1_000


class Action(BaseModel):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="actions")
    working_group = models.ForeignKey(
        WorkingGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    title = models.CharField(max_length=TITLE_MAX)
    details = models.TextField(max_length=DETAILS_MAX, blank=True)  # Markdown
    # Exactly one owner: a person, or a partner organisation (any of its members acts on
    # it). RESTRICT, not SET_NULL: an action without an owner would break the one-owner
    # constraint, so a person who owns actions is not deleted until they are handed on;
    # deleting the whole partnership still takes its actions and partners together.
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="actions_owned",
    )
    owner_partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.RESTRICT, related_name="actions_owned"
    )
    due = models.DateField(null=True, blank=True)
    outcome = models.ForeignKey(
        Outcome, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    objective = models.ForeignKey(
        AgreementObjective, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    # The thread it came from ("Add an action" on a thread).
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    drop_reason = models.TextField(max_length=REASON_MAX, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Reminder bookkeeping: the due date each reminder was sent for, so the daily job
    # sends each once (running it twice sends nothing more) and a new due date gets
    # its own reminders.
    reminded_before_on = models.DateField(null=True, blank=True)
    reminded_due_on = models.DateField(null=True, blank=True)

    class Meta:
        # Undated actions last on every database (SQLite and PostgreSQL differ).
        ordering = [models.F("due").asc(nulls_last=True), "pk"]
        indexes = [
            models.Index(fields=["partnership", "status", "due"], name="action_partnership_status"),
            models.Index(fields=["status", "due"], name="action_status_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(owner_user__isnull=False, owner_partner__isnull=True)
                | Q(owner_user__isnull=True, owner_partner__isnull=False),
                name="action_one_owner",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["open", "done", "dropped"]), name="action_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="dropped") | ~Q(drop_reason=""), name="action_dropped_has_reason"
            ),
            models.CheckConstraint(
                condition=Q(status="dropped") | Q(drop_reason=""), name="action_reason_only_if_dropped"
            ),
            models.CheckConstraint(
                condition=Q(status="open", closed_at__isnull=True, closed_by__isnull=True)
                | (~Q(status="open") & Q(closed_at__isnull=False)),
                name="action_closed_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_overdue(self) -> bool:
        """Open and due before today (in the site's time zone)."""
        return self.is_open and self.due is not None and self.due < timezone.localdate()
