"""fair_shares gathers each partner's contributions (the ledger), benefits (bookings,
training places, the fund's spending on its services) and voice (the decisions page's
voice balance) from the apps that hold them."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from consortia.contributions.services import entry_reverse
from consortia.core.factories import entry_for
from consortia.decisions.services import poll_open, vote_cast
from consortia.pool.selectors import fair_shares

pytestmark = pytest.mark.django_db

D = Decimal


def by_name(shares):
    return {row.name: row for row in shares.rows}


def test_it_puts_each_partners_contributions_benefits_and_voice_side_by_side(world, pooled):
    poll = poll_open(
        actor=world.users["convener_admin"],
        partnership=world.partnership,
        title="Open on Saturdays?",
        kind="consent",
        closes_at=timezone.now() + timedelta(days=3),
    )
    vote_cast(actor=world.users["partner_member"], poll=poll, choice=["consent"])

    shares = fair_shares(world.partnership)
    rows = by_name(shares)

    # Volunteer hours (£500) and the room's two hours (£50); then £100 of hours and the course place (£120).
    assert (rows["Convener Org"].contributed, rows["Core Org"].contributed) == (D("550.00"), D("220.00"))
    assert rows["Third Org"].contributed == D(0) and rows["Observer Org"].contributed == D(0)
    # The room booked by Core Org; the course place attended by Third Org; the £300 paid to Observer Org.
    assert (rows["Core Org"].benefited, rows["Third Org"].benefited) == (D("50.00"), D("120.00"))
    assert rows["Observer Org"].benefited == D("300.00")
    assert rows["Convener Org"].benefited == D(0)
    # Convener Org proposed the poll; Core Org took part in it.
    assert (rows["Convener Org"].voice, rows["Core Org"].voice, rows["Third Org"].voice) == (1, 1, 0)
    assert rows["Convener Org"].voice_share == D("0.5")

    assert (shares.contributed, shares.benefited, shares.voices) == (D("770.00"), D("470.00"), 2)
    assert [row.name for row in shares.rows][:2] == ["Convener Org", "Core Org"]
    assert shares.elephant == 1
    assert shares.sentence.startswith("Convener Org provides 71% of everything contributed")


def test_a_reversed_entry_no_longer_counts(world, pooled):
    wrong = entry_for(world.core_partner, quantity="100")  # £1,250 by mistake
    assert by_name(fair_shares(world.partnership))["Core Org"].contributed == D("1470.00")

    entry_reverse(actor=world.users["convener_admin"], entry=wrong, reason="Typed 100 for 10")

    assert by_name(fair_shares(world.partnership))["Core Org"].contributed == D("220.00")


def test_the_elephant_factor_grows_as_the_load_is_shared(world, pooled):
    entry_for(pooled.third_partner, quantity="60")  # £750: now 550 / 220 / 750 of 1,520

    shares = fair_shares(world.partnership)

    assert shares.elephant == 2
    assert shares.sentence == ""


def test_a_partner_that_has_left_is_not_listed(world, pooled):
    world.observer_partner.left_at = timezone.now()
    world.observer_partner.save()
    world.partnership.__dict__.pop("_active_partners", None)

    assert "Observer Org" not in by_name(fair_shares(world.partnership))


def test_a_new_partnership_has_nothing_to_share(world):
    shares = fair_shares(world.partnership)

    assert shares.elephant is None and shares.sentence == ""
    assert {row.contribution_share for row in shares.rows} == {D(0)}
