"""The advantage page's reading: the case a coordinator takes to a board or a funder.

Five parts, each from the app that owns the figure, none recomputed here:
- outcomes progress (selectors.outcome_progress);
- the value of pooled resources by partner, with what each received in return
  (pool.selectors.fair_shares, which reads the ledger's totals_by_partner);
- decisions taken with wide participation: each closed poll, with how many of the
  partner organisations it asked took part (decisions' Voted rows: anonymous polls
  count, and nobody's vote is shown);
- learning shared: training places attended, at another partner's course, and
  discussion threads where more than one organisation wrote, with the replies that
  came from another organisation than the one that started the thread;
- what the partnership achieved together that no partner could alone: outcomes that
  have moved towards their targets and to which at least two partners contributed,
  by a pledge to a need that serves the outcome or by a contribution delivered
  against such a pledge, with the partners named.

A fixed number of queries whatever the number of outcomes, measurements, polls,
votes, places, posts and contributions (see tests/test_query_budget.py).
"""

from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Count, F, Q

from consortia.canvas.models import Pledge
from consortia.contributions.models import Entry
from consortia.decisions.models import Poll, Voted
from consortia.decisions.rules import ELECTORATE_ROLES
from consortia.partnerships.models import Partnership
from consortia.partnerships.rules import active_partners
from consortia.pool.selectors import FairShares, fair_shares
from consortia.threads.models import Post, Thread
from consortia.training.models import Place

from .selectors import NO_DATA, OutcomeProgress, outcome_progress

# "Wide participation": at least this share of the partner organisations a poll asked took part.
WIDE = Fraction(2, 3)
# The closed polls the page lists, the latest first (the counts cover them all).
POLLS_SHOWN = 10


@dataclass(frozen=True)
class DecisionLine:
    title: str
    closed_on: str
    took_part: int
    asked: int

    @property
    def wide(self) -> bool:
        return self.asked > 0 and Fraction(self.took_part, self.asked) >= WIDE


@dataclass(frozen=True)
class Decisions:
    closed: int
    wide: int
    latest: list[DecisionLine]


@dataclass(frozen=True)
class Learning:
    places_attended: int
    courses: int
    organisations_attending: int
    places_at_another_partners_course: int
    threads_across_organisations: int
    replies_across_organisations: int


@dataclass(frozen=True)
class Together:
    outcome: OutcomeProgress
    partners: list[str]


@dataclass(frozen=True)
class Advantage:
    outcomes: list[OutcomeProgress]
    status_counts: dict[str, int]
    shares: FairShares
    decisions: Decisions
    learning: Learning
    together: list[Together]


def _decisions(partnership: Partnership) -> Decisions:
    """Closed polls with the partner organisations that took part of those asked
    (today's active partners in the poll's electorate). Three queries."""
    partners = active_partners(partnership)
    org_ids = [p.organisation_id for p in partners]
    polls = list(
        Poll.objects.filter(partnership=partnership, status=Poll.Status.CLOSED)
        .order_by("-closed_at", "-pk")
        .values_list("pk", "title", "closed_at", "electorate")
    )
    voted = Voted.objects.filter(poll__partnership=partnership, poll__status=Poll.Status.CLOSED)
    took_part: dict[int, set[int]] = defaultdict(set)
    for poll_id, org_id in voted.filter(voter_partner__isnull=False).values_list(
        "poll_id", "voter_partner__organisation_id"
    ):
        took_part[poll_id].add(org_id)
    for poll_id, org_id in voted.filter(voter_user__memberships__organisation_id__in=org_ids).values_list(
        "poll_id", "voter_user__memberships__organisation_id"
    ):
        took_part[poll_id].add(org_id)
    lines = []
    for pk, title, closed_at, electorate in polls:
        asked = {p.organisation_id for p in partners if p.role in ELECTORATE_ROLES[electorate]}
        lines.append(DecisionLine(title, f"{closed_at:%-d %B %Y}", len(took_part[pk] & asked), len(asked)))
    return Decisions(closed=len(lines), wide=sum(line.wide for line in lines), latest=lines[:POLLS_SHOWN])


def _learning(partnership: Partnership) -> Learning:
    """Training places attended and threads across organisations. Three aggregate queries."""
    places = Place.objects.filter(course__partnership=partnership, status=Place.Status.ATTENDED).aggregate(
        places=Count("pk"),
        courses=Count("course", distinct=True),
        organisations=Count("partner__organisation", distinct=True),
        across=Count("pk", filter=~Q(partner=F("course__partner"))),
    )
    threads = (
        Thread.objects.filter(partnership=partnership)
        .annotate(organisations=Count("posts__organisation", distinct=True))
        .filter(organisations__gte=2)
        .count()
    )
    replies = (
        Post.objects.filter(
            thread__partnership=partnership, organisation__isnull=False, thread__organisation__isnull=False
        )
        .exclude(organisation=F("thread__organisation"))
        .count()
    )
    return Learning(
        places_attended=places["places"],
        courses=places["courses"],
        organisations_attending=places["organisations"],
        places_at_another_partners_course=places["across"],
        threads_across_organisations=threads,
        replies_across_organisations=replies,
    )


def _moved(outcome: OutcomeProgress) -> bool:
    """At least one of its indicators has come some way from its baseline towards its target."""
    return any(i.share is not None and i.share > 0 for i in outcome.indicators)


def _together(partnership: Partnership, outcomes: list[OutcomeProgress]) -> list[Together]:
    """Outcomes that moved, with the active partners that pledged to a need serving
    them or delivered against such a pledge, when there are two or more. Two queries."""
    moved = {o.outcome_id: o for o in outcomes if o.status != NO_DATA and _moved(o)}
    if not moved:
        return []
    names = {p.pk: p.organisation.name for p in active_partners(partnership)}
    contributors: dict[int, set[int]] = defaultdict(set)
    pledged = Pledge.objects.filter(partnership=partnership, need__outcomes__in=list(moved)).values_list(
        "need__outcomes", "partner_id"
    )
    delivered = Entry.objects.filter(
        partnership=partnership, pledge__need__outcomes__in=list(moved)
    ).values_list("pledge__need__outcomes", "partner_id")
    for rows in (pledged.order_by().distinct(), delivered.order_by().distinct()):
        for outcome_id, partner_id in rows:
            if partner_id in names:
                contributors[outcome_id].add(partner_id)
    return [
        Together(outcome, sorted(names[pk] for pk in contributors[pk_outcome]))
        for pk_outcome, outcome in moved.items()
        if len(contributors[pk_outcome]) >= 2
    ]


def advantage(partnership: Partnership) -> Advantage:
    """Everything the advantage page and its PDF show, for `partnership`."""
    outcomes = outcome_progress(partnership=partnership)
    counts = {status: 0 for status in ("on_track", "at_risk", "off_track", NO_DATA)}
    for outcome in outcomes:
        counts[outcome.status] += 1
    return Advantage(
        outcomes=outcomes,
        status_counts=counts,
        shares=fair_shares(partnership),
        decisions=_decisions(partnership),
        learning=_learning(partnership),
        together=_together(partnership, outcomes),
    )
