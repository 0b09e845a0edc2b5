"""The rate card: the rate in force on a date is the latest from that date or before;
rates are never edited (a new one from a later date); entries keep the rate they were
valued at, so a later change of rates rewrites no history."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from consortia.contributions.models import Rate
from consortia.contributions.selectors import rate_card, rate_in_force, totals_by_partner
from consortia.contributions.services import rate_set
from consortia.core.errors import ServiceError
from consortia.core.factories import RateFactory, entry_for
from consortia.core.models import Event
from consortia.core.testing import snapshot

pytestmark = pytest.mark.django_db

JAN, APR, JUL = datetime.date(2026, 1, 1), datetime.date(2026, 4, 1), datetime.date(2026, 7, 1)


def _set(world, persona="convener_admin", **kwargs):
    kwargs = {
        "category": "volunteer_time",
        "unit": "hours",
        "rate_gbp": Decimal("12.50"),
        "valid_from": JAN,
    } | kwargs
    return rate_set(actor=world.users[persona], partnership=world.partnership, **kwargs)


def test_the_rate_in_force_is_the_latest_from_that_date_or_before(world):
    _set(world, valid_from=JAN, rate_gbp=Decimal("12.50"))
    _set(world, valid_from=APR, rate_gbp=Decimal("14.00"))

    assert (
        rate_in_force(world.partnership, "volunteer_time", "hours", JAN - datetime.timedelta(days=1)) is None
    )
    assert rate_in_force(world.partnership, "volunteer_time", "hours", JAN).rate_gbp == Decimal("12.50")
    assert rate_in_force(
        world.partnership, "volunteer_time", "hours", APR - datetime.timedelta(days=1)
    ).rate_gbp == Decimal("12.50")
    assert rate_in_force(world.partnership, "volunteer_time", "hours", JUL).rate_gbp == Decimal("14.00")
    assert rate_in_force(world.partnership, "premises", "hours", JUL) is None


def test_entries_keep_their_rate_when_the_rates_change(world):
    _set(world, valid_from=JAN, rate_gbp=Decimal("12.50"))
    before = entry_for(world.core_partner, quantity="4", on=datetime.date(2026, 2, 1))

    _set(world, valid_from=APR, rate_gbp=Decimal("20.00"))
    after = entry_for(world.core_partner, quantity="4", on=datetime.date(2026, 5, 1))
    backdated = entry_for(world.core_partner, quantity="4", on=datetime.date(2026, 3, 1))

    before.refresh_from_db()
    assert (before.rate_gbp, before.value_gbp) == (Decimal("12.50"), Decimal("50.00"))
    assert (after.rate_gbp, after.value_gbp) == (Decimal("20.00"), Decimal("80.00"))
    assert backdated.rate_gbp == Decimal("12.50")  # the rate in force on its date, not today's
    assert totals_by_partner(world.partnership)[world.core_partner.pk] == Decimal("180.00")


def test_a_rate_is_not_edited_in_place(world):
    _set(world, valid_from=APR)
    before = snapshot()

    for day in (APR, JAN):
        with pytest.raises(ServiceError, match="choose a later date") as refused:
            _set(world, valid_from=day, rate_gbp=Decimal("15"))
        assert refused.value.field == "valid_from"
    assert snapshot() == before


def test_the_card_marks_the_rate_in_force(world):
    old = _set(world, valid_from=JAN)
    current = _set(world, valid_from=APR, rate_gbp=Decimal("14"))
    future = _set(world, valid_from=datetime.date(2999, 1, 1), rate_gbp=Decimal("15"))

    assert rate_card(world.partnership, on=JUL) == [(future, False), (current, True), (old, False)]


def test_setting_a_rate_records_one_event(world):
    _set(world, "partner_admin")  # a core partner's admin

    event = Event.objects.get(verb="rate.set")
    assert event.organisation == world.core_org and event.payload == {
        "category": "volunteer_time",
        "unit": "hours",
    }


def test_a_rate_of_nothing_is_allowed(world):
    assert _set(world, rate_gbp=Decimal("0")).rate_gbp == 0


@pytest.mark.parametrize("persona", ["partner_member", "observer", "participant", "outsider", "site_admin"])
def test_only_convener_and_core_admins_set_rates(world, persona):
    with pytest.raises(PermissionDenied):
        _set(world, persona)
    assert not Rate.objects.exists()


BAD = {
    "pounds": ({"category": "funding", "unit": "gbp"}, "unit", "£ needs no rate"),
    "unit unfit": ({"category": "premises", "unit": "places"}, "unit", "For premises"),
    "negative": ({"rate_gbp": Decimal("-1")}, "rate_gbp", "£0 or more"),
    "huge": ({"rate_gbp": Decimal("2000000")}, "rate_gbp", "or less"),
    "no date": ({"valid_from": None}, "valid_from", "Enter the date"),
}


@pytest.mark.parametrize("bad", list(BAD), ids=list(BAD))
def test_it_refuses_a_bad_rate(world, bad):
    kwargs, field, message = BAD[bad]

    with pytest.raises(ServiceError, match=message) as refused:
        _set(world, **kwargs)

    assert refused.value.field == field and not Rate.objects.exists()


def test_a_rate_factory_rate_is_used_by_the_ledger(world):
    RateFactory(partnership=world.partnership, category="training", unit="places", rate_gbp=Decimal("120"))

    assert entry_for(world.core_partner, category="training", unit="places", quantity="2").value_gbp == 240
