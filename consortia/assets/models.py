"""Shared assets a partner lets the others book (a room, a desk, a minibus, a
projector, a kitchen), and their bookings.

An asset belongs to one partner of one partnership (its owner). It is open on some
weekdays between two times (one window a day, in the site's time zone,
Europe/London), approves each booking itself or lets the owner approve them, and may
be out of service (with a reason).

A booking is a slot of one asset, made by a person for their partner organisation:
pending (waiting for the owner), approved, declined (with a reason) or cancelled.
Only approved bookings hold a slot. No two approved bookings of one asset overlap,
held by the database: on PostgreSQL an exclusion constraint (added by migration
0002, vendor-conditional, so SQLite migrates too), on SQLite the services' check
inside an IMMEDIATE transaction (settings.DATABASES OPTIONS transaction_mode), which
takes the write lock at BEGIN, so two writers cannot both pass the check.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from consortia.core.models import BaseModel
from consortia.partnerships.models import Partner, Partnership

NAME_MAX = 200
LOCATION_MAX = 300
RULES_MAX = 5_000
REASON_MAX = 1_000
PURPOSE_MAX = 500
# The weekdays, Monday first, as bits of Asset.open_days (Monday = 1, Sunday = 64).
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ALL_DAYS = 127
WORKING_DAYS = 31
# The name of the PostgreSQL exclusion constraint (migration 0002): services turn its
# violation into a 409.
NO_OVERLAP = "booking_no_overlap_approved"


class Asset(BaseModel):
    class Kind(models.TextChoices):
        ROOM = "room", "Room"
        DESK = "desk", "Desk"
        VEHICLE = "vehicle", "Vehicle"
        EQUIPMENT = "equipment", "Equipment"
        KITCHEN = "kitchen", "Kitchen"
        OTHER = "other", "Other"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="assets")
    owner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="assets")
    name = models.CharField(max_length=NAME_MAX)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.ROOM)
    location = models.CharField(max_length=LOCATION_MAX, blank=True)
    capacity = models.PositiveIntegerField(null=True, blank=True)  # people (or seats); none for a projector
    rules = models.TextField(max_length=RULES_MAX, blank=True)
    # Availability: the weekdays it is open (bits, Monday = 1) and one window on each.
    open_days = models.PositiveSmallIntegerField(default=WORKING_DAYS)
    opens_at = models.TimeField(default=datetime.time(9))
    closes_at = models.TimeField(default=datetime.time(17))
    approval_required = models.BooleanField(default=True)  # False: bookings are approved at once
    out_of_service = models.BooleanField(default=False)
    out_of_service_reason = models.TextField(max_length=REASON_MAX, blank=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__lt=models.F("closes_at")), name="asset_opens_before_close"
            ),
            models.CheckConstraint(
                condition=Q(open_days__gte=0, open_days__lte=ALL_DAYS), name="asset_days_valid"
            ),
            models.CheckConstraint(
                condition=Q(out_of_service=True) | Q(out_of_service_reason=""),
                name="asset_reason_only_if_out",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["room", "desk", "vehicle", "equipment", "kitchen", "other"]),
                name="asset_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_open_on(self, weekday: int) -> bool:
        """Open on `weekday` (Monday = 0)."""
        return bool(self.open_days & (1 << weekday))

    @property
    def open_day_names(self) -> list[str]:
        return [name for day, name in enumerate(WEEKDAYS) if self.is_open_on(day)]


class Booking(BaseModel):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for approval"
        APPROVED = "approved", "Approved"
        DECLINED = "declined", "Declined"
        CANCELLED = "cancelled", "Cancelled"

    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="bookings")
    # The asset's partnership, kept here so a partnership's bookings are one indexed read.
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="bookings")
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="bookings"
    )
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="bookings")  # for whom
    start = models.DateTimeField()
    end = models.DateTimeField()
    purpose = models.CharField(max_length=PURPOSE_MAX, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    decline_reason = models.TextField(max_length=REASON_MAX, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # When the hourly job counted the delivered booking in the contributions ledger.
    counted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["start", "pk"]
        indexes = [
            models.Index(fields=["asset", "status", "start"], name="booking_asset_status_start"),
            models.Index(fields=["partnership", "start"], name="booking_partnership_start"),
            models.Index(fields=["status", "end"], name="booking_status_end"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(start__lt=models.F("end")), name="booking_starts_before_end"),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "approved", "declined", "cancelled"]),
                name="booking_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""), name="booking_declined_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.asset.name}, {timezone.localtime(self.start):%-d %b %Y %H:%M}"

    @property
    def hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600
