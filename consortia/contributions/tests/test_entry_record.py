"""entry_record, the one writer of ledger entries: valuing by the rate card, money and
in kind, automatic entries and their source keys, who may record, and each bad input
refused with its field and nothing written."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from consortia.contributions.models import Entry
from consortia.contributions.services import entry_record
from consortia.core.errors import Conflict, ServiceError
from consortia.core.factories import PartnerFactory, PledgeFactory, RateFactory
from consortia.core.models import Event
from consortia.core.testing import snapshot

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _record(world, persona="partner_admin", *, partner=None, **kwargs):
    kwargs.setdefault("category", "volunteer_time")
    kwargs.setdefault("unit", "hours")
    kwargs.setdefault("quantity", Decimal("4"))
    kwargs.setdefault("on", TODAY())
    return entry_record(
        actor=world.users[persona] if persona else None,
        partnership=world.partnership,
        partner=partner or world.core_partner,
        **kwargs,
    )


def test_it_values_an_in_kind_entry_at_the_rate_in_force(world):
    RateFactory(partnership=world.partnership, rate_gbp=Decimal("12.50"))

    entry = _record(world, quantity=Decimal("3.5"), note="Stall at the fair")

    assert entry.kind == Entry.Kind.IN_KIND
    assert entry.rate_gbp == Decimal("12.50") and entry.value_gbp == Decimal("43.75")
    assert entry.created_by == world.users["partner_admin"] and entry.note == "Stall at the fair"
    event = Event.objects.get(verb="contribution.recorded")
    assert event.organisation == world.core_org and event.partnership == world.partnership
    assert event.payload["partner"] == world.core_partner.pk and "automatic" not in event.payload


def test_it_records_cash_as_money_at_par(world):
    entry = _record(world, category="funding", unit="gbp", quantity=Decimal("250.00"))

    assert entry.kind == Entry.Kind.MONEY
    assert entry.rate_gbp == 1 and entry.value_gbp == Decimal("250.00")


def test_it_values_an_entry_without_a_rate_at_nothing(world):
    entry = _record(world, category="expertise", unit="sessions", quantity=Decimal("2"))

    assert entry.kind == Entry.Kind.IN_KIND and entry.rate_gbp == 0 and entry.value_gbp == 0


def test_it_rounds_the_value_to_pence(world):
    RateFactory(partnership=world.partnership, rate_gbp=Decimal("12.33"))

    assert _record(world, quantity=Decimal("0.25")).value_gbp == Decimal("3.08")


def test_it_records_for_the_system_without_an_actor_and_once_per_source_key(world):
    first = _record(world, None, source_key="assets.booking:17")
    before = snapshot()

    again = _record(world, None, source_key="assets.booking:17", quantity=Decimal("9"))

    assert again.pk == first.pk and snapshot() == before
    assert first.created_by is None
    assert Event.objects.get(verb="contribution.recorded").payload["automatic"] is True


def test_it_keeps_source_keys_apart_between_partnerships(world):
    other = PartnerFactory()
    _record(world, None, source_key="training.place:5")

    entry = entry_record(
        actor=None,
        partnership=other.partnership,
        partner=other,
        category="training",
        unit="places",
        quantity=Decimal("1"),
        on=TODAY(),
        source_key="training.place:5",
    )

    assert entry.partnership == other.partnership


def test_it_records_against_a_pledge_of_the_same_partner(world):
    pledge = PledgeFactory(partner=world.core_partner, category="volunteer_time", unit="hours")

    assert _record(world, pledge=pledge).pledge == pledge


def test_the_conveners_admin_records_for_any_partner(world):
    entry = _record(world, "convener_admin", partner=world.core_partner)

    assert entry.partner == world.core_partner
    assert Event.objects.get(verb="contribution.recorded").organisation == world.core_org


@pytest.mark.parametrize("persona", ["partner_member", "observer", "participant", "outsider", "site_admin"])
def test_it_refuses_whoever_does_not_speak_for_the_partner(world, persona):
    before = snapshot()

    with pytest.raises(PermissionDenied):
        _record(world, persona)

    assert snapshot() == before


def test_a_partner_admin_does_not_record_for_another_partner(world):
    with pytest.raises(PermissionDenied):
        _record(world, "partner_admin", partner=world.convener_partner)


def test_it_refuses_a_closed_partnership(world):
    world.partnership.status = "closed"
    world.partnership.save()

    with pytest.raises(Conflict, match="has closed"):
        _record(world)


def test_the_system_still_records_what_was_delivered_before_the_close(world):
    world.partnership.status = "closed"
    world.partnership.save()

    assert _record(world, None, source_key="assets.booking:1").pk


BAD = {
    "zero": ({"quantity": Decimal("0")}, "quantity", "more than zero"),
    "negative": ({"quantity": Decimal("-3")}, "quantity", "more than zero"),
    "not a number": ({"quantity": "lots"}, "quantity", "as a number"),
    "infinite": ({"quantity": Decimal("Infinity")}, "quantity", "as a number"),
    "three places": ({"quantity": Decimal("1.005")}, "quantity", "two decimal places"),
    "too big": ({"quantity": Decimal("2000000000")}, "quantity", "or less"),
    "another currency": ({"category": "funding", "unit": "usd"}, "unit", "GBP"),
    "unit unfit": ({"category": "premises", "unit": "gbp"}, "unit", "For premises"),
    "funding in hours": ({"category": "funding", "unit": "hours"}, "unit", "choose £"),
    "unknown category": ({"category": "love"}, "category", "category"),
    "future": ({"on": TODAY() + datetime.timedelta(days=1)}, "on", "future"),
    "no date": ({"on": None}, "on", "date"),
    "long note": ({"note": "x" * 2001}, "note", "characters or fewer"),
    "long key": ({"source_key": "k" * 101}, "source_key", "characters or fewer"),
}


@pytest.mark.parametrize("bad", list(BAD), ids=list(BAD))
def test_it_refuses_bad_input_and_writes_nothing(world, bad):
    kwargs, field, message = BAD[bad]
    before = snapshot()

    with pytest.raises(ServiceError, match=message) as refused:
        _record(world, **kwargs)

    assert refused.value.field == field and refused.value.status_code == 400
    assert snapshot() == before


def test_it_refuses_another_partners_pledge(world):
    pledge = PledgeFactory(partner=world.convener_partner, category="volunteer_time", unit="hours")

    with pytest.raises(ServiceError, match="this partner's pledges") as refused:
        _record(world, pledge=pledge)
    assert refused.value.field == "pledge"


def test_it_refuses_a_pledge_in_another_category_or_unit(world):
    pledge = PledgeFactory(partner=world.core_partner, category="premises", unit="hours")

    with pytest.raises(ServiceError, match="same category and unit"):
        _record(world, pledge=pledge)


def test_it_refuses_another_partnerships_partner(world):
    stranger = PartnerFactory()

    with pytest.raises(ServiceError, match="this partnership's partners") as refused:
        _record(world, None, partner=stranger)
    assert refused.value.field == "partner"
    assert not Entry.objects.exists()
