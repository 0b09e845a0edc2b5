"""Exchanges between organisations: job shadowing, secondments, joint training
sessions and visits between two partners of a partnership.

An exchange is offered by its host or requested by its sender (two different active
partners). Both organisations agree through their admins: proposed (nobody has
agreed yet) -> agreed (one side, or both while a DBS check is awaited) -> confirmed
(both sides, and the DBS check confirmed by the organisation named to confirm it when
one is needed) -> completed (on or after its end date) or cancelled. The database
holds the machine's invariants: which agreements each status needs, the DBS check
before confirmation, an end on or after the start, host and sender different.

The people on an exchange (participants) write one reflection each afterwards.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from consortia.core.models import BaseModel
from consortia.partnerships.models import Partner, Partnership

TITLE_MAX = 200
TEXT_MAX = 5_000
PEOPLE_MAX = 500
HOURS_MAX = Decimal("100000")
COST_MAX = Decimal("10000000")


class Exchange(BaseModel):
    class Kind(models.TextChoices):
        SHADOWING = "shadowing", "Job shadowing"
        SECONDMENT = "secondment", "Secondment"
        JOINT_TRAINING = "joint_training", "Joint training session"
        VISIT = "visit", "Visit"

    class Direction(models.TextChoices):
        OFFERED = "offered", "Offered by the host"
        REQUESTED = "requested", "Requested by the sender"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        AGREED = "agreed", "Agreed by one side"
        CONFIRMED = "confirmed", "Confirmed"
        COMPLETED = "completed", "Completed"
        CANCELLED = "cancelled", "Cancelled"

    class Side(models.TextChoices):
        HOST = "host", "The host"
        SENDER = "sender", "The sending organisation"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="exchanges")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    direction = models.CharField(max_length=16, choices=Direction.choices)
    title = models.CharField(max_length=TITLE_MAX)
    purpose = models.TextField(max_length=TEXT_MAX, blank=True)  # Markdown
    # RESTRICT: a partner row is never deleted on its own (leaving sets left_at).
    host = models.ForeignKey(Partner, on_delete=models.RESTRICT, related_name="exchanges_hosted")
    sender = models.ForeignKey(Partner, on_delete=models.RESTRICT, related_name="exchanges_sent")
    starts_on = models.DateField()
    ends_on = models.DateField()
    host_expects = models.TextField(max_length=TEXT_MAX, blank=True)  # Markdown
    sender_expects = models.TextField(max_length=TEXT_MAX, blank=True)  # Markdown
    people = models.PositiveIntegerField(default=1)
    # Safeguarding: whether a DBS check is needed, which side confirms it, and notes.
    dbs_needed = models.BooleanField(default=False)
    dbs_confirmer = models.CharField(max_length=8, choices=Side.choices, blank=True)
    dbs_confirmed_at = models.DateTimeField(null=True, blank=True)
    dbs_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    safeguarding_notes = models.TextField(max_length=TEXT_MAX, blank=True)  # Markdown
    # What it costs each side, counted in the contributions ledger once completed.
    host_staff_hours = models.DecimalField(max_digits=9, decimal_places=2, default=Decimal(0))
    sender_staff_hours = models.DecimalField(max_digits=9, decimal_places=2, default=Decimal(0))
    cost_gbp = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal(0))
    cost_paid_by = models.CharField(max_length=8, choices=Side.choices, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PROPOSED)
    host_agreed_at = models.DateTimeField(null=True, blank=True)
    host_agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sender_agreed_at = models.DateTimeField(null=True, blank=True)
    sender_agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-starts_on", "-pk"]
        indexes = [models.Index(fields=["partnership", "starts_on"], name="exchange_partnership_start")]
        constraints = [
            models.CheckConstraint(condition=~Q(host=F("sender")), name="exchange_host_not_sender"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="exchange_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(people__gt=0), name="exchange_people_positive"),
            models.CheckConstraint(
                condition=Q(host_staff_hours__gte=0) & Q(sender_staff_hours__gte=0) & Q(cost_gbp__gte=0),
                name="exchange_costs_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(cost_gbp=0) | ~Q(cost_paid_by=""), name="exchange_cost_has_payer"
            ),
            models.CheckConstraint(
                condition=Q(dbs_needed=False) | ~Q(dbs_confirmer=""), name="exchange_dbs_has_confirmer"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["proposed", "agreed", "confirmed", "completed", "cancelled"]),
                name="exchange_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="proposed")
                | (Q(host_agreed_at__isnull=True) & Q(sender_agreed_at__isnull=True)),
                name="exchange_proposed_unagreed",
            ),
            models.CheckConstraint(
                condition=~Q(status="agreed")
                | Q(host_agreed_at__isnull=False)
                | Q(sender_agreed_at__isnull=False),
                name="exchange_agreed_by_one",
            ),
            # Confirmed and completed: both sides agreed, and the DBS check confirmed if needed.
            models.CheckConstraint(
                condition=~Q(status__in=["confirmed", "completed"])
                | (
                    Q(host_agreed_at__isnull=False)
                    & Q(sender_agreed_at__isnull=False)
                    & (Q(dbs_needed=False) | Q(dbs_confirmed_at__isnull=False))
                ),
                name="exchange_confirmed_by_both",
            ),
            models.CheckConstraint(
                condition=~Q(status="completed") | Q(completed_at__isnull=False),
                name="exchange_completed_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | Q(cancelled_at__isnull=False),
                name="exchange_cancelled_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def side_partner(self, side: str) -> Partner:
        return self.host if side == self.Side.HOST else self.sender

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.PROPOSED, self.Status.AGREED, self.Status.CONFIRMED)


class Participant(BaseModel):
    """A person named on an exchange, from the host or the sending organisation."""

    exchange = models.ForeignKey(Exchange, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exchanges")
    partner = models.ForeignKey(Partner, on_delete=models.RESTRICT, related_name="+")

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["exchange", "user"], name="exchange_participant_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.exchange}"


class Reflection(BaseModel):
    """A participant's reflection afterwards: what surprised them, what they will do
    differently. Visible to the partnership; its author can add it to the practice
    library as a case study (services.reflection_to_library)."""

    exchange = models.ForeignKey(Exchange, on_delete=models.CASCADE, related_name="reflections")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    surprised = models.TextField(max_length=TEXT_MAX)  # Markdown
    differently = models.TextField(max_length=TEXT_MAX)  # Markdown
    # The practice library entry its author made of it (services.reflection_to_library).
    library_entry = models.ForeignKey(
        "library.Entry", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["exchange", "author"], name="exchange_reflection_once"),
        ]

    def __str__(self) -> str:
        return f"{self.author}'s reflection on {self.exchange}"
