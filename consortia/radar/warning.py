"""The inertia early warning, as pure arithmetic (no Django, no database): from what
the health check, the activity signals and the outcomes' progress say
(`RadarInputs`, made of the contract types), three marks of inertia and each survey
factor at clear, watch or warning, with the evidence in plain words, and one level
for the partnership.

The first three marks are Huxham and Vangen's description of collaborative inertia:
output that is negligible, that comes very slowly, or that comes only through pain and
hard grind. A fourth reads one of its causes in what partners do: partners unequal in
the work (one organisation doing most of it, a partner gone quiet), which the seed and
the theory name beside the survey's "equality" factor. Each is one entry of MARKS (a
key, a label, the cause in plain words, and the function that reads its evidence);
the survey adds one cause per factor, from its band.

Thresholds (docs/health.md gives their reasons and sources):

- A rising signal (slower decisions and replies, more talk per thing done) compares
  the last *complete* period with the median of the BASELINE_PERIODS periods before
  it (at least BASELINE_MIN of them with a value): RISE_WATCH (1.5x) or more is a
  watch, RISE_WARNING (2.5x) or more a warning. A rise below the signal's floor
  (SLOW_FLOOR, TALK_FLOOR) is not one anybody feels and stays clear. Talk per action
  done of TALK_HIGH (6) or more is a watch whatever the trend (a chronic grind).
- Actions done falling to 1/1.5 of the median before is a watch, to 1/2.5 a warning
  (the same ratios, the other way), when it is DONE_FLOOR (3) or more fewer; an action closure ratio under CLOSURE_WATCH (0.5)
  is a watch, under CLOSURE_WARNING (0.3) a warning. The share of new actions serving an
  outcome under LINKED_WATCH (0.4) and fallen to 1/1.5 of the median before is a watch.
- Outcomes: half or more of them off track is a warning; any off track, or half or
  more at risk, a watch; an outcome whose indicators have had no measurement for
  STALE_DAYS (90) days is a watch ("not moving").
- Uneven participation, in the last complete period: one organisation doing half of
  all the activity (elephant factor 1) with a participation Gini of GINI_WATCH (0.4) or
  more is a watch, a Gini of GINI_WARNING (0.6) or more a warning; votes as uneven
  (voice balance Gini from GINI_WATCH) a watch; a partner with no activity at all a
  watch, the same partner silent two complete periods running a warning.
- A survey factor in the "concern" band is a warning; "borderline" a watch.
- The level (LEVEL_RULES): a warning when any cause is at warning or WATCHES_FOR_WARNING
  (two) are at watch; a watch when one is; clear otherwise. With no evidence at all
  the level is "unknown" (not enough data yet): missing data never raises an alarm.

The period in progress is left out everywhere: half a month has fewer actions done
than a whole one, and that is not inertia.
"""

from __future__ import annotations

import calendar
import datetime
import math
import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the contract types; this module reads only their fields
    from consortia.activity.selectors import SignalPoint
    from consortia.health.selectors import FactorScore
    from consortia.progress.selectors import OutcomeProgress

UNKNOWN, CLEAR, WATCH, WARNING = "unknown", "clear", "watch", "warning"
RANK = {UNKNOWN: 0, CLEAR: 1, WATCH: 2, WARNING: 3}
LEVEL_LABELS = {UNKNOWN: "Not enough data yet", CLEAR: "Clear", WATCH: "Watch", WARNING: "Warning"}

BASELINE_PERIODS = 3
BASELINE_MIN = 2
RISE_WATCH = 1.5
RISE_WARNING = 2.5
# Below these the latest value is quick whatever the rise (a reply within 4 hours, a
# poll decided within 2 days) and below TALK_FLOOR posts, replies and meetings per
# action done, the talk is not a grind.
SLOW_FLOOR = {"first_reply_hours": 4.0, "poll_decision_days": 2.0}
TALK_FLOOR = 3.0
# Talk this high for each action done is a grind even when it has always been so (a
# partnership that was born talking): a watch whatever the trend. Twice the floor; the
# demo's and the simulation's healthy months run at 2 to 3.
TALK_HIGH = 6.0
# Fewer of the new actions serving an outcome (activity's actions_linked_share): a
# watch when the share is under LINKED_WATCH and has fallen to 1/RISE_WATCH of the
# median before. A sign of focus lost on the outcomes, never a warning on its own.
LINKED_WATCH = 0.4
# A fall in actions done by fewer than this many is not a fall: a partnership doing
# six actions a month does four or eight by chance alone (a count of six varies by
# about 2.5 from month to month), and 6 to 4 is already a 1.5x fall.
DONE_FLOOR = 3
CLOSURE_WATCH = 0.5
CLOSURE_WARNING = 0.3
STALE_DAYS = 90
GINI_WATCH = 0.4
GINI_WARNING = 0.6
WATCHES_FOR_WARNING = 2

