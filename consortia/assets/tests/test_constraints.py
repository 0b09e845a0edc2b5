"""The database holds the booking invariants even against a write that skips the
services: a booking ends after it starts, a declined one has its reason, and on
PostgreSQL no two approved bookings of one asset overlap (the exclusion constraint of
migration 0002; SQLite has no such constraint, and the migration leaves it alone)."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction

from consortia.assets.models import NO_OVERLAP
from consortia.core.factories import AssetFactory, BookingFactory, next_weekday_at

pytestmark = pytest.mark.django_db

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's exclusion constraint"
)


def test_a_booking_ends_after_it_starts(world):
    start = next_weekday_at(10)
    with pytest.raises(IntegrityError), transaction.atomic():
        BookingFactory(start=start, end=start)


def test_a_declined_booking_has_its_reason(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        BookingFactory(status="declined", decline_reason="")


def test_an_asset_opens_before_it_closes(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        AssetFactory(opens_at=datetime.time(17), closes_at=datetime.time(9))


@on_postgres
def test_postgres_refuses_two_overlapping_approved_bookings(world):
    asset = AssetFactory()
    start = next_weekday_at(10)
    BookingFactory(asset=asset, status="approved", start=start, end=start + datetime.timedelta(hours=2))
    with pytest.raises(IntegrityError, match=NO_OVERLAP), transaction.atomic():
        BookingFactory(asset=asset, status="approved", start=start + datetime.timedelta(hours=1))


@on_postgres
def test_postgres_allows_overlap_when_pending_adjacent_or_another_asset(world):
    asset = AssetFactory()
    start = next_weekday_at(10)
    hour = datetime.timedelta(hours=1)
    BookingFactory(asset=asset, status="approved", start=start, end=start + hour)
    BookingFactory(asset=asset, status="pending", start=start, end=start + hour)
    BookingFactory(asset=asset, status="approved", start=start + hour, end=start + 2 * hour)  # [) ranges
    BookingFactory(asset=AssetFactory(partnership=asset.partnership), status="approved", start=start)


def test_the_exclusion_constraint_exists_only_on_postgres(world):
    with connection.cursor() as cursor:
        names = connection.introspection.get_constraints(cursor, "assets_booking")
    assert (NO_OVERLAP in names) == (connection.vendor == "postgresql")
