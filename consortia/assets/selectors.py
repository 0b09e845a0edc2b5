"""Reads for the asset pages, the week views, the calendar feed and the fair-shares
page (bookings_used_by_partner). Each is one query (or none), whatever the number of
bookings."""

import datetime
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils import timezone

from consortia.accounts.models import User
from consortia.calendars.registry import member_partnerships
from consortia.contributions.models import Entry
from consortia.partnerships.models import Partnership
from consortia.partnerships.rules import active_partners, speaks_for

from .models import Asset, Booking
from .weeks import week_bounds

# Bookings that show on a week view and hold (approved) or ask for (pending) a slot.
SHOWN = (Booking.Status.PENDING, Booking.Status.APPROVED)
# The calendar feed carries approved bookings that ended at most this long ago.
FEED_PAST = datetime.timedelta(days=30)
SOURCE = "assets.booking:"


def _with_related(bookings: QuerySet[Booking]) -> QuerySet[Booking]:
    return bookings.select_related("asset", "partner__organisation", "booked_by")


def asset_list(partnership: Partnership) -> list[Asset]:
    """The partnership's assets with their owners' organisations, by name (one query)."""
    return list(partnership.assets.select_related("owner__organisation"))


def week_bookings(
    partnership: Partnership, monday: datetime.date, *, asset: Asset | None = None
) -> list[Booking]:
    """The pending and approved bookings starting in the week from `monday` (local
    time), of one asset or of all the partnership's, by start, with their assets,
    partners' organisations and bookers (one query)."""
    start, end = week_bounds(monday)
    bookings = partnership.bookings.filter(status__in=SHOWN, start__gte=start, start__lt=end)
    if asset is not None:
        bookings = bookings.filter(asset=asset)
    return list(_with_related(bookings).order_by("start", "pk"))


def bookings_to_decide(user: User | AnonymousUser, partnership: Partnership) -> list[Booking]:
    """The pending bookings, not yet started, of the assets of partners the user
    speaks for: what they are to approve or decline (one query; none when they speak
    for no owner)."""
    owners = [p.pk for p in active_partners(partnership) if speaks_for(user, p)]
    if not owners:
        return []
    pending = partnership.bookings.filter(
        status=Booking.Status.PENDING, asset__owner_id__in=owners, start__gte=timezone.now()
    )
    return list(_with_related(pending).order_by("start", "pk"))


def my_bookings(user: User | AnonymousUser, partnership: Partnership) -> list[Booking]:
    """The user's own pending and approved bookings in the partnership that have not
    ended (one query)."""
    if not user.is_authenticated:
        return []
    mine = partnership.bookings.filter(booked_by=user, status__in=SHOWN, end__gt=timezone.now())
    return list(_with_related(mine).order_by("start", "pk"))


def bookings_for_feed(user: User) -> QuerySet[Booking]:
    """The approved bookings of the partnerships the user is in now, from a month
    ago on: the calendar feed's booking entries (one query)."""
    return (
        _with_related(Booking.objects.filter(status=Booking.Status.APPROVED))
        .select_related("partnership")
        .filter(partnership__in=member_partnerships(user), end__gte=timezone.now() - FEED_PAST)
        .order_by("start", "pk")
    )


def bookings_used_by_partner(partnership: Partnership) -> dict[int, Decimal]:
    """The £ value of the delivered bookings each partner made (benefits received), by
    the BOOKING partner's id: the sum of the ledger entries the hourly job recorded
    for them (source key "assets.booking:<pk>"), so it is the rate card's value on
    the day each booking ended, the same as the owner's contribution. A booking not
    yet counted by the job adds nothing yet. Two queries."""
    values: dict[int, Decimal] = {}
    for key, value in Entry.objects.filter(
        partnership=partnership, source_key__startswith=SOURCE
    ).values_list("source_key", "value_gbp"):
        values[int(key.removeprefix(SOURCE))] = value or Decimal(0)
    used: dict[int, Decimal] = {}
    for pk, partner_id in Booking.objects.filter(pk__in=list(values)).values_list("pk", "partner_id"):
        used[partner_id] = used.get(partner_id, Decimal(0)) + values[pk]
    return {partner: total.quantize(Decimal("0.01")) for partner, total in used.items()}