# The survey's bands (health.selectors.FactorScore.band) as levels; "" is a factor
# under the respondents' threshold.
BAND_LEVEL = {"concern": WARNING, "borderline": WATCH, "strength": CLEAR, "": UNKNOWN}
BAND_LABELS = {"concern": "a concern", "borderline": "borderline, worth discussing", "strength": "a strength"}


@dataclass(frozen=True)
class RadarInputs:
    """Everything the warning reads. `signals` maps keys of activity's SIGNAL_KEYS to
    their series, oldest first; `today` tells the complete periods from the one in
    progress."""

    today: datetime.date
    factors: Sequence[FactorScore] = ()
    signals: Mapping[str, Sequence[SignalPoint]] = field(default_factory=dict)
    outcomes: Sequence[OutcomeProgress] = ()
    # Organisations' names by their uuid as text, the key of a signal's `detail`.
    partner_names: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Finding:
    """One piece of evidence, at its own level ("unknown": shown, never counted)."""

    level: str
    text: str


@dataclass(frozen=True)
class Cause:
    """A mark of inertia or a survey factor: its level, and at watch or warning the
    cause in plain words. `kind` is "mark" or "factor"."""

    key: str
    kind: str
    label: str
    level: str
    cause: str
    findings: tuple[Finding, ...] = ()

    @property
    def raised(self) -> bool:
        return self.level in (WATCH, WARNING)

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS[self.level]


@dataclass(frozen=True)
class Report:
    level: str
    marks: tuple[Cause, ...]
    factors: tuple[Cause, ...]
    reason: str  # how the level was reached, in a sentence

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS[self.level]

    @property
    def raised(self) -> tuple[Cause, ...]:
        """The causes at warning, then at watch (marks before factors)."""
        causes = [c for c in (*self.marks, *self.factors) if c.raised]
        return tuple(sorted(causes, key=lambda c: -RANK[c.level]))

    def cause(self, key: str) -> Cause | None:
        return next((c for c in (*self.marks, *self.factors) if c.key == key), None)


# --- reading a series -----------------------------------------------------------------------


def _finite(value: float | None) -> bool:
    return value is not None and not math.isnan(value)


