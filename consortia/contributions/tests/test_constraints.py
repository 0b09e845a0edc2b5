"""The database holds the shape of every entry and rate, whatever writes it (a shell,
a bulk insert): the sign of quantity and value, the reason of a reversal, money vs in
kind, £ at par, units that fit their category, one entry per source key, one reversal
per entry, one rate per day."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from consortia.contributions.models import Entry, Rate
from consortia.core.factories import RateFactory, entry_for

pytestmark = pytest.mark.django_db


def _insert(world, **fields):
    row = {
        "partnership": world.partnership,
        "partner": world.core_partner,
        "category": "volunteer_time",
        "unit": "hours",
        "quantity": Decimal("2"),
        "on": timezone.localdate(),
        "kind": "in_kind",
        "rate_gbp": Decimal("12.50"),
        "value_gbp": Decimal("25.00"),
    } | fields
    with transaction.atomic():
        Entry.objects.bulk_create([Entry(**row)])


def test_a_well_formed_row_is_accepted(world):
    _insert(world)
    assert Entry.objects.count() == 1


BAD = {
    "zero quantity": {"quantity": Decimal("0"), "value_gbp": Decimal("0")},
    "negative quantity": {"quantity": Decimal("-2"), "value_gbp": Decimal("0")},
    "negative value": {"value_gbp": Decimal("-1")},
    "negative rate": {"rate_gbp": Decimal("-1")},
    "reason without reversal": {"reason": "Because"},
    "cash as in kind": {"category": "funding", "unit": "gbp", "rate_gbp": 1, "value_gbp": Decimal("2")},
    "in kind as money": {"kind": "money"},
    "pounds not at par": {
        "category": "finance",
        "unit": "gbp",
        "rate_gbp": Decimal("2"),
        "value_gbp": Decimal("4"),
    },
    "unit unfit": {"category": "premises", "unit": "places"},
    "unknown unit": {"unit": "usd"},
    "unknown category": {"category": "love"},
    "unknown kind": {"kind": "favours"},
}


@pytest.mark.parametrize("bad", list(BAD), ids=list(BAD))
def test_the_database_refuses_a_malformed_entry(world, bad):
    with pytest.raises(IntegrityError):
        _insert(world, **BAD[bad])
    assert not Entry.objects.exists()


def test_a_reversal_needs_a_reason_and_a_negative_quantity(world):
    entry = entry_for(world.core_partner, quantity="2")
    mirror = {
        "reverses": entry,
        "quantity": -entry.quantity,
        "value_gbp": -entry.value_gbp,
        "rate_gbp": entry.rate_gbp,
    }

    with pytest.raises(IntegrityError):
        _insert(world, **mirror)  # no reason
    with pytest.raises(IntegrityError):
        _insert(world, **mirror | {"reason": "Wrong", "quantity": entry.quantity})  # positive


def test_an_entry_is_reversed_once(world):
    entry = entry_for(world.core_partner, quantity="2")
    mirror = {
        "reverses": entry,
        "quantity": -entry.quantity,
        "value_gbp": -entry.value_gbp,
        "rate_gbp": entry.rate_gbp,
    }
    _insert(world, **mirror | {"reason": "Wrong"})

    with pytest.raises(IntegrityError):
        _insert(world, **mirror | {"reason": "Wrong again"})


def test_a_source_key_is_used_once_in_a_partnership(world):
    _insert(world, source_key="assets.booking:1")
    _insert(world)  # no key: any number
    _insert(world)

    with pytest.raises(IntegrityError):
        _insert(world, source_key="assets.booking:1")


def test_one_rate_per_category_unit_and_day_and_none_for_pounds(world):
    RateFactory(partnership=world.partnership, valid_from=datetime.date(2026, 1, 1))

    with pytest.raises(IntegrityError), transaction.atomic():
        RateFactory(partnership=world.partnership, valid_from=datetime.date(2026, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Rate.objects.bulk_create(
            [
                Rate(
                    partnership=world.partnership,
                    category="funding",
                    unit="gbp",
                    rate_gbp=1,
                    valid_from=datetime.date(2026, 1, 1),
                )
            ]
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        RateFactory(
            partnership=world.partnership, rate_gbp=Decimal("-1"), valid_from=datetime.date(2026, 2, 1)
        )
