"""The activity signals, one table entry each: its key (activity/selectors.py's
SIGNAL_KEYS), its label and unit, whether a higher value is better, how it is
measured in plain words (shown on the page), and its arithmetic, a pure function of
one period's tallies (computation.py keeps them). Gini, elephant factor and density
are consortia.health.measures's; nothing here touches the database.

Adding a signal is one entry here, its key in SIGNAL_KEYS, and its tests.
"""

from collections.abc import Callable
from dataclasses import dataclass
from statistics import median
from typing import Any

from consortia.health.measures import density, elephant_factor, gini

Detail = dict[str, float]
Measured = tuple[float | None, Detail]


@dataclass(frozen=True)
class PeriodFacts:
    """What one period's signals are computed from.

    `tally`: the period's own counters (computation.py); `to_date`: the counters
    summed over this period and every earlier one ("delivered", "pledges",
    "actions"); `partners`: the organisations that were partners during the period
    (organisation id as text -> uuid as text); `uuids`: every partner organisation's
    uuid, by id, to name the organisations a detail lists."""

    tally: dict[str, Any]
    to_date: dict[str, dict[str, float]]
    partners: dict[str, str]
    uuids: dict[str, str]

    def counters(self, section: str) -> dict[str, float]:
        found: dict[str, float] = self.tally.get(section, {})
        return found

    def per_partner(self, section: str, *, to_date: bool = False) -> dict[str, float]:
        """A counter per organisation, every partner of the period listed (0 when it
        did nothing), and any other organisation credited."""
        source = self.to_date.get(section, {}) if to_date else self.counters(section)
        values = {org: 0.0 for org in self.partners}
        for org, amount in source.items():
            values[org] = values.get(org, 0.0) + float(amount)
        return values

    def by_uuid(self, values: dict[str, float]) -> Detail:
        return {self.uuids[org]: round(v, 4) for org, v in values.items() if org in self.uuids}


def ratio(part: float, whole: float) -> float | None:
    """part / whole, or None when there is nothing to divide by."""
    return part / whole if whole else None


def median_or_none(values: list[float]) -> float | None:
    return float(median(values)) if values else None


def _closure(f: PeriodFacts) -> Measured:
    a = f.counters("actions")
    done = a.get("done", 0)
    return ratio(done, done + a.get("dropped", 0) + a.get("due_unclosed", 0)), {}


def _overdue(f: PeriodFacts) -> Measured:
    a = f.to_date.get("actions", {})
    return ratio(max(a.get("overdue_delta", 0), 0), max(a.get("open_delta", 0), 0)), {}


def _poll_days(f: PeriodFacts) -> Measured:
    return median_or_none(f.tally.get("poll_days", [])), {}


def _first_reply(f: PeriodFacts) -> Measured:
    return median_or_none(f.tally.get("first_reply_hours", [])), {}


def _linked(f: PeriodFacts) -> Measured:
    a = f.counters("actions")
    return ratio(a.get("linked", 0), a.get("created", 0)), {}


def _attendance(f: PeriodFacts) -> Measured:
    invited, present = f.counters("att_invited"), f.counters("att_present")
    detail = {org: present.get(org, 0) / n for org, n in invited.items() if n}
    return ratio(sum(present.values()), sum(invited.values())), f.by_uuid(detail)


def _participation(f: PeriodFacts) -> Measured:
    counts = f.per_partner("events")
    return (gini(counts.values()) if sum(counts.values()) else None), {}


def _elephant(f: PeriodFacts) -> Measured:
    counts = f.per_partner("events")
    return (float(elephant_factor(counts.values())) if sum(counts.values()) else None), {}


def _inactive(f: PeriodFacts) -> Measured:
    counts = f.per_partner("events")
    silent = {org: 1.0 for org in f.partners if not counts.get(org)}
    return float(len(silent)), f.by_uuid(silent)


def _voice(f: PeriodFacts) -> Measured:
    votes = f.per_partner("votes")
    return (gini(votes.values()) if sum(votes.values()) else None), {}


def _pledged(f: PeriodFacts) -> Measured:
    p = f.to_date.get("pledges", {})
    return ratio(p.get("delivered", 0), p.get("made", 0)), {}


def _balance(f: PeriodFacts) -> Measured:
    delivered = {org: max(v, 0.0) for org, v in f.per_partner("delivered", to_date=True).items()}
    if not sum(delivered.values()):
        return None, {}
    return gini(delivered.values()), f.by_uuid({org: round(v, 2) for org, v in delivered.items()})


def _density(f: PeriodFacts) -> Measured:
    if len(f.partners) < 2:
        return None, {}
    ties = [tuple(key.split("|")) for key in f.counters("ties") if set(key.split("|")) <= set(f.partners)]
    return density(len(f.partners), [(a, b) for a, b in ties]), {}


def _talk(f: PeriodFacts) -> Measured:
    talk = sum(f.counters("talk").values())
    done = f.counters("actions").get("done", 0)
    if not talk and not done:
        return None, {}
    return talk / max(done, 1), {}


def _done(f: PeriodFacts) -> Measured:
    return float(f.counters("actions").get("done", 0)), {}


