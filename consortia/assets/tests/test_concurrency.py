"""No double booking, proved with real threads on real connections, on SQLite and on
PostgreSQL: two bookings of overlapping slots of an automatic asset at once, and two
approvals of overlapping pending bookings at once, give one approved booking and one
409. On SQLite the check runs inside an IMMEDIATE transaction (the second writer waits
for the first to commit, then sees its booking); on PostgreSQL the exclusion
constraint refuses the second writer, which the service turns into the same 409."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from consortia.accounts.models import User
from consortia.assets import services
from consortia.assets.models import Asset, Booking
from consortia.core.factories import AssetFactory, BookingFactory, next_weekday_at
from consortia.core.models import Event
from consortia.core.testing import one_success_one_conflict, run_at_once

pytestmark = pytest.mark.django_db(transaction=True)


def booking(asset_pk: int, user_pk: int, start: datetime.datetime):
    def prepare():
        asset = Asset.objects.select_related("partnership", "owner__organisation").get(pk=asset_pk)
        user = User.objects.get(pk=user_pk)
        return lambda: services.booking_create(
            actor=user, asset=asset, start=start, end=start + datetime.timedelta(hours=2)
        )

    return prepare


def approval(booking_pk: int, user_pk: int):
    def prepare():
        found = Booking.objects.select_related("partnership", "asset__owner__organisation").get(pk=booking_pk)
        user = User.objects.get(pk=user_pk)
        return lambda: services.booking_approve(actor=user, booking=found)

    return prepare


def test_two_bookings_of_overlapping_slots_at_once_give_one_booking_and_one_409(world):
    asset = AssetFactory(partnership=world.partnership, owner=world.convener_partner, approval_required=False)
    start = next_weekday_at(10)

    results = run_at_once(
        booking(asset.pk, world.users["partner_member"].pk, start),
        booking(asset.pk, world.users["partner_admin"].pk, start + datetime.timedelta(hours=1)),
    )

    one_success_one_conflict(results)
    assert Booking.objects.filter(status="approved").count() == 1
    assert Event.objects.filter(verb="booking.made").count() == 1


def test_two_approvals_of_overlapping_bookings_at_once_give_one_approval_and_one_409(world):
    asset = AssetFactory(partnership=world.partnership, owner=world.convener_partner)
    start = next_weekday_at(10)
    first = BookingFactory(asset=asset, partner=world.core_partner, start=start)
    second = BookingFactory(
        asset=asset, partner=world.core_partner, start=start + datetime.timedelta(minutes=30)
    )
    admin = world.users["convener_admin"]

    results = run_at_once(approval(first.pk, admin.pk), approval(second.pk, admin.pk))

    one_success_one_conflict(results)
    assert Booking.objects.filter(status="approved").count() == 1
    assert Booking.objects.filter(status="pending").count() == 1
    assert Event.objects.filter(verb="booking.approved").count() == 1


def test_two_approvals_of_one_booking_at_once_give_one_approval(world):
    asset = AssetFactory(partnership=world.partnership, owner=world.convener_partner)
    pending = BookingFactory(asset=asset, partner=world.core_partner)
    admin = world.users["convener_admin"]

    results = run_at_once(approval(pending.pk, admin.pk), approval(pending.pk, admin.pk))

    one_success_one_conflict(results)
    assert Event.objects.filter(verb="booking.approved").count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's exclusion constraint")
def test_on_postgres_the_constraint_alone_refuses_the_second_booking(world, monkeypatch):
    """Without the services' own check, the database still lets only one through."""
    monkeypatch.setattr(services, "_refuse_overlap", lambda *args, **kwargs: None)
    asset = AssetFactory(partnership=world.partnership, owner=world.convener_partner, approval_required=False)
    start = next_weekday_at(10)

    results = run_at_once(
        booking(asset.pk, world.users["partner_member"].pk, start),
        booking(asset.pk, world.users["partner_admin"].pk, start + datetime.timedelta(hours=1)),
    )

    one_success_one_conflict(results)
    assert Booking.objects.filter(status="approved").count() == 1


def test_two_runs_of_the_ledger_job_at_once_count_each_booking_once(world):
    from consortia.assets.services import bookings_count_delivered
    from consortia.contributions.models import Entry

    asset = AssetFactory(partnership=world.partnership, owner=world.convener_partner)
    end = timezone.now() - datetime.timedelta(hours=1)
    for hours in (2, 4):
        BookingFactory(
            asset=asset,
            partner=world.core_partner,
            start=end - datetime.timedelta(hours=hours + 24 * hours),
            end=end - datetime.timedelta(hours=24 * hours),
            status="approved",
        )

    def run():
        return lambda: bookings_count_delivered.call()

    results = run_at_once(run, run)

    assert sorted(results) == [0, 2], results
    assert Entry.objects.filter(source_key__startswith="assets.booking:").count() == 2
