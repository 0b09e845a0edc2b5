"""Counting rules for polls: pure Python, no Django, no I/O.

Every function takes ``options`` (the poll's options, in the order the poll shows
them) and ``ballots``, and returns a frozen result dataclass that carries the winner
and the reasons for it, so a results page can show *why* an option won.

Ranked ballots
    A ranked ballot lists options, most preferred first. It may be partial (an empty
    ranking is an abstention). A ballot is one of:

    * a list or tuple of options: one voter's ranking;
    * a pair ``(ranking, count)`` where ``ranking`` is a list or tuple and ``count``
      an ``int``: ``count`` identical ballots;
    * a :class:`Ballot` (use it when options are themselves tuples, to avoid any
      ambiguity with the pair form).

    Identical rankings are aggregated first, so 100,000 ballots over a handful of
    options cost little more than the number of *distinct* rankings.

Common result fields
    ``winner``
        The single winner after the tie-break, or ``None`` when no vote was counted
        (no ballots, or only empty ones).
    ``winners``
        The options tied for first place *before* the tie-break (one element when
        there is no tie, empty when there is no winner).
    ``tie_broken``
        ``True`` when the documented tie-break rule, not the votes, decided.
    ``ranking``
        All options, best first, ties ordered by the tie-break rule.

Tie-break (the same everywhere unless a function says otherwise)
    Among tied options, the one listed earlier in ``options`` is preferred. The
    result is therefore fully determined by the inputs: same inputs, same output.

Invalid input (unknown or duplicate options, an option ranked twice, a negative or
non-integer count, negative dots, a non-numeric score) raises ``ValueError`` with a
message that names the problem.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from numbers import Real
from typing import Any, Generic, TypeVar

# The results carry the caller's own options (strings, model instances, ...) and, for
# the methods that add up points, the type of the points given: ints in, ints out.
OptionT = TypeVar("OptionT", bound=Hashable)  # an option
PointsT = TypeVar("PointsT", int, float)  # points on a ballot, and their totals

__all__ = [
    "Ballot",
    "InstantRunoffResult",
    "RunoffRound",
    "SchulzeResult",
    "TotalsResult",
    "approval_totals",
    "borda",
    "dot_vote_totals",
    "instant_runoff",
    "plurality",
    "schulze",
    "score_totals",
]


@dataclass(frozen=True)
class Ballot(Generic[OptionT]):
    """``count`` identical ranked ballots, each listing ``ranking`` best first."""

    ranking: Sequence[OptionT]
    count: int = 1


@dataclass(frozen=True)
class TotalsResult(Generic[OptionT, PointsT]):
    """Result of a method that adds up points per option (plurality, Borda, score, approval, dots)."""

    method: str
    winner: OptionT | None
    winners: list[OptionT]
    totals: dict[OptionT, PointsT]
    ranking: list[OptionT]
    ballots: int

    @property
    def tie_broken(self) -> bool:
        return len(self.winners) > 1


@dataclass(frozen=True)
class RunoffRound(Generic[OptionT]):
    """One round of instant-runoff counting.

    ``tallies`` holds the votes of each option still in the count (in options order);
    ``exhausted`` counts ballots with no remaining preference. Exactly one of
    ``elected`` / ``eliminated`` is set. ``tied`` lists the options that were tied on
    fewest votes when a tie-break was needed, and ``reason`` explains the decision.
    """

    number: int
    tallies: dict[OptionT, int]
    exhausted: int
    elected: OptionT | None = None
    eliminated: OptionT | None = None
    tied: list[OptionT] = field(default_factory=list)
    reason: str = ""


@dataclass(frozen=True)
class InstantRunoffResult(Generic[OptionT]):
    """Result of :func:`instant_runoff`; ``rounds`` are the reasons."""

    method: str
    winner: OptionT | None
    winners: list[OptionT]
    rounds: list[RunoffRound[OptionT]]
    ranking: list[OptionT]
    ballots: int
    tie_broken: bool


@dataclass(frozen=True)
class SchulzeResult(Generic[OptionT]):
    """Result of :func:`schulze`.

    ``d[a][b]`` is the number of voters who prefer ``a`` to ``b``; ``p[a][b]`` the
    strength of the strongest path from ``a`` to ``b`` (0 when there is none).
    """

    method: str
    winner: OptionT | None
    winners: list[OptionT]
    d: dict[OptionT, dict[OptionT, int]]
    p: dict[OptionT, dict[OptionT, int]]
    ranking: list[OptionT]
    ballots: int

    @property
    def tie_broken(self) -> bool:
        return len(self.winners) > 1


# --- validation and aggregation -------------------------------------------------


def _check_options(options: Sequence[OptionT]) -> dict[OptionT, int]:
    if isinstance(options, str | bytes):
        raise ValueError("options must be a sequence of options, not a string")
    index: dict[OptionT, int] = {}
    for option in options:
        try:
            if option in index:
                raise ValueError(f"duplicate option {option!r} in options")
        except TypeError:
            raise ValueError(f"option {option!r} is not hashable") from None
        index[option] = len(index)
    return index


def _check_count(count: object) -> int:
    if isinstance(count, bool) or not isinstance(count, int):
        raise ValueError(f"ballot count must be an integer, got {count!r}")
    if count < 0:
        raise ValueError(f"ballot count must not be negative, got {count}")
    return count


def _split_ballot(ballot: Any) -> tuple[Sequence[Any], int]:
    if isinstance(ballot, Ballot):
        return ballot.ranking, _check_count(ballot.count)
    if (
        isinstance(ballot, tuple)
        and len(ballot) == 2
        and isinstance(ballot[0], list | tuple)
        and isinstance(ballot[1], int)
        and not isinstance(ballot[1], bool)
    ):
        return ballot[0], _check_count(ballot[1])
    return ballot, 1


def _aggregate_ranked(
    options: Sequence[OptionT], ballots: Iterable[Any]
) -> tuple[dict[OptionT, int], list[tuple[tuple[int, ...], int]], int]:
    """Validate ranked ballots and merge identical rankings.

    Returns the option index, the distinct rankings as tuples of option indexes with
    their counts (first-seen order, so results never depend on hashing), and the
    number of non-empty ballots.
    """
    index = _check_options(options)
    raw: dict[tuple[Any, ...], int] = {}
    for ballot in ballots:
        ranking, count = _split_ballot(ballot)
        if isinstance(ranking, str | bytes) or not isinstance(ranking, list | tuple):
            raise ValueError(f"a ranked ballot must be a list of options, got {ranking!r}")
        key = tuple(ranking)
        try:
            raw[key] = raw.get(key, 0) + count
        except TypeError:
            raise ValueError(f"ballot {ranking!r} contains an unhashable option") from None
    aggregated: list[tuple[tuple[int, ...], int]] = []
    voters = 0
    for ranking, count in raw.items():
        if not ranking or count == 0:
            continue
        try:
            positions = tuple(index[option] for option in ranking)
        except KeyError as exc:
            raise ValueError(f"unknown option {exc.args[0]!r} in ballot {list(ranking)!r}") from None
        if len(set(positions)) != len(positions):
            raise ValueError(f"ballot {list(ranking)!r} ranks the same option more than once")
        aggregated.append((positions, count))
        voters += count
    return index, aggregated, voters


def _totals_result(
    method: str, options: Sequence[OptionT], totals: list[PointsT], ballots: int
) -> TotalsResult[OptionT, PointsT]:
    order = sorted(range(len(options)), key=lambda i: (-totals[i], i))
    ranking = [options[i] for i in order]
    if ballots == 0 or not options:
        winners: list[OptionT] = []
    else:
        best = totals[order[0]]
        winners = [options[i] for i in range(len(options)) if totals[i] == best]
    return TotalsResult(
        method=method,
        winner=winners[0] if winners else None,
        winners=winners,
        totals={option: totals[i] for i, option in enumerate(options)},
        ranking=ranking,
        ballots=ballots,
    )


# --- ranked methods ---------------------------------------------------------------


def plurality(options: Sequence[OptionT], ballots: Iterable[Any]) -> TotalsResult[OptionT, int]:
    """Plurality: each ballot gives one vote to its first preference; most votes wins.

    Partial ballots count for their first choice; empty ballots are abstentions.
    Tie-break: among options with the most first preferences, the one listed first
    in ``options`` wins (``winners`` lists all of them).
    """
    _, aggregated, voters = _aggregate_ranked(options, ballots)
    totals = [0] * len(options)
    for positions, count in aggregated:
        totals[positions[0]] += count
    return _totals_result("plurality", options, totals, voters)


def borda(options: Sequence[OptionT], ballots: Iterable[Any]) -> TotalsResult[OptionT, int]:
    """Borda count: with ``m`` options, the option ranked ``k``-th (from 1) scores ``m - k``.

    Partial ballots: ranked options keep the points of their position, unranked
    options score 0 (the "optional preferential" convention, so ranking fewer
    options never gives extra points to anyone). Highest total wins.
    Tie-break: among options with the highest total, the one listed first in
    ``options`` wins (``winners`` lists all of them).
    """
    _, aggregated, voters = _aggregate_ranked(options, ballots)
    top = len(options) - 1
    totals = [0] * len(options)
    for positions, count in aggregated:
        for place, option in enumerate(positions):
            totals[option] += (top - place) * count
    return _totals_result("borda", options, totals, voters)


def instant_runoff(options: Sequence[OptionT], ballots: Iterable[Any]) -> InstantRunoffResult[OptionT]:
    """Instant-runoff (alternative vote, ranked choice), one elimination per round.

    Each round, every ballot counts for its highest-ranked option still in the
    count. An option with more than half of the continuing (non-exhausted) ballots,
    or the last option left, is elected. Otherwise the option with the fewest votes
    is eliminated and its ballots pass to their next remaining preference; a partial
    ballot whose preferences are all eliminated becomes exhausted.

    Tie-break for elimination: among the options tied on fewest votes, eliminate the
    one with fewest votes in the previous round, then the round before, back to the
    first round; if still tied, eliminate the one listed *last* in ``options``. Each
    such decision is recorded in its round (``tied`` and ``reason``) and sets
    ``tie_broken``. ``winners`` holds the options still tied when the final
    elimination was a tie-break among every remaining option (e.g. two finalists with
    equal votes); otherwise it is ``[winner]``.
    ``ranking``: the winner, any other options still in the count by their final
    votes, then the eliminated options, last eliminated first.
    """
    _, aggregated, voters = _aggregate_ranked(options, ballots)
    if voters == 0 or not options:
        return InstantRunoffResult("instant_runoff", None, [], [], list(options), 0, False)

    remaining = set(range(len(options)))
    # Piles: each ballot sits on the pile of its current preference; only the
    # eliminated option's pile is moved, so total work is linear in ballot length.
    piles: dict[int, list[tuple[tuple[int, ...], int, int]]] = {i: [] for i in remaining}
    tallies = [0] * len(options)
    for positions, count in aggregated:
        piles[positions[0]].append((positions, count, 0))
        tallies[positions[0]] += count
    exhausted = 0
    history: list[list[int]] = []
    rounds: list[RunoffRound[OptionT]] = []
    eliminated_order: list[int] = []
    tie_broken = False
    final_tie: list[int] = []

    while True:
        number = len(rounds) + 1
        in_count = sorted(remaining)
        round_tallies = {options[i]: tallies[i] for i in in_count}
        continuing = voters - exhausted
        leader = max(in_count, key=lambda i: (tallies[i], -i))
        if len(in_count) == 1 or tallies[leader] * 2 > continuing:
            reason = (
                "last option remaining"
                if len(in_count) == 1
                else f"more than half of {continuing} continuing ballots ({tallies[leader]})"
            )
            rounds.append(
                RunoffRound(number, round_tallies, exhausted, elected=options[leader], reason=reason)
            )
            break

        fewest = min(tallies[i] for i in in_count)
        tied = [i for i in in_count if tallies[i] == fewest]
        candidates = tied
        reason = f"fewest votes ({fewest})"
        for back, past in enumerate(reversed(history)):
            if len(candidates) == 1:
                break
            low = min(past[i] for i in candidates)
            candidates = [i for i in candidates if past[i] == low]
            reason = f"tied on fewest votes ({fewest}); fewest in round {number - 1 - back} ({low})"
        if len(candidates) > 1:
            reason = f"tied on fewest votes ({fewest}); listed last among the tied options"
        loser = candidates[-1]
        if len(tied) > 1:
            tie_broken = True
        final_tie = tied if len(tied) == len(in_count) else []
        rounds.append(
            RunoffRound(
                number,
                round_tallies,
                exhausted,
                eliminated=options[loser],
                tied=[options[i] for i in tied] if len(tied) > 1 else [],
                reason=reason,
            )
        )
        history.append(list(tallies))
        remaining.discard(loser)
        eliminated_order.append(loser)
        for positions, count, at in piles.pop(loser):
            at += 1
            while at < len(positions) and positions[at] not in remaining:
                at += 1
            if at < len(positions):
                piles[positions[at]].append((positions, count, at))
                tallies[positions[at]] += count
            else:
                exhausted += count
        tallies[loser] = 0

    winner = leader
    ranking = [options[winner]]
    ranking += [options[i] for i in sorted(remaining - {winner}, key=lambda i: (-tallies[i], i))]
    ranking += [options[i] for i in reversed(eliminated_order)]
    # A tie-break decided the winner outright only when the last elimination was
    # between every remaining option (typically two finalists with equal votes).
    last_left = len(remaining) == 1 and len(rounds) > 1
    winners = [options[i] for i in final_tie] if last_left and final_tie else [options[winner]]
    return InstantRunoffResult(
        "instant_runoff", options[winner], winners, rounds, ranking, voters, tie_broken
    )


def schulze(options: Sequence[OptionT], ballots: Iterable[Any]) -> SchulzeResult[OptionT]:
    """Schulze (beat-path) Condorcet method, with path strength in winning votes.

    ``d[a][b]`` counts the voters ranking ``a`` above ``b``. On a partial ballot the
    ranked options are preferred to every unranked one, and unranked options are not
    compared with each other. A link ``a → b`` exists when ``d[a][b] > d[b][a]`` and
    has strength ``d[a][b]``; ``p[a][b]`` is the strength of the strongest path
    (Floyd-Warshall widest path). ``a`` beats ``b`` when ``p[a][b] > p[b][a]``; the
    options nobody beats are ``winners``. ``ranking`` lists the unbeaten options, then
    the options unbeaten once those are removed, and so on.
    Tie-break: among unbeaten options, and within each layer of the ranking, the one
    listed first in ``options`` comes first.
    """
    _, aggregated, voters = _aggregate_ranked(options, ballots)
    n = len(options)
    d = [[0] * n for _ in range(n)]
    for positions, count in aggregated:
        later = set(range(n))
        for option in positions:
            later.discard(option)
            row = d[option]
            for other in later:
                row[other] += count

    p = [[d[a][b] if d[a][b] > d[b][a] else 0 for b in range(n)] for a in range(n)]
    for k in range(n):
        pk = p[k]
        for a in range(n):
            if a == k:
                continue
            pak = p[a][k]
            if not pak:
                continue
            pa = p[a]
            for b in range(n):
                if b != a and b != k:
                    through = pak if pak < pk[b] else pk[b]
                    if through > pa[b]:
                        pa[b] = through

    left = list(range(n))
    ranking: list[int] = []
    while left:
        layer = [a for a in left if all(p[a][b] >= p[b][a] for b in left if b != a)]
        ranking.extend(layer)
        left = [a for a in left if a not in layer]
    winners = [options[a] for a in range(n) if all(p[a][b] >= p[b][a] for b in range(n) if b != a)]
    if voters == 0:
        winners = []
    return SchulzeResult(
        method="schulze",
        winner=winners[0] if winners else None,
        winners=winners,
        d={options[a]: {options[b]: d[a][b] for b in range(n) if b != a} for a in range(n)},
        p={options[a]: {options[b]: p[a][b] for b in range(n) if b != a} for a in range(n)},
        ranking=[options[a] for a in ranking],
        ballots=voters,
    )


# --- cardinal methods ---------------------------------------------------------------


def _check_number(value: PointsT, what: str) -> PointsT:
    if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(value):
        raise ValueError(f"{what} must be a finite number, got {value!r}")
    return value


def _mapping_totals(
    method: str,
    options: Sequence[OptionT],
    ballots: Iterable[Mapping[OptionT, PointsT]],
    *,
    allow_negative: bool,
) -> TotalsResult[OptionT, PointsT]:
    index = _check_options(options)
    totals: list[PointsT] = [0] * len(options)
    count = 0
    for ballot in ballots:
        if not isinstance(ballot, Mapping):
            raise ValueError(f"a {method} ballot must map options to numbers, got {ballot!r}")
        for option, value in ballot.items():
            if option not in index:
                raise ValueError(f"unknown option {option!r} in ballot")
            number = _check_number(value, f"the value for {option!r}")
            if number < 0 and not allow_negative:
                raise ValueError(f"the value for {option!r} must not be negative, got {number!r}")
            totals[index[option]] += number
        count += 1
    return _totals_result(method, options, totals, count)


def score_totals(
    options: Sequence[OptionT], ballots: Iterable[Mapping[OptionT, PointsT]]
) -> TotalsResult[OptionT, PointsT]:
    """Score voting: each ballot maps options to scores; the highest total wins.

    Options missing from a ballot score nothing from it. Scores may be any finite
    number (the poll decides the allowed range). Tie-break: among options with the
    highest total, the one listed first in ``options`` wins.
    """
    return _mapping_totals("score", options, ballots, allow_negative=True)


def dot_vote_totals(
    options: Sequence[OptionT], ballots: Iterable[Mapping[OptionT, int]]
) -> TotalsResult[OptionT, int]:
    """Dot voting: each ballot maps options to the dots placed on them; most dots wins.

    Dots must not be negative (the poll decides how many a voter may spend).
    Tie-break: among options with the most dots, the one listed first in ``options``
    wins.
    """
    return _mapping_totals("dot_vote", options, ballots, allow_negative=False)


def approval_totals(
    options: Sequence[OptionT], ballots: Iterable[Iterable[OptionT]]
) -> TotalsResult[OptionT, int]:
    """Approval voting: each ballot is a set of approved options; most approvals wins.

    An option listed twice on one ballot counts once. Tie-break: among options with
    the most approvals, the one listed first in ``options`` wins.
    """
    index = _check_options(options)
    totals = [0] * len(options)
    count = 0
    for ballot in ballots:
        if isinstance(ballot, str | bytes | Mapping) or not isinstance(ballot, Iterable):
            raise ValueError(f"an approval ballot must be a set of options, got {ballot!r}")
        approved = set()
        for option in ballot:
            if option not in index:
                raise ValueError(f"unknown option {option!r} in ballot")
            approved.add(index[option])
        for i in approved:
            totals[i] += 1
        count += 1
    return _totals_result("approval", options, totals, count)


def group_majority(options: Sequence[OptionT], ballots: Iterable[Any]) -> OptionT | None:
    """A group's one vote from its members' single-answer ballots: the option most
    of them chose (a plurality of those who voted, so with two answers a simple
    majority). ``None`` when no member voted or the top options tie: a tied
    organisation casts no vote, rather than the tie-break choosing for it. An
    organisation's turnout still counts it as taking part."""
    result = plurality(options, ballots)
    return result.winners[0] if len(result.winners) == 1 else None
