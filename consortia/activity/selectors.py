"""Activity signals as the radar reads them. The keys and `signal_series` are the
contract; the values are computed in the background (computation.py) and read here
as stored, so no page reads the event log."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from consortia.health.network import Network, Node, Tie
from consortia.partnerships.models import Partnership

from .models import Cursor, Period

# Every signal, by the key the radar reads it under. Each is a number per period
# (a calendar month by default); `detail` breaks it down where the page shows more
# (per partner organisation, keyed by the organisation's uuid as text).
SIGNAL_KEYS = (
    "action_closure_ratio",  # actions done / actions due or closed in the period
    "action_overdue_rate",  # open actions past their due date / open actions, at period end
    "poll_decision_days",  # median days from a poll's opening to its outcome
    "first_reply_hours",  # median hours from a thread's start to its first reply by someone else
    "actions_linked_share",  # share of actions created that serve an outcome or objective
    "meeting_attendance",  # share of invited partners present; detail: per partner
    "participation_gini",  # Gini of events per partner organisation
    "elephant_factor",  # fewest organisations doing half the activity
    "inactive_partners",  # partners with no activity in the period; detail: which
    "voice_balance",  # Gini of votes cast per partner organisation in polls closed in the period
    "pledged_delivered_ratio",  # delivered / pledged value to date
    "contribution_balance",  # Gini of delivered contributions per partner to date; detail: per partner
    "interaction_density",  # density of the observed cross-organisation network in the period
    "talk_per_done",  # posts, replies and meetings per action done (the "hard grind")
    "actions_done",  # actions done in the period (the "negligible output")
)


@dataclass(frozen=True)
class SignalPoint:
    period_start: datetime.date
    value: float | None
    detail: dict[str, float] = field(default_factory=dict)


def _month_back(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 - months
    return datetime.date(index // 12, index % 12 + 1, 1)


def _periods(partnership: Partnership, periods: int) -> list[Period]:
    """The stored periods among the last `periods` months to this one (one query)."""
    this_month = timezone.localdate().replace(day=1)
    return list(
        Period.objects.filter(
            partnership=partnership, start__gte=_month_back(this_month, periods - 1), start__lte=this_month
        ).order_by("start")
    )


def signal_series(*, partnership: Partnership, periods: int = 6) -> dict[str, list[SignalPoint]]:
    """The last `periods` computed periods of each signal in SIGNAL_KEYS, oldest
    first, from the stored computation (never from the event log in the request):
    one query whatever the number of events. {} before the first computation.

    The months counted are the `periods` months up to and including the current
    one (which is counted so far); a month in which nothing at all was recorded has
    no point."""
    rows = _periods(partnership, periods)
    if not rows:
        return {}
    return {
        key: [
            SignalPoint(
                period_start=row.start,
                value=row.signals.get(key, {}).get("value"),
                detail=dict(row.signals.get(key, {}).get("detail", {})),
            )
            for row in rows
        ]
        for key in SIGNAL_KEYS
    }


def signals_read_to(*, partnership: Partnership) -> Cursor | None:
    """How far the computation has read the partnership's log (None before it ran)."""
    return Cursor.objects.filter(partnership=partnership).first()


def behavioural_network(*, partnership: Partnership, periods: int = 6) -> Network:
    """Who worked with whom over the last `periods` periods, observed from activity:
    co-attendance at meetings, replies to another organisation's thread, actions one
    organisation added for another, bookings of another partner's assets. Nodes are
    the active partner organisations; a tie's weight counts the interactions. Two
    queries (the periods' tallies, the partners)."""
    rows = _periods(partnership, periods)
    weights: dict[tuple[str, str], float] = defaultdict(float)
    for row in rows:
        for key, weight in row.tallies.get("ties", {}).items():
            a, b = key.split("|")
            weights[(a, b)] += weight
    partners = list(
        partnership.partners.active().select_related("organisation").order_by("organisation__name")
    )
    by_id = {str(p.organisation_id): p.organisation for p in partners}
    ties = tuple(
        Tie(str(by_id[a].uuid), str(by_id[b].uuid), w)
        for (a, b), w in sorted(weights.items())
        if a in by_id and b in by_id
    )
    nodes = tuple(Node(key=str(p.organisation.uuid), label=p.organisation.name) for p in partners)
    caption = ""
    if rows:
        caption = f"Observed in activity, {rows[0].start:%B %Y} to {rows[-1].start:%B %Y}"
    return Network(nodes=nodes, ties=ties, caption=caption)
