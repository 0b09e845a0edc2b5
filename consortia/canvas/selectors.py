"""Read functions for the canvas: step statuses, the gap analysis, each partner's
share, directory suggestions and export rows.

Each reads a fixed number of queries whatever the number of outcomes, needs,
pledges or partners (see tests/test_query_budget.py) and computes the rest in
Python. Pledges count only while their partner is still an active partner.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from django.db.models import Case, Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce

from consortia.organisations.models import Offer, Organisation
from consortia.partnerships.models import Partner, Partnership
from consortia.partnerships.rules import active_partners

from .models import Canvas, CanvasComment, Indicator, Need, Outcome, PartnerStatement, Pledge, Priority, Step

NOT_STARTED, IN_PROGRESS, DONE = "not_started", "in_progress", "done"
STATUS_LABELS = {NOT_STARTED: "Not started", IN_PROGRESS: "In progress", DONE: "Done"}
COVERED, PARTLY, UNCOVERED = "covered", "partly", "uncovered"
COVERAGE_LABELS = {COVERED: "Covered", PARTLY: "Partly covered", UNCOVERED: "Not covered"}
COVERAGE_ORDER = {UNCOVERED: 0, PARTLY: 1, COVERED: 2}
PRIORITY_ORDER = {value: i for i, value in enumerate(Priority.values)}
SUGGESTIONS_PER_NEED = 5
STEP_URLS = {
    Step.PURPOSE: "canvas:purpose",
    Step.OUTCOMES: "canvas:outcomes",
    Step.NEEDS: "canvas:needs",
    Step.PLEDGES: "canvas:pledges",
}


def canvas_get(partnership: Partnership) -> Canvas:
    """The partnership's canvas, or an unsaved empty one: reading never creates it."""
    return Canvas.objects.filter(partnership=partnership).first() or Canvas(partnership=partnership)


def comment_list(partnership: Partnership, step: str) -> QuerySet[CanvasComment]:
    """The comments on one step with their authors, oldest first: one query."""
    return partnership.canvas_comments.filter(step=step).select_related("author")


# --- step statuses -----------------------------------------------------------------------------


@dataclass(frozen=True)
class StepStatus:
    step: Step
    status: str
    summary: str
    url_name: str

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]


