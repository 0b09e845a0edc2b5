"""The ledger's pages: the ledger with its filters and totals, recording an entry,
an entry's page and its reversal, the rate card, pledged and delivered, and the CSV;
bad input answers 4xx with a message and writes nothing."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.contributions.models import Entry, Rate
from consortia.core.factories import PartnerFactory, PledgeFactory, RateFactory, entry_for
from consortia.core.testing import snapshot

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _url(world, name, *args):
    return reverse(f"contributions:{name}", args=[world.partnership.uuid, *args])


def _entry(world, **overrides):
    return {
        "partner": str(world.core_partner.uuid),
        "category": "volunteer_time",
        "quantity": "6",
        "unit": "hours",
        "on": TODAY().isoformat(),
        "note": "Stall at the summer fair",
        **overrides,
    }


def test_it_shows_the_ledger_with_money_and_in_kind_apart(world, client_for):
    RateFactory(partnership=world.partnership, rate_gbp=Decimal("12.50"))
    entry_for(world.core_partner, quantity="4")
    entry_for(world.convener_partner, category="funding", unit="gbp", quantity="1500")

    response = client_for("observer").get(_url(world, "ledger"))

    assert response.status_code == 200
    assert response.context["totals"] == {"money": Decimal("1500.00"), "in_kind": Decimal("50.00")}
    assert "£1,500" in response.content.decode() and "£50" in response.content.decode()
    assert not response.context["can_record"]


def test_it_filters_the_ledger_by_partner_and_category(world, client_for):
    entry_for(world.core_partner, quantity="4")
    entry_for(world.convener_partner, category="funding", unit="gbp", quantity="10")

    client = client_for("partner_member")
    by_partner = client.get(_url(world, "ledger"), {"partner": str(world.core_partner.uuid)})
    by_category = client.get(_url(world, "ledger"), {"category": "funding"})

    assert [e.partner for e in by_partner.context["page"].object_list] == [world.core_partner]
    assert [e.partner for e in by_category.context["page"].object_list] == [world.convener_partner]
    assert by_category.context["totals"]["in_kind"] == 0


def test_a_representative_records_a_contribution(world, client_for):
    RateFactory(partnership=world.partnership, rate_gbp=Decimal("12.50"))
    pledge = PledgeFactory(partner=world.core_partner, category="volunteer_time", unit="hours")

    response = client_for("partner_admin").post(_url(world, "create"), _entry(world, pledge=str(pledge.uuid)))

    entry = Entry.objects.get()
    assert response.status_code == 302 and response.url == _url(world, "entry", entry.uuid)
    assert entry.value_gbp == Decimal("75.00") and entry.pledge == pledge


def test_the_form_offers_only_the_partners_one_may_record_for_and_their_pledges(world, client_for):
    mine = PledgeFactory(partner=world.core_partner)
    theirs = PledgeFactory(partner=world.convener_partner)

    form = client_for("partner_admin").get(_url(world, "create")).context["form"]

    assert [p for p in form.partners.values()] == [world.core_partner]
    assert list(form.pledges.values()) == [mine] and theirs not in form.pledges.values()


BAD = {
    "zero": ({"quantity": "0"}, "greater than 0"),
    "negative": ({"quantity": "-5"}, "greater than 0"),
    "another currency": (
        {"category": "funding", "unit": "usd", "quantity": "10"},
        "Choose a unit from the list",
    ),
    "unit unfit": ({"category": "premises", "unit": "gbp"}, "For premises"),
    "future": ({"on": (TODAY() + datetime.timedelta(days=3)).isoformat()}, "cannot be in the future"),
    "no date": ({"on": ""}, "Enter the date it was given"),
    "not a partner one speaks for": (
        {"partner": "convener"},
        "Choose a partner organisation you may record for",
    ),
    "another partner's pledge": ({"pledge": "theirs"}, "Choose one of that partner"),
}


@pytest.mark.parametrize("bad", list(BAD), ids=list(BAD))
def test_it_refuses_bad_input_with_a_message_and_writes_nothing(world, client_for, bad):
    overrides, message = BAD[bad]
    overrides = dict(overrides)
    if overrides.get("partner") == "convener":
        overrides["partner"] = str(world.convener_partner.uuid)
    if overrides.get("pledge") == "theirs":
        overrides["pledge"] = str(PledgeFactory(partner=world.convener_partner).uuid)
    client = client_for("partner_admin")
    before = snapshot()

    response = client.post(_url(world, "create"), _entry(world, **overrides))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert snapshot() == before


def test_an_entry_cannot_be_changed_or_deleted_through_its_page(world, client_for):
    entry = entry_for(world.core_partner)
    client = client_for("convener_admin")
    before = snapshot()

    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(_url(world, "entry", entry.uuid))
        assert response.status_code == 405
        assert "never changed" in response.content.decode()
    assert snapshot() == before


def test_an_entry_is_reversed_from_its_page_with_a_reason(world, client_for):
    entry = entry_for(world.core_partner, quantity="3")
    client = client_for("partner_admin")

    assert client.get(_url(world, "entry", entry.uuid)).context["can_reverse"]
    response = client.post(_url(world, "reverse", entry.uuid), {"reason": "Counted twice"})

    reversal = Entry.objects.get(reverses=entry)
    assert response.status_code == 302 and response.url == _url(world, "entry", reversal.uuid)
    page = client.get(_url(world, "entry", entry.uuid))
    assert not page.context["can_reverse"] and "Counted twice" in page.content.decode()


def test_a_reversal_without_a_reason_is_refused(world, client_for):
    entry = entry_for(world.core_partner)
    client = client_for("partner_admin")
    before = snapshot()

    response = client.post(_url(world, "reverse", entry.uuid), {"reason": "  "})

    assert response.status_code == 400 and "Say why this entry is reversed" in response.content.decode()
    assert snapshot() == before


def test_reversing_twice_is_a_conflict(world, client_for):
    entry = entry_for(world.core_partner)
    client = client_for("partner_admin")
    client.post(_url(world, "reverse", entry.uuid), {"reason": "Wrong"})
    before = snapshot()

    response = client.post(_url(world, "reverse", entry.uuid), {"reason": "Wrong again"})

    assert response.status_code == 409 and "already been reversed" in response.content.decode()
    assert snapshot() == before


def test_the_rate_card_is_set_from_a_date_and_shown(world, client_for):
    client = client_for("partner_admin")  # a core partner's admin

    response = client.post(
        _url(world, "rate_create"),
        {"category": "premises", "unit": "sessions", "rate_gbp": "40", "valid_from": "2026-01-01"},
    )

    assert response.status_code == 302
    page = client_for("observer").get(_url(world, "rates"))
    assert page.status_code == 200 and [r.rate_gbp for r, _ in page.context["rates"]] == [Decimal("40.00")]


def test_a_rate_is_not_changed_in_place(world, client_for):
    RateFactory(
        partnership=world.partnership,
        category="premises",
        unit="sessions",
        valid_from=datetime.date(2026, 1, 1),
    )
    client = client_for("convener_admin")
    before = snapshot()

    response = client.post(
        _url(world, "rate_create"),
        {"category": "premises", "unit": "sessions", "rate_gbp": "45", "valid_from": "2026-01-01"},
    )

    assert response.status_code == 400 and "choose a later date" in response.content.decode()
    assert snapshot() == before and Rate.objects.count() == 1


def test_the_csv_has_one_row_per_entry_of_this_partnership_only(world, client_for):
    RateFactory(partnership=world.partnership, rate_gbp=Decimal("12.50"))
    entry = entry_for(world.core_partner, quantity="2", note="=HYPERLINK(1)")
    entry_for(PartnerFactory(), category="funding", unit="gbp", quantity="99")

    response = client_for("participant").get(_url(world, "export_csv"))

    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))))
    assert len(rows) == 2 and rows[1][0] == str(entry.uuid)
    assert rows[1][2] == "Core Org" and rows[1][8] == "25.00" and rows[1][10] == "'=HYPERLINK(1)"


def test_the_delivery_page_shows_pledges_and_the_overdue(world, client_for):
    RateFactory(partnership=world.partnership, rate_gbp=Decimal("12.50"))
    late = PledgeFactory(
        partner=world.core_partner,
        category="volunteer_time",
        unit="hours",
        quantity=10,
        expected_by=TODAY() - datetime.timedelta(days=1),
        description="Ten hours at the fair",
    )
    entry_for(world.core_partner, quantity="4", pledge=late)

    response = client_for("observer").get(_url(world, "delivery"))

    assert response.status_code == 200
    assert [p.pledge for p in response.context["overdue"]] == [late]
    assert "Ten hours at the fair" in response.content.decode() and "Overdue" in response.content.decode()
