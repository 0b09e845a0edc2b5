"""Reads of the contributions ledger, for its pages and for the other resource-pool
apps (fair shares, the fund). Money aggregates are rounded to pence: SQLite sums
decimals as floats."""

import datetime
from decimal import Decimal

from django.db.models import Sum

from consortia.partnerships.models import Partnership

from .models import Entry, Rate

PENNY = Decimal("0.01")
ZERO = Decimal("0.00")


def _pence(value: Decimal | float | int | None) -> Decimal:
    return Decimal(str(value or 0)).quantize(PENNY)


def rate_in_force(partnership: Partnership, category: str, unit: str, on: datetime.date) -> Rate | None:
    """The partnership's rate for (category, unit) in force on `on`: the latest one
    valid from that day or before; None when there is none."""
    return (
        Rate.objects.filter(partnership=partnership, category=category, unit=unit, valid_from__lte=on)
        .order_by("-valid_from")
        .first()
    )


def totals_by_partner(partnership: Partnership) -> dict[int, Decimal]:
    """Partner id -> the net £ value of all its entries, money and in kind together
    (reversals subtract). Only partners with entries appear: use .get(pk, 0)."""
    rows = (
        Entry.objects.filter(partnership=partnership)
        .order_by()
        .values("partner_id")
        .annotate(total=Sum("value_gbp"))
    )
    return {row["partner_id"]: _pence(row["total"]) for row in rows}


def totals_by_partner_and_kind(partnership: Partnership) -> dict[int, dict[str, Decimal]]:
    """Partner id -> {"money": £, "in_kind": £}, both always present: cash kept apart
    from the in-kind memorandum. Only partners with entries appear."""
    rows = (
        Entry.objects.filter(partnership=partnership)
        .order_by()
        .values("partner_id", "kind")
        .annotate(total=Sum("value_gbp"))
    )
    totals: dict[int, dict[str, Decimal]] = {}
    for row in rows:
        by_kind = totals.setdefault(row["partner_id"], {kind: ZERO for kind in Entry.Kind.values})
        by_kind[row["kind"]] = _pence(row["total"])
    return totals
