"""A hypothesis test of the ledger: for random sequences of entries (good and bad)
and reversals (first and repeated), totals_by_partner always equals the sum of the
entries' values and an independent model of them; a refused entry_record or
entry_reverse (bad input part-way through the checks) writes nothing at all."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consortia.contributions.models import Entry
from consortia.contributions.selectors import totals_by_partner, totals_by_partner_and_kind
from consortia.contributions.services import entry_record, entry_reverse
from consortia.core.errors import ServiceError
from consortia.core.factories import PledgeFactory, RateFactory
from consortia.core.models import Event

pytestmark = pytest.mark.django_db

RATES = {("volunteer_time", "hours"): Decimal("12.50"), ("premises", "sessions"): Decimal("40.00")}
KINDS = [("volunteer_time", "hours"), ("premises", "sessions"), ("funding", "gbp"), ("expertise", "sessions")]

quantities = st.one_of(
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("5000"), places=2),
    st.sampled_from([Decimal("0"), Decimal("-1"), Decimal("1.234"), Decimal("2000000000")]),  # refused
)
record = st.tuples(
    st.just("record"),
    st.integers(0, 1),  # partner
    st.sampled_from([*KINDS, ("premises", "gbp"), ("funding", "usd")]),  # the last two are refused
    quantities,
    st.integers(-400, 2),  # days from today: 1 and 2 are in the future (refused)
    st.booleans(),  # against the other partner's pledge (refused)
)
reverse = st.tuples(st.just("reverse"), st.integers(0, 50), st.booleans())  # the bool: no reason (refused)


def _expected_value(category: str, unit: str, quantity: Decimal) -> Decimal:
    rate = Decimal("1") if unit == "gbp" else RATES.get((category, unit), Decimal("0"))
    return (quantity * rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.one_of(record, reverse), min_size=1, max_size=25))
def test_totals_always_equal_the_sum_of_the_entries(world, steps):
    with transaction.atomic():
        _run(world, steps)
        transaction.set_rollback(True)


def _run(world, steps):
    for (category, unit), rate in RATES.items():
        RateFactory(partnership=world.partnership, category=category, unit=unit, rate_gbp=rate)
    partners = [world.core_partner, world.convener_partner]
    others_pledge = PledgeFactory(partner=world.convener_partner, category="volunteer_time", unit="hours")
    actor = world.users["convener_admin"]
    today = timezone.localdate()
    model: dict[int, Decimal] = {}
    recorded: list[Entry] = []
    reversed_ids: set[int] = set()

    for step in steps:
        rows, events = Entry.objects.count(), Event.objects.count()
        try:
            if step[0] == "record":
                _, who, (category, unit), quantity, days, wrong_pledge = step
                partner = partners[who]
                entry = entry_record(
                    actor=actor,
                    partnership=world.partnership,
                    partner=partner,
                    category=category,
                    unit=unit,
                    quantity=quantity,
                    on=today + datetime.timedelta(days=days),
                    pledge=others_pledge if wrong_pledge and who == 0 else None,
                )
                assert entry.value_gbp == _expected_value(category, unit, quantity)
                model[partner.pk] = model.get(partner.pk, Decimal("0")) + entry.value_gbp
                recorded.append(entry)
            else:
                _, index, no_reason = step
                if not recorded:
                    continue
                entry = recorded[index % len(recorded)]
                reversal = entry_reverse(actor=actor, entry=entry, reason="" if no_reason else "Mistake")
                assert entry.pk not in reversed_ids and not entry.is_reversal
                assert reversal.value_gbp == -entry.value_gbp and reversal.rate_gbp == entry.rate_gbp
                reversed_ids.add(entry.pk)
                model[entry.partner_id] -= entry.value_gbp
                recorded.append(reversal)
        except ServiceError:
            assert (Entry.objects.count(), Event.objects.count()) == (rows, events), (
                "a refusal wrote something"
            )
        else:
            assert (Entry.objects.count(), Event.objects.count()) == (rows + 1, events + 1)

        totals = totals_by_partner(world.partnership)
        assert totals == {pk: value for pk, value in model.items()}
        sums: dict[int, Decimal] = {}
        for e in Entry.objects.filter(partnership=world.partnership):
            sums[e.partner_id] = sums.get(e.partner_id, Decimal("0")) + e.value_gbp
        assert totals == sums
        by_kind = totals_by_partner_and_kind(world.partnership)
        assert {pk: kinds["money"] + kinds["in_kind"] for pk, kinds in by_kind.items()} == totals
