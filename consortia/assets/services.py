"""Every change to a partnership's shared assets and their bookings: listing an
asset, changing it (out of service included), booking a slot, approving, declining
and cancelling a booking, and the hourly job that counts delivered bookings in the
contributions ledger (`bookings_count_delivered`, below).

Each service runs in one transaction, checks the actor's permission (rules.py;
missing and forbidden both answer 404 in the views), refuses a closed partnership,
checks its input before anything is written and writes exactly one event (none when
nothing changed).

No double booking: an approved booking's slot must not overlap another approved
booking of the same asset. `_refuse_overlap` checks it inside the service's
transaction. On SQLite every transaction is IMMEDIATE (settings.DATABASES OPTIONS),
so it holds the write lock from BEGIN and a second writer waits until the first has
committed, then sees its booking. On PostgreSQL two writers can both pass the check;
the exclusion constraint (migration 0002) refuses the second at write time, which
`_save_slot` turns into the same 409.
"""

import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from consortia.accounts.models import User
from consortia.contributions.services import entry_record
from consortia.core.errors import Conflict, ServiceError
from consortia.core.events import event_record
from consortia.core.services import assign, refuse_if_closed, require
from consortia.partnerships.credit import EVERY_ROLE, ROLE_RANK, credited_organisation
from consortia.partnerships.models import Partner, Partnership
from consortia.partnerships.rules import partners_of_user, speaks_for

from .models import (
    ALL_DAYS,
    LOCATION_MAX,
    NAME_MAX,
    NO_OVERLAP,
    PURPOSE_MAX,
    REASON_MAX,
    RULES_MAX,
    WEEKDAYS,
    Asset,
    Booking,
)

ADD = "assets.add_asset_in_partnership"
CHANGE = "assets.change_asset"
BOOK = "assets.book_asset"
DECIDE = "assets.decide_booking"
CANCEL = "assets.cancel_booking"

# Bookings are in the partnership's time zone (the site's, Europe/London).
ZONE = ZoneInfo(settings.TIME_ZONE)
# A booking longer than this is a typo (a week for an hour), not a plan.
MAX_LENGTH = datetime.timedelta(hours=24)
# Bookings are taken up to a year ahead.
HORIZON = datetime.timedelta(days=366)
MAX_CAPACITY = 100_000
EDITABLE = (
    "name",
    "kind",
    "location",
    "capacity",
    "rules",
    "open_days",
    "opens_at",
    "closes_at",
    "approval_required",
    "out_of_service",
    "out_of_service_reason",
)


# --- checks ---------------------------------------------------------------------------------