def _period_end(start: datetime.date, step: datetime.timedelta) -> datetime.date:
    """The day after the period that starts on `start`: calendar months (a first of
    the month and a step of 28-31 days) end on the next first of the month."""
    if start.day == 1 and 28 <= step.days <= 31:
        return (start.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return start + step


def _step(points: Sequence[SignalPoint]) -> datetime.timedelta:
    if len(points) >= 2:
        return points[-1].period_start - points[-2].period_start
    return datetime.timedelta(days=31)  # one point: a month, the default period


def complete_periods(points: Sequence[SignalPoint], today: datetime.date) -> list[SignalPoint]:
    """The points whose period has ended by `today` (the one in progress left out)."""
    step = _step(points)
    return [p for p in points if _period_end(p.period_start, step) <= today]


def _is_monthly(points: Sequence[SignalPoint]) -> bool:
    return bool(points) and points[-1].period_start.day == 1 and 28 <= _step(points).days <= 31


def period_name(points: Sequence[SignalPoint], point: SignalPoint) -> str:
    """ "November" for a calendar month, else "the period from 3 November"."""
    start = point.period_start
    if _is_monthly(points):
        return f"{calendar.month_name[start.month]}"
    return f"the period from {start.day} {calendar.month_name[start.month]}"


@dataclass(frozen=True)
class Trend:
    """The last complete period's value against the median of those before."""

    points: tuple[SignalPoint, ...]
    latest: SignalPoint
    latest_value: float
    baseline: float | None
    before: int  # how many earlier periods the baseline comes from

    @property
    def ratio(self) -> float | None:
        if self.baseline is None:
            return None
        if self.baseline == 0:
            return math.inf if self.latest_value > 0 else 1.0
        return self.latest_value / self.baseline

    @property
    def when(self) -> str:
        return period_name(self.points, self.latest)

    @property
    def against(self) -> str:
        unit = "months" if _is_monthly(self.points) else "periods"
        count = {1: "one", 2: "two", 3: "three"}.get(self.before, str(self.before))
        return f"in the {count} {unit} before" if self.before > 1 else f"in the {unit[:-1]} before"


def trend(points: Sequence[SignalPoint] | None, today: datetime.date) -> Trend | None:
    """None when the last complete period has no value (not enough data)."""
    done = complete_periods(points or (), today)
    if not done or not _finite(done[-1].value):
        return None
    before = [p.value for p in done[-1 - BASELINE_PERIODS : -1] if _finite(p.value)]
    baseline = statistics.median(before) if len(before) >= BASELINE_MIN else None  # type: ignore[type-var]
    return Trend(tuple(points or ()), done[-1], float(done[-1].value), baseline, len(before))  # type: ignore[arg-type]


def rise_level(ratio: float | None, latest: float, floor: float) -> str:
    """A rising bad signal: watch from RISE_WATCH times its baseline, warning from
    RISE_WARNING, clear under its floor; unknown without a baseline."""
    if ratio is None:
        return UNKNOWN
    if latest < floor:
        return CLEAR
    if ratio >= RISE_WARNING:
        return WARNING
    if ratio >= RISE_WATCH:
        return WATCH
    return CLEAR


def number(value: float, unit: str = "") -> str:
    """52 hours, 1.5 days, 1 hour: one decimal at most, the unit made plural."""
    if math.isinf(value):
        return "no end of" + (f" {unit}s" if unit else "")
    shown = f"{value:.1f}".rstrip("0").rstrip(".") if abs(value) < 10 else f"{value:,.0f}"
    if not unit:
        return shown
    return f"{shown} {unit}" if shown == "1" else f"{shown} {unit}s"


# --- the three marks ------------------------------------------------------------------------


def _slow(inputs: RadarInputs, key: str, unit: str, what: str) -> Finding | None:
    found = trend(inputs.signals.get(key), inputs.today)
    if found is None:
        return None
    latest = f"{what} a median of {number(found.latest_value, unit)} in {found.when}"
    if found.baseline is None:
        return Finding(UNKNOWN, f"{latest}; there are not enough earlier periods to compare.")
    level = rise_level(found.ratio, found.latest_value, SLOW_FLOOR[key])
    return Finding(level, f"{latest}, against {number(found.baseline, unit)} {found.against}.")


def slow_pace(inputs: RadarInputs) -> tuple[Finding, ...]:
    """Decisions and replies taking longer than they did."""
    found = [
        _slow(inputs, "poll_decision_days", "day", "Polls took"),
        _slow(inputs, "first_reply_hours", "hour", "First replies to threads took"),
    ]
    return tuple(f for f in found if f is not None)


def hard_grind(inputs: RadarInputs) -> tuple[Finding, ...]:
    """Much talk (posts, replies, meetings) per action done, and more than before."""
    found = trend(inputs.signals.get("talk_per_done"), inputs.today)
    if found is None:
        return ()
    latest = (
        f"There were {number(found.latest_value)} posts, replies and meetings for each action done in {found.when}"
        if not math.isinf(found.latest_value)
        else f"There were posts, replies and meetings but no action done in {found.when}"
    )
    if found.baseline is None:
        level = WATCH if found.latest_value >= TALK_HIGH else UNKNOWN
        return (Finding(level, f"{latest}; there are not enough earlier periods to compare."),)
    level = rise_level(found.ratio, found.latest_value, TALK_FLOOR)
    if found.latest_value >= TALK_HIGH and RANK[level] < RANK[WATCH]:
        level = WATCH
    return (Finding(level, f"{latest}, against {number(found.baseline)} {found.against}."),)


def _closure(inputs: RadarInputs) -> Finding | None:
    done = complete_periods(inputs.signals.get("action_closure_ratio") or (), inputs.today)
    if not done or not _finite(done[-1].value):
        return None
    ratio = float(done[-1].value)  # type: ignore[arg-type]
    level = WARNING if ratio < CLOSURE_WARNING else WATCH if ratio < CLOSURE_WATCH else CLEAR
    when = period_name(done, done[-1])
    return Finding(level, f"{ratio:.0%} of the actions due or closed in {when} were done.")


def _actions_done(inputs: RadarInputs) -> Finding | None:
    found = trend(inputs.signals.get("actions_done"), inputs.today)
    if found is None or found.baseline is None or found.baseline <= 0:
        return None  # nothing done before either: the closure ratio tells that story
    per = "a month" if _is_monthly(found.points) else "a period"
    fall = found.baseline / found.latest_value if found.latest_value > 0 else math.inf
    level = WARNING if fall >= RISE_WARNING else WATCH if fall >= RISE_WATCH else CLEAR
    if found.baseline - found.latest_value < DONE_FLOOR:
        level = CLEAR  # within what chance moves a small count by
    count = number(found.latest_value)
    return Finding(
        level,
        f"{count} action{'' if count == '1' else 's'} done in {found.when}, "
        f"against {number(found.baseline)} {per} {found.against}.",
    )


def _linked(inputs: RadarInputs) -> Finding | None:
    found = trend(inputs.signals.get("actions_linked_share"), inputs.today)
    if found is None or found.baseline is None or found.baseline <= 0:
        return None
    share = found.latest_value
    fell = share * RISE_WATCH <= found.baseline
    level = WATCH if share < LINKED_WATCH and fell else CLEAR
    return Finding(
        level,
        f"{share:.0%} of the actions added in {found.when} serve an outcome, "
        f"against {found.baseline:.0%} {found.against}.",
    )


def _outcomes(inputs: RadarInputs) -> list[Finding]:
    outcomes = list(inputs.outcomes)
    measured = [o for o in outcomes if o.status != "no_data"]
    if not measured:
        return []
    off = sum(o.status == "off_track" for o in outcomes)
    risk = sum(o.status == "at_risk" for o in outcomes)
    total = len(outcomes)
    if off and 2 * off >= total:
        level = WARNING
    elif off or (2 * risk >= total and risk):
        level = WATCH
    else:
        level = CLEAR
    text = (
        f"{off} of {total} outcome{'s' if total != 1 else ''} off track and {risk} at risk "
        "against the line from baseline to target."
    )
    found = [Finding(level, text)]
    stale = []
    for outcome in measured:
        dates = [i.latest_on for i in outcome.indicators if i.latest_on is not None]
        if dates and (inputs.today - max(dates)).days >= STALE_DAYS:
            stale.append(outcome.title)
    if stale:
        names = ", ".join(f"“{t}”" for t in stale)
        found.append(Finding(WATCH, f"No new measurement for over three months: {names}."))
    return found


def negligible_output(inputs: RadarInputs) -> tuple[Finding, ...]:
    """Few actions done, fewer of them serving an outcome, and the outcomes not moving."""
    found = [_actions_done(inputs), _closure(inputs), _linked(inputs), *_outcomes(inputs)]
    return tuple(f for f in found if f is not None)


def _last(inputs: RadarInputs, key: str, count: int = 1) -> list[SignalPoint]:
    """The last `count` complete periods of a signal (fewer when there are fewer)."""
    return complete_periods(inputs.signals.get(key) or (), inputs.today)[-count:]


def _dominance(inputs: RadarInputs) -> Finding | None:
    last = _last(inputs, "participation_gini")
    if not last or not _finite(last[0].value):
        return None
    gini = float(last[0].value)  # type: ignore[arg-type]
    elephant = _last(inputs, "elephant_factor")
    one = bool(elephant) and elephant[0].period_start == last[0].period_start and elephant[0].value == 1
    level = WARNING if gini >= GINI_WARNING else WATCH if gini >= GINI_WATCH and one else CLEAR
    text = f"The activity across partner organisations had a Gini coefficient of {gini:.2f} in {period_name(last, last[0])}"
    if one:
        text += "; one organisation did half of it or more"
    return Finding(level, text + ".")


def _voice(inputs: RadarInputs) -> Finding | None:
    last = _last(inputs, "voice_balance")
    if not last or not _finite(last[0].value):
        return None
    gini = float(last[0].value)  # type: ignore[arg-type]
    level = WATCH if gini >= GINI_WATCH else CLEAR
    return Finding(
        level,
        f"Votes in the polls closed in {period_name(last, last[0])} had a Gini coefficient of {gini:.2f}.",
    )


def _silent(inputs: RadarInputs) -> Finding | None:
    last = _last(inputs, "inactive_partners", 2)
    if not last or not _finite(last[-1].value):
        return None
    now = {k for k, v in last[-1].detail.items() if v}
    count = int(last[-1].value)  # type: ignore[arg-type]
    when = period_name(last, last[-1])
    if count <= 0:
        return Finding(CLEAR, f"Every partner took part in {when}.")
    before = {k for k, v in last[0].detail.items() if v} if len(last) == 2 else set()
    level = WARNING if now & before else WATCH
    names = sorted(inputs.partner_names.get(k, "") for k in now)
    named = f": {', '.join(n for n in names if n)}" if any(names) else ""
    text = f"{count} partner{'s' if count != 1 else ''} took no part in {when}{named}"
    if now & before:
        text += "; silent the period before too"
    return Finding(level, text + ".")


def uneven_participation(inputs: RadarInputs) -> tuple[Finding, ...]:
    """One organisation doing most of the work or holding most of the say, or a partner gone quiet."""
    found = [_dominance(inputs), _voice(inputs), _silent(inputs)]
    return tuple(f for f in found if f is not None)


@dataclass(frozen=True)
class Mark:
    """One mark of inertia: a row of MARKS."""

    key: str
    label: str
    cause: str  # in plain words, shown when the mark is at watch or warning
    assess: Callable[[RadarInputs], tuple[Finding, ...]]


MARKS = (
    Mark(
        "negligible_output",
        "Little being done",
        "Little is getting done: few actions are closed and the outcomes are not moving.",
        negligible_output,
    ),
    Mark(
        "slow_pace",
        "Slow pace",
        "Things are slowing down: decisions and replies take longer than they did.",
        slow_pace,
    ),
    Mark(
        "hard_grind",
        "Hard grind",
        "Much talk for little done: more posts, replies and meetings for each action done.",
        hard_grind,
    ),
    Mark(
        "uneven_participation",
        "Uneven participation",
        "Partners are not taking part equally: one organisation does most of the work or has most of the say, or a partner has gone quiet.",
        uneven_participation,
    ),
)


def worst(findings: Sequence[Finding]) -> str:
    """The worst level among the findings that count; unknown when none does."""
    counted = [f.level for f in findings if f.level != UNKNOWN]
    return max(counted, key=RANK.__getitem__) if counted else UNKNOWN


def mark_assess(mark: Mark, inputs: RadarInputs) -> Cause:
    findings = mark.assess(inputs)
    level = worst(findings)
    return Cause(
        mark.key, "mark", mark.label, level, mark.cause if level in (WATCH, WARNING) else "", findings
    )


def factor_assess(factor: FactorScore) -> Cause:
    """A survey factor, at the level its band gives."""
    level = BAND_LEVEL.get(factor.band, UNKNOWN) if factor.score is not None else UNKNOWN
    if level == UNKNOWN:
        return Cause(
            factor.key,
            "factor",
            factor.label,
            UNKNOWN,
            "",
            (Finding(UNKNOWN, "Too few answers to show a score."),),
        )
    text = (
        f"Scored {factor.score:.1f} out of 5 ({BAND_LABELS[factor.band]}) by {factor.respondents} "
        f"respondent{'s' if factor.respondents != 1 else ''} from {factor.organisations} "
        f"organisation{'s' if factor.organisations != 1 else ''}"
    )
    if factor.spread is not None:
        text += f"; the organisations' scores are {factor.spread:.1f} apart"
    if factor.previous is not None:
        text += f"; {factor.previous:.1f} in the round before"
    cause = (
        f"Partners rate “{factor.label}” as {BAND_LABELS[factor.band]}." if level in (WATCH, WARNING) else ""
    )
    return Cause(factor.key, "factor", factor.label, level, cause, (Finding(level, text + "."),))


# --- the level ------------------------------------------------------------------------------


def _any_warning(levels: Sequence[str]) -> bool:
    return WARNING in levels


def _watches(levels: Sequence[str]) -> bool:
    return levels.count(WATCH) >= WATCHES_FOR_WARNING


def _one_watch(levels: Sequence[str]) -> bool:
    return WATCH in levels


# The level's rules, first match wins: (level, test of the causes' levels, the reason).
LEVEL_RULES: tuple[tuple[str, Callable[[Sequence[str]], bool], str], ...] = (
    (WARNING, _any_warning, "At least one cause is at warning."),
    (WARNING, _watches, f"{WATCHES_FOR_WARNING} or more causes are at watch."),
    (WATCH, _one_watch, "One cause is at watch."),
)


def level_of(levels: Sequence[str]) -> tuple[str, str]:
    """(level, reason) from the causes' levels."""
    counted = [level for level in levels if level != UNKNOWN]
    if not counted:
        return UNKNOWN, "There is not enough data yet: no signal, survey or measurement to read."
    for level, test, reason in LEVEL_RULES:
        if test(counted):
            return level, reason
    return CLEAR, "Nothing is at watch or warning."


def assess(inputs: RadarInputs) -> Report:
    """The marks, the factors and the level."""
    marks = tuple(mark_assess(mark, inputs) for mark in MARKS)
    factors = tuple(factor_assess(f) for f in inputs.factors)
    level, reason = level_of([c.level for c in (*marks, *factors)])
    return Report(level, marks, factors, reason)