@dataclass(frozen=True)
class Signal:
    key: str
    label: str
    unit: str  # "ratio" (shown as a percentage), "days", "hours", "count", "gini", "per"
    higher_is_better: bool | None  # None: neither (a balance is read with the others)
    how: str
    measure: Callable[[PeriodFacts], Measured]
    detail_label: str = ""  # what the per-partner detail shows, when there is one
    detail_unit: str = ""  # how a detail value reads: "ratio", "gbp" or "flag" (listed or not)


SIGNALS: tuple[Signal, ...] = (
    Signal(
        "action_closure_ratio",
        "Action closure ratio",
        "ratio",
        True,
        "Actions marked done in the month, divided by the actions that were closed in the month "
        "(done or dropped) or fell due in it and were still open at its end. 100% means everything "
        "that was due got done. In the current month, an action due later in the month already "
        "counts as not yet done.",
        _closure,
    ),
    Signal(
        "action_overdue_rate",
        "Overdue actions",
        "ratio",
        False,
        "At the end of the month, the open actions whose due date had passed, divided by all open actions. "
        "In the current month, an action due later in the month already counts as overdue.",
        _overdue,
    ),
    Signal(
        "poll_decision_days",
        "Time from a poll to its outcome",
        "days",
        False,
        "For each poll whose outcome was written in the month, the days from the poll's opening to "
        "its outcome; the figure is the median (the middle one), so one slow poll does not swamp it.",
        _poll_days,
    ),
    Signal(
        "first_reply_hours",
        "Time to first reply",
        "hours",
        False,
        "For each thread started in the month, the hours until someone other than its author first "
        "replied; the figure is the median. Threads nobody has answered yet are not counted until they are.",
        _first_reply,
    ),
    Signal(
        "actions_linked_share",
        "Actions linked to an outcome",
        "ratio",
        True,
        "Of the actions added in the month, the share that serve one of the canvas's outcomes or "
        "an objective of the agreement.",
        _linked,
    ),
    Signal(
        "meeting_attendance",
        "Meeting attendance",
        "ratio",
        True,
        "For the meetings whose attendance was recorded in the month, the invited partner "
        "organisations with at least one person present, over the organisations invited. Per partner: "
        "the share of its invitations it attended.",
        _attendance,
        "Share of meetings attended",
        "ratio",
    ),
    Signal(
        "participation_gini",
        "Participation inequality (Gini)",
        "gini",
        False,
        "Everything recorded in the month for each partner organisation (posts, votes, actions, "
        "bookings, contributions...), compared with the Gini coefficient: 0 when every partner does "
        "the same, near 1 when one does everything.",
        _participation,
    ),
    Signal(
        "elephant_factor",
        "Elephant factor",
        "count",
        True,
        "The fewest partner organisations that together did half of the month's activity. "
        "1 means the partnership rests on one organisation.",
        _elephant,
    ),
    Signal(
        "inactive_partners",
        "Inactive partners",
        "count",
        False,
        "Partner organisations with nothing recorded for them in the month: no post, vote, "
        "action, attendance, booking or contribution.",
        _inactive,
        "Nothing recorded",
        "flag",
    ),
    Signal(
        "voice_balance",
        "Voice balance in decisions (Gini)",
        "gini",
        False,
        "Votes cast for each partner organisation in the polls that closed in the month, "
        "compared with the Gini coefficient: 0 when every partner voted as often, near 1 when one "
        "organisation's voice dominates.",
        _voice,
    ),
    Signal(
        "pledged_delivered_ratio",
        "Pledges delivered",
        "ratio",
        True,
        "To the end of the month, the pledges that have had a contribution recorded against them "
        "in the ledger, over all pledges made (withdrawn ones left out).",
        _pledged,
    ),
    Signal(
        "contribution_balance",
        "Contribution balance (Gini)",
        "gini",
        None,
        "The value each partner has delivered to date in the contributions ledger (money and in kind, "
        "at the rate card's values), compared with the Gini coefficient: 0 when every partner gave "
        "the same. Unequal shares can be fair; read it with the fair-shares page.",
        _balance,
        "Delivered to date",
        "gbp",
    ),
    Signal(
        "interaction_density",
        "Cross-organisation interaction density",
        "ratio",
        True,
        "Pairs of partner organisations that worked together in the month (attended the same "
        "meeting, replied to each other's threads, shared an action or booked each other's assets), "
        "over all possible pairs.",
        _density,
    ),
    Signal(
        "talk_per_done",
        "Talk per action done",
        "per",
        False,
        "Posts, replies and meetings in the month, divided by the actions done in it (by one when "
        "none was done). A rising figure means much talk for little done: the \u201chard grind\u201d.",
        _talk,
    ),
    Signal(
        "actions_done",
        "Actions done",
        "count",
        True,
        "Actions marked done in the month.",
        _done,
    ),
)

SIGNALS_BY_KEY = {s.key: s for s in SIGNALS}


def compute_signals(facts: PeriodFacts) -> dict[str, dict[str, Any]]:
    """Every signal of one period: key -> {"value": number or None, "detail": {...}}."""
    out: dict[str, dict[str, Any]] = {}
    for signal in SIGNALS:
        value, detail = signal.measure(facts)
        out[signal.key] = {"value": None if value is None else round(value, 4), "detail": detail}
    return out
