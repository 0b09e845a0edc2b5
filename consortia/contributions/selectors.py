"""Reads of the contributions ledger, for its pages and for the other resource-pool
apps (fair shares, the fund). Money aggregates are rounded to pence: SQLite sums
decimals as floats."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from consortia.canvas.models import Pledge
from consortia.partnerships.models import Partner, Partnership

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


def entry_list(
    partnership: Partnership, *, partner: Partner | None = None, category: str = ""
) -> QuerySet[Entry]:
    """The partnership's entries, newest first, with what the ledger shows of each
    (its partner's organisation, its pledge, the entry it reverses and its reversal),
    optionally only one partner's or one category's."""
    entries = Entry.objects.filter(partnership=partnership)
    if partner is not None:
        entries = entries.filter(partner=partner)
    if category:
        entries = entries.filter(category=category)
    return entries.select_related("partner__organisation", "pledge", "reverses", "reversed_by").order_by(
        "-on", "-id"
    )


def kind_totals(entries: QuerySet[Entry]) -> dict[str, Decimal]:
    """{"money": £, "in_kind": £} of `entries` (one query): cash and the in-kind
    memorandum, never added together."""
    sums = entries.order_by().aggregate(
        money=Sum("value_gbp", filter=Q(kind=Entry.Kind.MONEY)),
        in_kind=Sum("value_gbp", filter=Q(kind=Entry.Kind.IN_KIND)),
    )
    return {kind: _pence(sums[kind]) for kind in Entry.Kind.values}


def rate_card(partnership: Partnership, on: datetime.date | None = None) -> list[tuple[Rate, bool]]:
    """Every rate of the partnership, by category and unit, newest first within each,
    with whether it is the one in force `on` (today by default)."""
    on = on or timezone.localdate()
    rates = list(Rate.objects.filter(partnership=partnership).select_related("created_by"))
    in_force: dict[tuple[str, str], int] = {}
    for rate in rates:  # ordered by category, unit, -valid_from
        key = (rate.category, rate.unit)
        if key not in in_force and rate.valid_from <= on:
            in_force[key] = rate.pk
    return [(rate, in_force.get((rate.category, rate.unit)) == rate.pk) for rate in rates]


@dataclass(frozen=True)
class PledgeProgress:
    """One pledge against what was delivered for it: the quantity in the pledge's unit
    and the £ value of the entries recorded against it (reversals subtracting)."""

    pledge: Pledge
    delivered: Decimal
    delivered_gbp: Decimal
    today: datetime.date

    @property
    def remaining(self) -> Decimal:
        return max(self.pledge.quantity - self.delivered, Decimal("0.00"))

    @property
    def is_delivered(self) -> bool:
        return self.delivered >= self.pledge.quantity

    @property
    def is_overdue(self) -> bool:
        """Its expected_by date has passed and it is not fully delivered."""
        expected = self.pledge.expected_by
        return expected is not None and expected < self.today and not self.is_delivered

    @property
    def percent(self) -> int:
        return min(100, int(self.delivered * 100 / self.pledge.quantity)) if self.pledge.quantity else 0


@dataclass(frozen=True)
class CategoryDelivery:
    """One partner's pledges and entries in one category, in £: the pledges' estimated
    value against the value of every entry in that category."""

    category: str
    label: str
    pledged_gbp: Decimal
    delivered_gbp: Decimal


@dataclass
class PartnerDelivery:
    partner: Partner
    pledges: list[PledgeProgress] = field(default_factory=list)
    categories: list[CategoryDelivery] = field(default_factory=list)

    @property
    def pledged_gbp(self) -> Decimal:
        return sum((c.pledged_gbp for c in self.categories), ZERO)

    @property
    def delivered_gbp(self) -> Decimal:
        return sum((c.delivered_gbp for c in self.categories), ZERO)

    @property
    def overdue(self) -> list[PledgeProgress]:
        return [p for p in self.pledges if p.is_overdue]


def _delivered_by_pledge(
    entries: QuerySet[Entry], pledges: list[Pledge]
) -> dict[int, tuple[Decimal, Decimal]]:
    """Pledge id -> (quantity delivered in the pledge's unit, £ delivered), one query.
    A pledge whose unit was changed after entries were recorded counts only the
    entries in its present unit; their £ value counts whatever the unit."""
    units = {p.pk: p.unit for p in pledges}
    delivered: dict[int, tuple[Decimal, Decimal]] = {}
    for row in (
        entries.filter(pledge__isnull=False)
        .order_by()
        .values("pledge_id", "unit")
        .annotate(quantity=Sum("quantity"), value=Sum("value_gbp"))
    ):
        quantity, value = delivered.get(row["pledge_id"], (ZERO, ZERO))
        if units.get(row["pledge_id"]) == row["unit"]:
            quantity += _pence(row["quantity"])
        delivered[row["pledge_id"]] = (quantity, value + _pence(row["value"]))
    return delivered


def pledged_vs_delivered(
    partnership: Partnership, today: datetime.date | None = None
) -> list[PartnerDelivery]:
    """For each partner with pledges or entries (by organisation name): each pledge
    against what was delivered for it (in the pledge's unit, and in £), and per
    category the pledges' estimated £ against the £ of every entry. Four queries
    whatever the number of pledges and entries."""
    today = today or timezone.localdate()
    pledges = list(
        Pledge.objects.filter(partnership=partnership).select_related("partner").order_by("created_at", "id")
    )
    delivered = _delivered_by_pledge(Entry.objects.filter(partnership=partnership), pledges)
    by_category: dict[tuple[int, str], Decimal] = {
        (row["partner_id"], row["category"]): _pence(row["value"])
        for row in Entry.objects.filter(partnership=partnership)
        .order_by()
        .values("partner_id", "category")
        .annotate(value=Sum("value_gbp"))
    }
    pledged: dict[tuple[int, str], Decimal] = defaultdict(lambda: ZERO)
    progress: dict[int, list[PledgeProgress]] = defaultdict(list)
    for pledge in pledges:
        pledged[(pledge.partner_id, pledge.category)] += pledge.value_gbp
        quantity, value = delivered.get(pledge.pk, (ZERO, ZERO))
        progress[pledge.partner_id].append(PledgeProgress(pledge, quantity, value, today))
    partner_ids = {pid for pid, _ in pledged} | {pid for pid, _ in by_category}
    partners = Partner.objects.filter(pk__in=partner_ids).select_related("organisation")
    labels = dict(Entry._meta.get_field("category").choices or [])
    result = []
    for partner in sorted(partners, key=lambda p: (p.organisation.name.lower(), p.pk)):
        keys = sorted({c for pid, c in (*pledged, *by_category) if pid == partner.pk})
        result.append(
            PartnerDelivery(
                partner=partner,
                pledges=progress.get(partner.pk, []),
                categories=[
                    CategoryDelivery(
                        category=c,
                        label=str(labels.get(c, c)),
                        pledged_gbp=_pence(pledged.get((partner.pk, c), ZERO)),
                        delivered_gbp=by_category.get((partner.pk, c), ZERO),
                    )
                    for c in keys
                ],
            )
        )
    return result


def overdue_pledges(partnership: Partnership, today: datetime.date | None = None) -> list[PledgeProgress]:
    """The partnership's pledges whose expected_by date has passed (before `today`,
    the site's today by default) and that are not fully delivered, earliest first."""
    today = today or timezone.localdate()
    pledges = list(
        Pledge.objects.filter(partnership=partnership, expected_by__lt=today)
        .select_related("partner__organisation")
        .order_by("expected_by", "id")
    )
    if not pledges:
        return []
    delivered = _delivered_by_pledge(Entry.objects.filter(pledge__in=pledges), pledges)
    progress = [PledgeProgress(p, *delivered.get(p.pk, (ZERO, ZERO)), today) for p in pledges]
    return [p for p in progress if p.is_overdue]
