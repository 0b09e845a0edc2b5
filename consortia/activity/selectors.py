"""Activity signals as the radar reads them. The keys and `signal_series` are the
contract; the values are computed in the background (computation.py) and read here
as stored, so no page reads the event log."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from consortia.health.network import Network, Node, Tie
from consortia.partnerships.models import Partnership
from consortia.partnerships.rules import active_partners

from .models import Cursor, Period
from .signals import SIGNALS, Signal

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
    # False for the current month, counted so far (what happened today weighs as
    # much as a whole past month): a warning may prefer the complete ones.
    complete: bool = True


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
    this_month = timezone.localdate().replace(day=1)
    return {
        key: [
            SignalPoint(
                period_start=row.start,
                value=row.signals.get(key, {}).get("value"),
                detail=dict(row.signals.get(key, {}).get("detail", {})),
                complete=row.start < this_month,
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
    queries (the periods' tallies, the partners, which the permission check has usually loaded)."""
    rows = _periods(partnership, periods)
    weights: dict[tuple[str, str], float] = defaultdict(float)
    for row in rows:
        for key, weight in row.tallies.get("ties", {}).items():
            a, b = key.split("|")
            weights[(a, b)] += weight
    partners = sorted(active_partners(partnership), key=lambda p: p.organisation.name.casefold())
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


# --- the signals page -------------------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """One period's value as the page shows it: the month, the text, and the bar's
    height (0-100) in the small chart."""

    period_start: datetime.date
    text: str
    bar: int

    @property
    def height(self) -> int:
        """The bar's height in the 40-unit-high chart (at least 1, so a zero shows)."""
        return max(1, round(self.bar * 0.36))

    @property
    def y(self) -> int:
        return 40 - self.height


@dataclass(frozen=True)
class SignalRow:
    signal: Signal
    latest: str
    points: list[Shown]
    detail: list[tuple[str, str]]  # (partner, value) for the latest period with a value
    detail_month: datetime.date | None = None

    @property
    def chart_width(self) -> int:
        return 24 * len(self.points)


def shown(value: float | None, unit: str) -> str:
    """A signal's value in words and figures ("45%", "3.5 days", "none yet")."""
    if value is None:
        return "no data"
    if unit == "ratio":
        return f"{value * 100:.0f}%"
    if unit == "days":
        return f"{value:.1f} days"
    if unit == "hours":
        return f"{value:.1f} hours"
    if unit == "count":
        return f"{value:.0f}"
    return f"{value:.2f}"


def _detail_shown(value: float, unit: str) -> str:
    if unit == "gbp":
        return f"£{value:,.2f}"
    if unit == "flag":
        return "Yes"
    return shown(value, unit)


def signal_rows(*, partnership: Partnership, periods: int = 6) -> list[SignalRow]:
    """Every signal for the page: its latest value, its last `periods` months and
    the per-partner detail of the latest month with a value. One query (signal_series), and the
    partners the permission check has loaded."""
    series = signal_series(partnership=partnership, periods=periods)
    if not series:
        return []
    names = {str(p.organisation.uuid): p.organisation.name for p in active_partners(partnership)}
    rows = []
    for signal in SIGNALS:
        points = series[signal.key]
        top = max((p.value for p in points if p.value is not None), default=0.0) or 1.0
        latest = points[-1]
        measured = next((p for p in reversed(points) if p.value is not None), latest)
        rows.append(
            SignalRow(
                signal=signal,
                latest=shown(latest.value, signal.unit),
                points=[
                    Shown(
                        p.period_start,
                        shown(p.value, signal.unit),
                        round(100 * max(p.value or 0.0, 0.0) / top),
                    )
                    for p in points
                ],
                detail=sorted(
                    (names[key], _detail_shown(value, signal.detail_unit))
                    for key, value in measured.detail.items()
                    if key in names
                ),
                detail_month=measured.period_start,
            )
        )
    return rows
