"""The exchanges pages end to end: an admin proposes through the form, the other
side's admin sees the button to agree for their organisation, both agree, people are
named, it is completed and the person on it reflects; refusals show their message."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.core.testing import text
from consortia.exchanges.models import Exchange, Reflection

from .conftest import make_past

pytestmark = pytest.mark.django_db


def test_a_whole_exchange_through_the_pages(world, client_for):
    p = world.partnership.uuid
    convener, core, member = (
        client_for("convener_admin"),
        client_for("partner_admin"),
        client_for("partner_member"),
    )
    start = timezone.localdate() + timedelta(days=5)
    response = convener.post(reverse("exchanges:create", args=[p]), {
        "kind": "visit", "direction": "offered", "title": "A visit to the duty team",
        "host": str(world.convener_org.uuid), "sender": str(world.core_org.uuid),
        "starts_on": start.isoformat(), "ends_on": start.isoformat(), "people": "1",
        "dbs_needed": "on", "dbs_confirmer": "host", "host_staff_hours": "3",
    })  # fmt: skip
    exchange = Exchange.objects.get()
    page = reverse("exchanges:detail", args=[p, exchange.uuid])
    assert response.status_code == 302 and response["Location"] == page
    assert "Agree for Core Org" in text(core.get(page))
    assert "Agree for" not in text(member.get(page))

    assert (
        core.post(reverse("exchanges:agree", args=[p, exchange.uuid]), {"side": "sender"}).status_code == 302
    )
    assert (
        convener.post(reverse("exchanges:agree", args=[p, exchange.uuid]), {"side": "host"}).status_code
        == 302
    )
    assert convener.post(reverse("exchanges:dbs_confirm", args=[p, exchange.uuid])).status_code == 302
    named = core.post(
        reverse("exchanges:participant_add", args=[p, exchange.uuid]),
        {"user": str(world.users["partner_member"].uuid)},
    )
    assert named.status_code == 302
    exchange.refresh_from_db()
    assert exchange.status == "confirmed"

    make_past(exchange)
    assert core.post(reverse("exchanges:complete", args=[p, exchange.uuid])).status_code == 302
    assert "Write my reflection" in text(member.get(page))
    member.post(reverse("exchanges:reflect", args=[p, exchange.uuid]), {"surprised": "x", "differently": "y"})
    assert Reflection.objects.get().author == world.users["partner_member"]
    assert "What surprised me" in text(client_for("observer").get(page))


def test_a_refused_proposal_shows_the_message_and_writes_nothing(world, client_for):
    start = timezone.localdate() + timedelta(days=5)
    response = client_for("convener_admin").post(reverse("exchanges:create", args=[world.partnership.uuid]), {
        "kind": "visit", "direction": "offered", "title": "Backwards",
        "host": str(world.convener_org.uuid), "sender": str(world.core_org.uuid),
        "starts_on": start.isoformat(), "ends_on": (start - timedelta(days=1)).isoformat(), "people": "1",
    })  # fmt: skip

    assert response.status_code == 400
    assert "must end on or after the day it starts" in text(response)
    assert not Exchange.objects.exists()


def test_completing_too_early_shows_why(world, client_for, exchange):
    now = timezone.now()
    exchange.host_agreed_at = exchange.sender_agreed_at = now
    exchange.status = "confirmed"
    exchange.save()

    response = client_for("partner_admin").post(
        reverse("exchanges:complete", args=[world.partnership.uuid, exchange.uuid])
    )

    assert response.status_code == 409
    assert "complete it then" in text(response)