def _count(queryset: QuerySet[Any], to: str) -> Coalesce:
    """A correlated COUNT(*) subquery over `queryset` rows whose `to` is the outer partnership."""
    counted = (
        queryset.filter(**{to: OuterRef("pk")}).order_by().values(to).annotate(n=Count("pk")).values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def step_status_list(partnership: Partnership, canvas: Canvas) -> list[StepStatus]:
    """Each step: not started (nothing in it), in progress (something), or done (an
    editor said so, and it still has something in it). One query for the counts."""
    counts = (
        Partnership.objects.filter(pk=partnership.pk)
        .annotate(
            outcomes_n=_count(Outcome.objects.all(), "partnership"),
            indicators_n=_count(Indicator.objects.all(), "outcome__partnership"),
            needs_n=_count(Need.objects.all(), "partnership"),
            pledges_n=_count(Pledge.objects.filter(partner__left_at__isnull=True), "partnership"),
            statements_n=_count(
                PartnerStatement.objects.filter(partner__left_at__isnull=True), "partner__partnership"
            ),
        )
        .values("outcomes_n", "indicators_n", "needs_n", "pledges_n", "statements_n")
        .get()
    )
    purpose_parts = [partnership.purpose, canvas.beneficiaries, canvas.why_together, canvas.area]
    answered = sum(1 for part in purpose_parts if part)
    facts = {
        Step.PURPOSE: (answered, f"{answered} of 4 questions answered"),
        Step.OUTCOMES: (
            counts["outcomes_n"],
            f"{_plural(counts['outcomes_n'], 'outcome')}, {_plural(counts['indicators_n'], 'indicator')}",
        ),
        Step.NEEDS: (counts["needs_n"], _plural(counts["needs_n"], "need")),
        Step.PLEDGES: (
            counts["pledges_n"] + counts["statements_n"],
            f"{_plural(counts['pledges_n'], 'pledge')}, "
            f"{counts['statements_n']} partner{'' if counts['statements_n'] == 1 else 's'} said what they want",
        ),
    }
    statuses = []
    for step in Step:
        amount, summary = facts[step]
        if not amount:
            status = NOT_STARTED
        elif step.value in canvas.completed_steps:
            status = DONE
        else:
            status = IN_PROGRESS
        statuses.append(StepStatus(step, status, summary, STEP_URLS[step]))
    return statuses


# --- outcomes, needs, pledges ------------------------------------------------------------------


# Indicators in Results-Based Accountability's order: how much, how well, better off.
QUESTION_ORDER = Case(
    *[When(question=q, then=Value(i)) for i, q in enumerate(Indicator.Question.values)],
    output_field=IntegerField(),
)


def outcome_list(partnership: Partnership) -> list[Outcome]:
    """Outcomes in the order added, each with its indicators (two queries)."""
    indicators = Indicator.objects.order_by(QUESTION_ORDER, "created_at", "id")
    return list(partnership.outcomes.prefetch_related(Prefetch("indicators", queryset=indicators)))


def _pledges(partnership: Partnership) -> list[Pledge]:
    """Pledges of active partners, each with its partner from the loaded list (no join)."""
    partners = {p.pk: p for p in active_partners(partnership)}
    pledges = list(partnership.pledges.filter(partner_id__in=list(partners)).select_related("need"))
    for pledge in pledges:
        pledge.partner = partners[pledge.partner_id]
    return pledges


@dataclass
class Suggestion:
    organisation: Organisation
    offers: list[Offer]


@dataclass
class NeedCoverage:
    need: Need
    status: str = UNCOVERED
    pledged: Decimal = Decimal("0")  # in the need's unit
    pledges: list[Pledge] = field(default_factory=list)  # counted towards the quantity
    other_unit_pledges: list[Pledge] = field(default_factory=list)  # listed, not counted
    suggestions: list[Suggestion] = field(default_factory=list)
    more_suggestions: int = 0

    @property
    def label(self) -> str:
        return COVERAGE_LABELS[self.status]

    @property
    def remaining(self) -> Decimal:
        return max(self.need.quantity - self.pledged, Decimal("0"))

    @property
    def percent(self) -> int:
        return min(100, int(self.pledged * 100 / self.need.quantity))


def _coverage(need: Need, pledges: list[Pledge]) -> NeedCoverage:
    coverage = NeedCoverage(need)
    for pledge in pledges:
        if pledge.unit == need.unit:
            coverage.pledges.append(pledge)
            coverage.pledged += pledge.quantity
        else:
            coverage.other_unit_pledges.append(pledge)
    if coverage.pledged >= need.quantity:
        coverage.status = COVERED
    elif coverage.pledged > 0:
        coverage.status = PARTLY
    return coverage


def need_coverage_list(
    partnership: Partnership, *, pledges: list[Pledge] | None = None, with_outcomes: bool = True
) -> list[NeedCoverage]:
    """Every need with what is pledged against it, in the order they were added,
    and the outcomes each serves (unless not wanted). One or two queries, plus
    one for the pledges if not given."""
    pledges = _pledges(partnership) if pledges is None else pledges
    by_need: dict[int, list[Pledge]] = defaultdict(list)
    for pledge in pledges:
        if pledge.need_id is not None:
            by_need[pledge.need_id].append(pledge)
    needs = partnership.needs.all()
    if with_outcomes:
        needs = needs.prefetch_related(
            Prefetch("outcomes", queryset=Outcome.objects.order_by("created_at", "id"))
        )
    return [_coverage(need, by_need[need.pk]) for need in needs]


def area_matches(area: str, served: str) -> bool:
    """Either contains the other, ignoring case; an empty one matches anything."""
    area, served = area.strip().casefold(), served.strip().casefold()
    return not area or not served or area in served or served in area


def _suggest(partnership: Partnership, area: str, gaps: list[NeedCoverage]) -> None:
    """Listed organisations, not already active partners, offering a gap's category
    in the canvas's area: one query for all gaps."""
    categories = {gap.need.category for gap in gaps}
    if not categories:
        return
    partner_orgs = [p.organisation_id for p in active_partners(partnership)]
    offers = (
        Offer.objects.filter(category__in=categories, organisation__listed_in_directory=True)
        .exclude(organisation_id__in=partner_orgs)
        .select_related("organisation")
        .order_by("organisation__name", "organisation_id", "id")
    )
    by_category: dict[str, dict[int, Suggestion]] = defaultdict(dict)
    for offer in offers:
        if area_matches(area, offer.organisation.area_served):
            found = by_category[offer.category].setdefault(
                offer.organisation_id, Suggestion(offer.organisation, [])
            )
            found.offers.append(offer)
    for gap in gaps:
        suggestions = list(by_category[gap.need.category].values())
        gap.suggestions = suggestions[:SUGGESTIONS_PER_NEED]
        gap.more_suggestions = max(0, len(suggestions) - SUGGESTIONS_PER_NEED)


@dataclass
class PartnerShare:
    partner: Partner
    pledges: list[Pledge]
    value: Decimal
    share: Decimal  # percent of all pledged value, one decimal place

    @property
    def count(self) -> int:
        return len(self.pledges)

    @property
    def bar(self) -> int:
        """The share as a whole percent, for the bar chart's width classes; at
        least 1 when there is any value, so a small share still shows."""
        whole = int(self.share.to_integral_value())
        return max(whole, 1) if self.value > 0 else 0


def _largest_remainder(values: list[Decimal], total: Decimal) -> list[Decimal]:
    """Percentages to one decimal place that add up to exactly 100.0 (nothing
    pledged: all 0). Each is rounded down, then the tenths left over go to those
    with the largest remainders."""
    if total <= 0:
        return [Decimal("0.0") for _ in values]
    raw = [value * 1000 / total for value in values]
    tenths = [int(r.to_integral_value(rounding=ROUND_FLOOR)) for r in raw]
    left = 1000 - sum(tenths)
    for i in sorted(range(len(raw)), key=lambda i: (-(raw[i] - tenths[i]), i))[:left]:
        tenths[i] += 1
    return [(Decimal(t) / 10).quantize(Decimal("0.1")) for t in tenths]


def partner_share_list(partnership: Partnership, pledges: list[Pledge] | None = None) -> list[PartnerShare]:
    """Each active partner that pledged or could pledge (observers only when they
    have pledges), with its pledges, their estimated value and its share of the
    whole. Shares add up to 100.0%."""
    pledges = _pledges(partnership) if pledges is None else pledges
    by_partner: dict[int, list[Pledge]] = defaultdict(list)
    for pledge in pledges:
        by_partner[pledge.partner_id].append(pledge)
    partners = [
        p for p in active_partners(partnership) if p.role != Partner.Role.OBSERVER or by_partner[p.pk]
    ]
    values = [sum((pl.value_gbp for pl in by_partner[p.pk]), Decimal("0")) for p in partners]
    shares = _largest_remainder(values, sum(values, Decimal("0")))
    return [
        PartnerShare(partner, by_partner[partner.pk], value, share)
        for partner, value, share in zip(partners, values, shares, strict=True)
    ]


@dataclass
class GapAnalysis:
    needs: list[NeedCoverage]  # not covered first, then partly, then covered
    shares: list[PartnerShare]
    unprompted: list[Pledge]  # pledges not against a need
    area: str

    @property
    def total_value(self) -> Decimal:
        return sum((s.value for s in self.shares), Decimal("0"))

    def counted(self, status: str) -> int:
        return sum(1 for n in self.needs if n.status == status)

    @property
    def uncovered(self) -> int:
        return self.counted(UNCOVERED)

    @property
    def partly(self) -> int:
        return self.counted(PARTLY)

    @property
    def covered(self) -> int:
        return self.counted(COVERED)


def gap_analysis(partnership: Partnership, canvas: Canvas, *, with_outcomes: bool = False) -> GapAnalysis:
    """Needs by coverage (uncovered and essential first), suggestions from the
    directory for every need not fully covered, and each partner's share.
    Three queries: pledges, needs, directory offers (and one for the outcomes
    each need serves, if wanted)."""
    pledges = _pledges(partnership)
    needs = need_coverage_list(partnership, pledges=pledges, with_outcomes=with_outcomes)
    needs.sort(
        key=lambda n: (
            COVERAGE_ORDER[n.status],
            PRIORITY_ORDER.get(n.need.priority, 99),
            n.need.needed_by is None,
            n.need.needed_by,
        )
    )
    _suggest(partnership, canvas.area, [n for n in needs if n.status != COVERED])
    return GapAnalysis(
        needs=needs,
        shares=partner_share_list(partnership, pledges),
        unprompted=[p for p in pledges if p.need_id is None],
        area=canvas.area,
    )


def statements_by_partner(partnership: Partnership) -> dict[int, PartnerStatement]:
    """What each active partner wants, by partner id (partners that said nothing are
    missing): one query beyond the partners already loaded."""
    partners = [p.pk for p in active_partners(partnership)]
    return {s.partner_id: s for s in PartnerStatement.objects.filter(partner_id__in=partners)}


# --- exports -----------------------------------------------------------------------------------

EXPORT_SECTIONS = ("outcomes", "needs", "pledges", "gaps")


def _outcome_rows(partnership: Partnership) -> tuple[list[str], list[list[Any]]]:
    header = [
        "outcome",
        "outcome description",
        "indicator question",
        "indicator",
        "unit",
        "baseline",
        "target",
        "target date",
    ]
    rows: list[list[Any]] = []
    for outcome in outcome_list(partnership):
        indicators = list(outcome.indicators.all())
        if not indicators:
            rows.append([outcome.statement, outcome.description, "", "", "", None, None, None])
        for i in indicators:
            rows.append(
                [
                    outcome.statement,
                    outcome.description,
                    i.get_question_display(),
                    i.name,
                    i.unit,
                    i.baseline,
                    i.target,
                    i.target_date,
                ]
            )
    return header, rows


def _need_rows(partnership: Partnership) -> tuple[list[str], list[list[Any]]]:
    header = ["need", "category", "quantity", "unit", "needed by", "priority", "outcomes served"]
    rows = [
        [
            c.need.description,
            c.need.get_category_display(),
            c.need.quantity,
            c.need.get_unit_display(),
            c.need.needed_by,
            c.need.get_priority_display(),
            "; ".join(o.statement for o in c.need.outcomes.all()),
        ]
        for c in need_coverage_list(partnership)
    ]
    return header, rows


def _pledge_rows(partnership: Partnership) -> tuple[list[str], list[list[Any]]]:
    header = [
        "partner",
        "against need",
        "category",
        "pledge",
        "quantity",
        "unit",
        "estimated value (GBP)",
        "availability",
    ]
    rows = [
        [
            str(p.partner.organisation),
            p.need.description if p.need else "",
            p.get_category_display(),
            p.description,
            p.quantity,
            p.get_unit_display(),
            p.value_gbp,
            p.availability,
        ]
        for p in _pledges(partnership)
    ]
    return header, rows


def _gap_rows(partnership: Partnership) -> tuple[list[str], list[list[Any]]]:
    header = [
        "need",
        "category",
        "coverage",
        "needed",
        "pledged in that unit",
        "still needed",
        "unit",
        "priority",
        "pledges in other units",
        "possible new partners",
    ]
    rows = [
        [
            c.need.description,
            c.need.get_category_display(),
            c.label,
            c.need.quantity,
            c.pledged,
            c.remaining,
            c.need.get_unit_display(),
            c.need.get_priority_display(),
            len(c.other_unit_pledges),
            "; ".join(s.organisation.name for s in c.suggestions),
        ]
        for c in gap_analysis(partnership, canvas_get(partnership)).needs
    ]
    return header, rows


def export_rows(partnership: Partnership, section: str) -> tuple[list[str], list[list[Any]]]:
    """The header and rows of one CSV section (see EXPORT_SECTIONS)."""
    return {
        "outcomes": _outcome_rows,
        "needs": _need_rows,
        "pledges": _pledge_rows,
        "gaps": _gap_rows,
    }[section](partnership)


def export_document(partnership: Partnership) -> dict[str, Any]:
    """The whole canvas as one JSON-ready document (decimals as strings, dates ISO)."""

    def num(value: Decimal | None) -> str | None:
        return None if value is None else str(value)

    def day(value: date | None) -> str | None:
        return value.isoformat() if value else None

    canvas = canvas_get(partnership)
    analysis = gap_analysis(partnership, canvas, with_outcomes=True)
    return {
        "partnership": {
            "uuid": str(partnership.uuid),
            "name": partnership.name,
            "purpose": partnership.purpose,
        },
        "purpose": {
            "beneficiaries": canvas.beneficiaries,
            "why_together": canvas.why_together,
            "area": canvas.area,
            "completed_steps": list(canvas.completed_steps),
        },
        "outcomes": [
            {
                "uuid": str(o.uuid),
                "statement": o.statement,
                "description": o.description,
                "indicators": [
                    {
                        "uuid": str(i.uuid),
                        "question": i.question,
                        "name": i.name,
                        "unit": i.unit,
                        "baseline": num(i.baseline),
                        "target": num(i.target),
                        "target_date": day(i.target_date),
                    }
                    for i in o.indicators.all()
                ],
            }
            for o in outcome_list(partnership)
        ],
        "needs": [
            {
                "uuid": str(c.need.uuid),
                "category": c.need.category,
                "description": c.need.description,
                "quantity": num(c.need.quantity),
                "unit": c.need.unit,
                "needed_by": day(c.need.needed_by),
                "priority": c.need.priority,
                "outcomes": [str(o.uuid) for o in c.need.outcomes.all()],
            }
            for c in sorted(analysis.needs, key=lambda c: (c.need.created_at, c.need.pk))
        ],
        "pledges": [
            {
                "uuid": str(p.uuid),
                "partner": {"uuid": str(p.partner.uuid), "organisation": p.partner.organisation.name},
                "need": str(p.need.uuid) if p.need else None,
                "category": p.category,
                "description": p.description,
                "quantity": num(p.quantity),
                "unit": p.unit,
                "value_gbp": num(p.value_gbp),
                "availability": p.availability,
            }
            for share in analysis.shares
            for p in share.pledges
        ],
        "gaps": [
            {
                "need": str(c.need.uuid),
                "coverage": c.status,
                "quantity": num(c.need.quantity),
                "pledged": num(c.pledged),
                "remaining": num(c.remaining),
                "unit": c.need.unit,
                "pledges_in_other_units": [str(p.uuid) for p in c.other_unit_pledges],
                "possible_partners": [
                    {"uuid": str(s.organisation.uuid), "name": s.organisation.name} for s in c.suggestions
                ],
            }
            for c in analysis.needs
        ],
        "partner_shares": [
            {
                "partner": str(s.partner.uuid),
                "organisation": s.partner.organisation.name,
                "pledges": s.count,
                "value_gbp": num(s.value),
                "share_percent": num(s.share),
            }
            for s in analysis.shares
        ],
    }


def statement_for(partner: Partner) -> PartnerStatement | None:
    """What the partner wants from the partnership, or None if it has not said: one
    query."""
    return PartnerStatement.objects.filter(partner=partner).first()
