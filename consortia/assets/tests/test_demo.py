"""The demo partnership's shared assets: the pharmacy's consultation room (the pharmacy
approves) and the carers centre's minibus (automatic), with delivered bookings and
bookings to come, one waiting for approval."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from consortia.assets.models import Asset, Booking
from consortia.contributions.models import Entry

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_room_and_a_minibus_with_bookings(client):
    call_command("demo")

    room, minibus = Asset.objects.get(name="Consultation room"), Asset.objects.get(name="Minibus")
    assert room.approval_required and not minibus.approval_required
    assert room.owner.organisation.name == "Eastbridge Pharmacy"
    assert minibus.owner.organisation.name == "Northshire Carers Centre"
    now = timezone.now()
    assert Booking.objects.filter(status="approved", end__lt=now).count() == 3
    assert Booking.objects.filter(status="approved", start__gt=now).count() == 2
    pending = Booking.objects.get(status="pending")
    assert pending.asset == room
    counted = Entry.objects.filter(source_key__startswith="assets.booking:")
    assert sorted(e.partner.organisation.name for e in counted) == ["Eastbridge Pharmacy"] * 2 + [
        "Northshire Carers Centre"
    ]

    client.force_login(room.owner.organisation.memberships.get(role="admin").user)
    page = client.get(reverse("assets:list", args=[room.partnership.uuid]))
    assert page.status_code == 200 and "Waiting for your approval" in page.content.decode()