def _clean_text(value: str, label: str, field: str, limit: int, *, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ServiceError(f"Enter the {label}", field=field)
    if len(value) > limit:
        raise ServiceError(f"The {label} must be {limit:,} characters or fewer", field=field)
    return value


def _clean_asset(fields: dict[str, Any]) -> dict[str, Any]:
    fields["name"] = " ".join(_clean_text(fields["name"], "name", "name", NAME_MAX, required=True).split())
    fields["location"] = _clean_text(fields["location"], "location", "location", LOCATION_MAX)
    fields["rules"] = _clean_text(fields["rules"], "rules", "rules", RULES_MAX)
    if fields["kind"] not in Asset.Kind.values:
        raise ServiceError("Choose what kind of asset it is", field="kind")
    capacity = fields["capacity"]
    if capacity is not None and not (0 < capacity <= MAX_CAPACITY):
        raise ServiceError(f"The capacity must be between 1 and {MAX_CAPACITY:,}", field="capacity")
    if not (0 < fields["open_days"] <= ALL_DAYS):
        raise ServiceError("Choose at least one day it can be booked", field="open_days")
    if fields["opens_at"] >= fields["closes_at"]:
        raise ServiceError("It must open before it closes", field="closes_at")
    reason = _clean_text(fields["out_of_service_reason"], "reason", "out_of_service_reason", REASON_MAX)
    if fields["out_of_service"] and not reason:
        raise ServiceError("Say why it is out of service", field="out_of_service_reason")
    fields["out_of_service_reason"] = reason if fields["out_of_service"] else ""
    return fields


def _local(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(ZONE)


def _check_slot(asset: Asset, start: datetime.datetime, end: datetime.datetime) -> None:
    """The bad input every booking is refused for: 400 for a wrong slot, 409 for an
    asset out of service."""
    if timezone.is_naive(start) or timezone.is_naive(end):
        raise ServiceError("Give the times with their time zone", field="start")
    if end <= start:
        raise ServiceError("The end must be after the start", field="end")
    if end - start > MAX_LENGTH:
        raise ServiceError("A booking can be at most 24 hours long", field="end")
    now = timezone.now()
    if start < now:
        raise ServiceError("The start is in the past: choose a time from now on", field="start")
    if start > now + HORIZON:
        raise ServiceError("Bookings are taken up to a year ahead", field="start")
    if asset.out_of_service:
        raise Conflict(f"{asset.name} is out of service: {asset.out_of_service_reason}")
    first, last = _local(start), _local(end)
    hours = f"{asset.opens_at:%H:%M} to {asset.closes_at:%H:%M}"
    if first.date() != last.date():
        raise ServiceError(f"A booking must start and end on the same day ({hours})", field="end")
    if not asset.is_open_on(first.weekday()):
        days = ", ".join(asset.open_day_names)
        raise ServiceError(
            f"{asset.name} cannot be booked on a {WEEKDAYS[first.weekday()]}: only on {days}", field="start"
        )
    if first.time() < asset.opens_at or last.time() > asset.closes_at:
        raise ServiceError(f"{asset.name} can be booked from {hours} only", field="start")


def _refuse_overlap(
    asset: Asset, start: datetime.datetime, end: datetime.datetime, *, but: int | None
) -> None:
    taken = Booking.objects.filter(asset=asset, status=Booking.Status.APPROVED, start__lt=end, end__gt=start)
    if but is not None:
        taken = taken.exclude(pk=but)
    if taken.exists():
        raise Conflict(f"{asset.name} is already booked for part of that time: choose another slot.")


def _save_slot(booking: Booking, **save: Any) -> None:
    """Save an approved booking; PostgreSQL's exclusion constraint refusing it (a
    booking approved at the same moment by another transaction) is a 409."""
    try:
        with transaction.atomic():
            booking.save(**save)
    except IntegrityError as error:
        if NO_OVERLAP in str(error):
            raise Conflict(
                f"{booking.asset.name} was booked for part of that time a moment ago: choose another slot."
            ) from error
        raise


def _booking_partner(actor: User, partnership: Partnership, partner: Partner | None) -> Partner:
    """The partner the booking is for: the one given, which must be one of the actor's
    organisations taking an active part, or else the actor's highest-ranked one."""
    mine = [p for p in partners_of_user(actor, partnership) if p.role != "observer"]
    if partner is not None:
        if partner.pk not in {p.pk for p in mine}:
            raise ServiceError("Book for an organisation you belong to in this partnership", field="partner")
        return next(p for p in mine if p.pk == partner.pk)
    if not mine:
        raise ServiceError("Only members of the partner organisations can book", field="partner")
    return min(mine, key=lambda p: (ROLE_RANK[p.role], p.joined_at, p.pk))


def _payload(booking: Booking, **facts: Any) -> dict[str, Any]:
    """Who is told (notifications.py): the booker and the owner partner, by id."""
    return {
        "asset": str(booking.asset.uuid),
        "booked_by": booking.booked_by_id,
        "partner": booking.partner_id,
        "owner": booking.asset.owner_id,
        "start": booking.start.isoformat(),
        "end": booking.end.isoformat(),
        **facts,
    }


# --- assets ---------------------------------------------------------------------------------


@transaction.atomic
def asset_create(
    *,
    actor: User,
    partnership: Partnership,
    owner: Partner,
    name: str,
    kind: str = Asset.Kind.ROOM,
    location: str = "",
    capacity: int | None = None,
    rules: str = "",
    open_days: int = 31,
    opens_at: datetime.time = datetime.time(9),
    closes_at: datetime.time = datetime.time(17),
    approval_required: bool = True,
) -> Asset:
    """List an asset the owner partner lets the others book. The actor speaks for the
    owner (its admin or representative). 400 with the field when the input is wrong;
    one `asset.listed` event, credited to the owner."""
    require(ADD, actor, partnership)
    refuse_if_closed(partnership, "list assets in it")
    if owner.partnership_id != partnership.pk or owner.left_at is not None:
        raise ServiceError("Choose one of this partnership's partner organisations", field="owner")
    if owner.role == Partner.Role.OBSERVER or not speaks_for(actor, owner):
        raise ServiceError("List assets only for an organisation you speak for", field="owner")
    asset = Asset(partnership=partnership, owner=owner)
    fields = _clean_asset(
        dict(
            name=name,
            kind=kind,
            location=location,
            capacity=capacity,
            rules=rules,
            open_days=open_days,
            opens_at=opens_at,
            closes_at=closes_at,
            approval_required=approval_required,
            out_of_service=False,
            out_of_service_reason="",
        )
    )
    assign(asset, fields)
    asset.save()
    event_record(
        actor=actor,
        verb="asset.listed",
        obj=asset,
        organisation=owner.organisation,
        partnership=partnership,
        payload={"owner": owner.pk},
    )
    return asset


@transaction.atomic
def asset_update(*, actor: User, asset: Asset, **fields: Any) -> Asset:
    """Change an asset's details, availability, approval or service (out of service
    needs a reason). Bookings already made stay. One `asset.changed` event naming the
    fields that changed; none when nothing did."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"asset_update() got unexpected fields {sorted(unknown)}")
    require(CHANGE, actor, asset)
    refuse_if_closed(asset.partnership, "change its assets")
    new = _clean_asset({name: getattr(asset, name) for name in EDITABLE} | fields)
    changed = assign(asset, new)
    if not changed:
        return asset
    asset.save()
    event_record(
        actor=actor,
        verb="asset.changed",
        obj=asset,
        organisation=asset.owner.organisation,
        partnership=asset.partnership,
        payload={"owner": asset.owner_id, "changed": changed},
    )
    return asset


# --- bookings -------------------------------------------------------------------------------


@transaction.atomic
def booking_create(
    *,
    actor: User,
    asset: Asset,
    start: datetime.datetime,
    end: datetime.datetime,
    purpose: str = "",
    partner: Partner | None = None,
) -> Booking:
    """Book a slot of `asset` for one of the actor's partner organisations (the one
    given, else their highest-ranked). Refused with a message (nothing written): a
    slot in the past, too long, ending before it starts, outside the asset's hours
    (400), on an asset out of service or overlapping an approved booking (409). An
    asset that approves automatically approves it at once (`booking.made`);
    otherwise it waits for the owner (`booking.requested`) and holds no slot."""
    partnership = asset.partnership
    require(BOOK, actor, asset)
    refuse_if_closed(partnership, "book its assets")
    partner = _booking_partner(actor, partnership, partner)
    purpose = _clean_text(purpose, "purpose", "purpose", PURPOSE_MAX)
    _check_slot(asset, start, end)
    _refuse_overlap(asset, start, end, but=None)
    automatic = not asset.approval_required
    booking = Booking(
        asset=asset,
        partnership=partnership,
        booked_by=actor,
        partner=partner,
        start=start,
        end=end,
        purpose=purpose,
        status=Booking.Status.APPROVED if automatic else Booking.Status.PENDING,
    )
    if automatic:
        booking.decided_at = timezone.now()
    booking.full_clean()
    _save_slot(booking)
    event_record(
        actor=actor,
        verb="booking.made" if automatic else "booking.requested",
        obj=booking,
        organisation=partner.organisation,
        partnership=partnership,
        payload=_payload(booking),
    )
    return booking


def _locked_pending(booking: Booking, doing: str) -> None:
    """Lock the booking's row: two owners deciding at once get one decision and one 409."""
    locked = Booking.objects.select_for_update().get(pk=booking.pk)
    if locked.status != Booking.Status.PENDING:
        raise Conflict(f"This booking is {locked.get_status_display().lower()}: it cannot be {doing}.")


@transaction.atomic
def booking_approve(*, actor: User, booking: Booking) -> Booking:
    """Approve a pending booking (someone who speaks for the asset's owner). 409 when
    it is no longer pending, when its start has passed, when the asset is out of
    service, or when an approved booking now holds part of its slot. One
    `booking.approved` event, for the booker."""
    asset = booking.asset
    require(DECIDE, actor, booking)
    refuse_if_closed(booking.partnership, "book its assets")
    _locked_pending(booking, "approved")
    if booking.start < timezone.now():
        raise Conflict("This booking's start has passed: it can only be declined.")
    if asset.out_of_service:
        raise Conflict(f"{asset.name} is out of service: {asset.out_of_service_reason}")
    _refuse_overlap(asset, booking.start, booking.end, but=booking.pk)
    booking.status, booking.decided_by, booking.decided_at = Booking.Status.APPROVED, actor, timezone.now()
    _save_slot(booking, update_fields=["status", "decided_by", "decided_at", "updated_at"])
    event_record(
        actor=actor,
        verb="booking.approved",
        obj=booking,
        organisation=asset.owner.organisation,
        partnership=booking.partnership,
        payload=_payload(booking),
    )
    return booking


@transaction.atomic
def booking_decline(*, actor: User, booking: Booking, reason: str) -> Booking:
    """Decline a pending booking, saying why (required). 409 when it is no longer
    pending. One `booking.declined` event, for the booker."""
    reason = _clean_text(reason, "reason", "reason", REASON_MAX)
    if not reason:
        raise ServiceError("Say why the booking is declined", field="reason")
    require(DECIDE, actor, booking)
    refuse_if_closed(booking.partnership, "book its assets")
    _locked_pending(booking, "declined")
    booking.status, booking.decline_reason = Booking.Status.DECLINED, reason
    booking.decided_by, booking.decided_at = actor, timezone.now()
    booking.save(update_fields=["status", "decline_reason", "decided_by", "decided_at", "updated_at"])
    event_record(
        actor=actor,
        verb="booking.declined",
        obj=booking,
        organisation=booking.asset.owner.organisation,
        partnership=booking.partnership,
        payload=_payload(booking, reason=reason),
    )
    return booking


@transaction.atomic
def booking_cancel(*, actor: User, booking: Booking) -> Booking:
    """Cancel a pending or approved booking that has not ended (whoever made it, the
    booking partner's or the owner's admins and representatives): its slot is free
    again. 409 when it is already declined, cancelled or over. One
    `booking.cancelled` event, for the booker and the owner."""
    require(CANCEL, actor, booking)
    refuse_if_closed(booking.partnership, "book its assets")
    locked = Booking.objects.select_for_update().get(pk=booking.pk)
    if locked.status not in (Booking.Status.PENDING, Booking.Status.APPROVED):
        raise Conflict(f"This booking is already {locked.get_status_display().lower()}.")
    if locked.end <= timezone.now():
        raise Conflict("This booking is over: it cannot be cancelled.")
    booking.status = Booking.Status.CANCELLED
    booking.save(update_fields=["status", "updated_at"])
    event_record(
        actor=actor,
        verb="booking.cancelled",
        obj=booking,
        organisation=credited_organisation(actor, booking.partnership, roles=EVERY_ROLE),
        partnership=booking.partnership,
        payload=_payload(booking),
    )
    return booking


# --- the ledger -----------------------------------------------------------------------------
#
# Each delivered booking (approved, its end passed) counts in the contributions ledger
# as in-kind value for the asset's owner: hours of premises (rooms, desks, kitchens,
# other) or of equipment (vehicles, equipment), valued by the partnership's rate card
# on the day it ended. The hourly job (settings.SCHEDULED_TASKS) records one entry per
# booking, with the source key "assets.booking:<pk>", so the ledger itself refuses a
# second entry for a booking (entry_record returns the one already there), and marks
# the booking counted so the next run does not look at it again. A run that fails part
# way writes nothing (one transaction); a second run at the same moment waits on the
# row locks, then finds nothing left to count.

CATEGORY = {
    Asset.Kind.VEHICLE: "equipment",
    Asset.Kind.EQUIPMENT: "equipment",
}
PREMISES = "premises"
SOURCE = "assets.booking:"


def ledger_category(asset: Asset) -> str:
    """The contributions category an asset's hours count in."""
    return CATEGORY.get(Asset.Kind(asset.kind), PREMISES)


def booking_source_key(booking: Booking) -> str:
    """The ledger entry's source key for a booking: "assets.booking:<pk>"."""
    return f"{SOURCE}{booking.pk}"


def _count_in_ledger(booking: Booking) -> None:
    """Record one delivered booking in the contributions ledger (idempotent by its
    source key)."""
    hours = (Decimal((booking.end - booking.start).total_seconds()) / 3600).quantize(Decimal("0.01"))
    entry_record(
        actor=None,
        partnership=booking.partnership,
        partner=booking.asset.owner,
        category=ledger_category(booking.asset),
        unit="hours",
        quantity=hours,
        on=_local(booking.end).date(),
        note=f"{booking.asset.name} booked by {booking.partner.organisation.name}",
        source_key=booking_source_key(booking),
    )


@task()
def bookings_count_delivered() -> int:
    """Count every delivered booking not yet counted in the contributions ledger (see
    the comment above). Returns how many were counted."""
    now = timezone.now()
    with transaction.atomic():
        due = list(
            Booking.objects.select_for_update(of=("self",))
            .select_related("partnership", "asset__owner", "partner__organisation")
            .filter(status=Booking.Status.APPROVED, end__lte=now, counted_at__isnull=True)
            .order_by("pk")
        )
        for booking in due:
            _count_in_ledger(booking)
        Booking.objects.filter(pk__in=[b.pk for b in due]).update(counted_at=now)
    return len(due)
