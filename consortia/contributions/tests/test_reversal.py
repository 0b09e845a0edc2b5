"""entry_reverse: a correction is a new entry with the quantity and value negated at
the same rate, linked to the one it reverses, with a reason; an entry is reversed
once, a reversal never; only who may record for the entry's partner reverses it."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from consortia.contributions.models import Entry
from consortia.contributions.services import entry_reverse
from consortia.core.errors import Conflict, ServiceError
from consortia.core.factories import PledgeFactory, RateFactory, entry_for
from consortia.core.models import Event
from consortia.core.testing import snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(world):
    RateFactory(partnership=world.partnership, rate_gbp=Decimal("12.50"))
    pledge = PledgeFactory(partner=world.core_partner, category="volunteer_time", unit="hours")
    return entry_for(world.core_partner, quantity="3", pledge=pledge, note="Fair")


def test_it_reverses_an_entry_with_a_reason(world, entry):
    reversal = entry_reverse(actor=world.users["partner_admin"], entry=entry, reason="  Counted twice ")

    assert reversal.reverses == entry and reversal.reason == "Counted twice"
    assert (reversal.quantity, reversal.value_gbp, reversal.rate_gbp) == (
        Decimal("-3"),
        Decimal("-37.50"),
        Decimal("12.50"),
    )
    assert (reversal.partner, reversal.category, reversal.unit, reversal.kind, reversal.pledge) == (
        entry.partner,
        entry.category,
        entry.unit,
        entry.kind,
        entry.pledge,
    )
    assert reversal.on == timezone.localdate() and reversal.created_by == world.users["partner_admin"]
    event = Event.objects.get(verb="contribution.reversed")
    assert event.organisation == world.core_org and event.payload["partner"] == world.core_partner.pk
    assert Entry.objects.get(pk=entry.pk).reversed_by == reversal


def test_it_refuses_to_reverse_twice_or_to_reverse_a_reversal(world, entry):
    reversal = entry_reverse(actor=world.users["partner_admin"], entry=entry, reason="Counted twice")
    before = snapshot()

    with pytest.raises(Conflict, match="already been reversed"):
        entry_reverse(actor=world.users["convener_admin"], entry=entry, reason="Again")
    with pytest.raises(Conflict, match="itself a reversal"):
        entry_reverse(actor=world.users["convener_admin"], entry=reversal, reason="Undo")
    assert snapshot() == before


@pytest.mark.parametrize("reason", ["", "   ", "x" * 1001], ids=["empty", "blank", "too long"])
def test_it_refuses_a_reversal_without_a_fitting_reason(world, entry, reason):
    before = snapshot()

    with pytest.raises(ServiceError) as refused:
        entry_reverse(actor=world.users["partner_admin"], entry=entry, reason=reason)

    assert refused.value.field == "reason" and snapshot() == before


@pytest.mark.parametrize("persona", ["partner_member", "observer", "participant", "outsider", "site_admin"])
def test_only_who_records_for_the_partner_reverses(world, entry, persona):
    with pytest.raises(PermissionDenied):
        entry_reverse(actor=world.users[persona], entry=entry, reason="Mine")


def test_a_partner_admin_does_not_reverse_another_partners_entry(world):
    theirs = entry_for(world.convener_partner, category="funding", unit="gbp", quantity="5")

    with pytest.raises(PermissionDenied):
        entry_reverse(actor=world.users["partner_admin"], entry=theirs, reason="Not ours")


def test_a_closed_partnership_is_not_corrected(world, entry):
    world.partnership.status = "closed"
    world.partnership.save()

    with pytest.raises(Conflict, match="has closed"):
        entry_reverse(actor=world.users["convener_admin"], entry=entry, reason="Late")
