"""totals_by_partner and totals_by_partner_and_kind: net £ per partner, cash kept
apart from the in-kind memorandum, reversals subtracting."""

from decimal import Decimal

import pytest

from consortia.contributions.selectors import totals_by_partner, totals_by_partner_and_kind
from consortia.contributions.services import entry_reverse
from consortia.core.factories import PartnerFactory, RateFactory, entry_for

pytestmark = pytest.mark.django_db


def test_it_totals_each_partners_entries_money_and_in_kind(world):
    RateFactory(partnership=world.partnership, rate_gbp=Decimal("12.50"))
    entry_for(world.core_partner, quantity="2")  # £25.00 in kind
    entry_for(world.core_partner, category="funding", unit="gbp", quantity="100.10")
    entry_for(world.convener_partner, quantity="0.5")  # £6.25
    entry_for(PartnerFactory(), category="funding", unit="gbp", quantity="999")  # another partnership

    assert totals_by_partner(world.partnership) == {
        world.core_partner.pk: Decimal("125.10"),
        world.convener_partner.pk: Decimal("6.25"),
    }
    assert totals_by_partner_and_kind(world.partnership) == {
        world.core_partner.pk: {"money": Decimal("100.10"), "in_kind": Decimal("25.00")},
        world.convener_partner.pk: {"money": Decimal("0.00"), "in_kind": Decimal("6.25")},
    }


def test_a_reversal_takes_its_entry_out_of_the_totals(world):
    RateFactory(partnership=world.partnership, rate_gbp=Decimal("12.50"))
    kept = entry_for(world.core_partner, quantity="1")
    wrong = entry_for(world.core_partner, quantity="8")

    entry_reverse(actor=world.users["partner_admin"], entry=wrong, reason="Hours counted twice")

    assert totals_by_partner(world.partnership) == {world.core_partner.pk: kept.value_gbp}
    assert totals_by_partner_and_kind(world.partnership)[world.core_partner.pk]["in_kind"] == Decimal("12.50")


def test_a_partnership_without_entries_has_no_totals(world):
    assert totals_by_partner(world.partnership) == {}
    assert totals_by_partner_and_kind(world.partnership) == {}
