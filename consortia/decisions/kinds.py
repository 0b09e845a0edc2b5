"""Poll kinds in one table: everything that differs from one kind of poll to another.

Each entry of KINDS says, for one Kind:

- its answers: fixed (the proposal kinds) or written by the convener, whether the
  convener may let voters choose several, and whether a ballot is one answer (only
  those can be counted as each organisation's members' majority);
- the voting form's fields, how the form's data becomes a stored choice, and back
  (a change of vote starts from the voter's ballot);
- how a choice is checked before it is stored (vote_cast: a ServiceError, 400);
- how the choices are counted, with the pure functions of counting.py, into the
  lines of the results table;
- the results layout: the template partial that shows those lines
  (templates/decisions/partials/results_<layout>.html).

What every kind shares stays where it was: turnout, the quorum and the basis
(members' majority, weights) in selectors.poll_results; the reason and "voting
for" in forms.VoteForm; opening and voting in services.

Adding a kind: its Kind value (models.py, and a migration: the database checks the
kind), one entry here, its results partial if it needs a new layout, and its
tests; tests/test_kinds_table.py fails until every Kind has an entry whose form,
check and count agree.

A stored choice is a list of option keys (in the options' order; a ranking, best
first, for ranked choice) or {key: value} (scores, dots, yes / maybe / no).
"""

from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, cast

from django import forms

from consortia.core.errors import ServiceError

from . import counting
from .models import NEEDS_REASON, SCORE_MAX, SCORE_MIN, TIME_ANSWERS, Kind, Poll, PollOption

Choice = list[str] | dict[str, Any]


# --- what a kind's count gives the results page ------------------------------------------------


@dataclass
class OptionResult:
    option: PollOption
    count: int = 0  # ballots choosing it (proposal kinds and polls)
    total: int = 0  # sum of scores (score polls)
    percent: int = 0  # of ballots (or of the highest possible total, for scores)
    average: float = 0.0
    maybe: int = 0  # time polls: count is the yeses
    no: int = 0


@dataclass
class RoundLine:
    number: int
    tallies: list[tuple[PollOption, int | None]]  # None: already out of the count
    exhausted: int
    elected: PollOption | None
    eliminated: PollOption | None
    reason: str


@dataclass
class PairwiseRow:
    option: PollOption
    cells: list[tuple[PollOption, int | None, bool]]  # (against, voters preferring, wins?)


@dataclass
class Tally:
    """One kind's count: a line per option, the keys tied for first (before the
    engine's tie-break: a tie shows as a tie), and anything else its layout shows."""

    lines: list[OptionResult]
    winners: set[str]
    extra: dict[str, Any] = field(default_factory=dict)


# --- the kinds ---------------------------------------------------------------------------------


class PollKind(ABC):
    """What every kind answers (a class missing one cannot be made: the table fails
    on import); the layout defaults to votes and shares."""

    layout: ClassVar[str] = "votes"
    answers: tuple[tuple[str, str], ...] = ()  # fixed (key, label); empty: the convener writes them
    allows_multiple: bool = False  # the convener may let voters choose several options
    single_answer: bool = True  # one answer per ballot: members' majority can count it

    @property
    def template(self) -> str:
        return f"decisions/partials/results_{self.layout}.html"

    @abstractmethod
    def fields(self, poll: Poll, options: Sequence[PollOption]) -> dict[str, forms.Field]:
        """The voting form's fields for the kind, by name."""

    def form_check(self, option_keys: list[str], data: dict[str, Any], *, has_errors: bool) -> None:
        """Checks across the kind's fields (a forms.ValidationError); none by default."""
        return None

    @abstractmethod
    def from_form(self, poll: Poll, option_keys: list[str], data: dict[str, Any]) -> Any:
        """The choice the form's cleaned data gives, for clean() to check."""

    @abstractmethod
    def to_form(self, poll: Poll, choice: Choice) -> dict[str, Any]:
        """The form's initial data for a stored choice."""

    @abstractmethod
    def clean(self, poll: Poll, option_keys: list[str], choice: Any, reason: str) -> Choice:
        """The choice in its stored form, or a ServiceError saying what to fix."""

    def weigh(self, pairs: list[tuple[Choice, int]]) -> list[Any]:
        """The choices to count when each (choice, weight) counts its weight: the
        choice repeated (weights are 1 to 100)."""
        return [choice for choice, weight in pairs for _ in range(weight)]

    @abstractmethod
    def tally(self, poll: Poll, options: list[PollOption], choices: list[Any], n: int) -> Tally:
        """Count the choices (n: the votes they are worth) into the results lines."""


def _votes_lines(
    options: list[PollOption], counted: counting.TotalsResult[str, int], n: int
) -> list[OptionResult]:
    lines = []
    for option in options:
        total = counted.totals.get(option.key, 0)
        lines.append(OptionResult(option, count=total, percent=round(100 * total / n) if n else 0))
    return lines


def _winners(counted: counting.TotalsResult[str, int], n: int) -> set[str]:
    return set(counted.winners) if n else set()


def _list_of_keys(choice: Any, known: set[str], *, empty: str, twice: str) -> list[str]:
    """A list of distinct known option keys (one key alone is a list of one)."""
    if isinstance(choice, str):
        choice = [choice]
    if not isinstance(choice, list) or not choice or not all(isinstance(key, str) for key in choice):
        raise ServiceError(empty, field="choice")
    if not set(choice) <= known:
        raise ServiceError("Choose from the options given", field="choice")
    if len(set(choice)) != len(choice):
        raise ServiceError(twice, field="choice")
    return choice


@dataclass(frozen=True)
class Choose(PollKind):
    """Choose an answer: the proposal kinds (fixed answers) and simple polls (the
    convener's options, one or several chosen). Plurality, or approval when voters
    may choose several. An objection or a block needs a reason."""

    answers: tuple[tuple[str, str], ...] = ()
    allows_multiple: bool = False

    def fields(self, poll: Poll, options: Sequence[PollOption]) -> dict[str, forms.Field]:
        choices = [(o.key, o.label) for o in options]
        if poll.multiple:
            return {
                "choice": forms.MultipleChoiceField(
                    label="Your choices",
                    choices=choices,
                    widget=forms.CheckboxSelectMultiple,
                    error_messages={
                        "required": "Choose at least one option",
                        "invalid_choice": "Choose from the options given",
                    },
                )
            }
        return {
            "choice": forms.ChoiceField(
                label="Your vote",
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Choose an answer",
                    "invalid_choice": "Choose from the options given",
                },
            )
        }

    def from_form(self, poll: Poll, option_keys: list[str], data: dict[str, Any]) -> Any:
        return data["choice"]

    def to_form(self, poll: Poll, choice: Choice) -> dict[str, Any]:
        keys = cast(list[str], choice)  # this kind's ballots are lists of option keys
        return {"choice": keys if poll.multiple else keys[0]}

    def clean(self, poll: Poll, option_keys: list[str], choice: Any, reason: str) -> Choice:
        choice = _list_of_keys(
            choice, set(option_keys), empty="Choose an answer", twice="Choose each option once"
        )
        if len(choice) > 1 and not poll.multiple:
            raise ServiceError("Choose one answer", field="choice")
        if set(choice) & NEEDS_REASON and not reason.strip():
            what = "a block" if "block" in choice else "an objection"
            raise ServiceError(f"Say why you object: {what} needs a reason", field="reason")
        return [key for key in option_keys if key in choice]

    def tally(self, poll: Poll, options: list[PollOption], choices: list[Any], n: int) -> Tally:
        keys = [o.key for o in options]
        counted = (counting.approval_totals if poll.multiple else counting.plurality)(keys, choices)
        return Tally(_votes_lines(options, counted, n), _winners(counted, n))


class Ranked(PollKind):
    """Ranked choice: a rank for some or all options, best first. Shown as first
    preferences, the instant-runoff rounds (which elect) and Schulze's pairwise table."""

    layout = "ranked"
    single_answer = False

    def fields(self, poll: Poll, options: Sequence[PollOption]) -> dict[str, forms.Field]:
        return {f"rank_{o.key}": _number(o.label, 1, len(options), "a rank", required=False) for o in options}

    def form_check(self, option_keys: list[str], data: dict[str, Any], *, has_errors: bool) -> None:
        ranks = [data.get(f"rank_{key}") for key in option_keys if data.get(f"rank_{key}") is not None]
        if len(set(ranks)) != len(ranks):
            raise forms.ValidationError("Give each option a different rank")
        if not ranks and not has_errors:
            raise forms.ValidationError("Rank at least one option")

    def from_form(self, poll: Poll, option_keys: list[str], data: dict[str, Any]) -> Any:
        ranked = [(data[f"rank_{key}"], key) for key in option_keys if data.get(f"rank_{key}") is not None]
        return [key for _, key in sorted(ranked)]

    def to_form(self, poll: Poll, choice: Choice) -> dict[str, Any]:
        return {f"rank_{key}": rank for rank, key in enumerate(choice, 1)}

    def clean(self, poll: Poll, option_keys: list[str], choice: Any, reason: str) -> Choice:
        return _list_of_keys(
            choice,
            set(option_keys),
            empty="Rank at least one option",
            twice="Give each option a different rank",
        )

    def weigh(self, pairs: list[tuple[Choice, int]]) -> list[Any]:
        # The weight is the count of identical ballots, not copies of the ranking.
        return [counting.Ballot(cast(list[str], choice), weight) for choice, weight in pairs]

    def tally(self, poll: Poll, options: list[PollOption], choices: list[Any], n: int) -> Tally:
        keys = [o.key for o in options]
        first = counting.plurality(keys, choices)  # first preferences
        runoff = counting.instant_runoff(keys, choices)
        pairwise = counting.schulze(keys, choices)
        winners = {runoff.winner} if runoff.winner is not None else set()
        return Tally(_votes_lines(options, first, n), winners, _ranked_reasons(options, runoff, pairwise))


def _ranked_reasons(
    options: list[PollOption],
    runoff: counting.InstantRunoffResult[str],
    pairwise: counting.SchulzeResult[str],
) -> dict[str, Any]:
    """The instant-runoff rounds and Schulze's pairwise table, with options for keys."""
    by_key: dict[str | None, PollOption] = {o.key: o for o in options}  # None: no option
    rounds = [
        RoundLine(
            r.number,
            [(o, r.tallies.get(o.key)) for o in options],
            r.exhausted,
            by_key.get(r.elected),
            by_key.get(r.eliminated),
            r.reason,
        )
        for r in runoff.rounds
    ]
    table = [
        PairwiseRow(
            a,
            [
                (b, None, False)
                if a.key == b.key
                else (b, pairwise.d[a.key][b.key], pairwise.d[a.key][b.key] > pairwise.d[b.key][a.key])
                for b in options
            ],
        )
        for a in options
    ]
    return {"runoff": rounds, "pairwise": table, "condorcet": [by_key[k] for k in pairwise.winners]}


class _Mapping(PollKind):
    """A value for each option, in fields named <prefix><option key>; stored as
    {key: value} for every option."""

    prefix: ClassVar[str]
    single_answer = False

    def from_form(self, poll: Poll, option_keys: list[str], data: dict[str, Any]) -> Any:
        return {key: data[f"{self.prefix}{key}"] for key in option_keys}

    def to_form(self, poll: Poll, choice: Choice) -> dict[str, Any]:
        assert isinstance(choice, dict)
        return {f"{self.prefix}{key}": value for key, value in choice.items()}

    def clean(self, poll: Poll, option_keys: list[str], choice: Any, reason: str) -> Choice:
        if not isinstance(choice, dict) or not set(choice) <= set(option_keys):
            raise ServiceError("Answer for the options given", field="choice")
        self.check(poll, option_keys, choice)
        return {key: choice.get(key, 0) for key in option_keys}

    @abstractmethod
    def check(self, poll: Poll, option_keys: list[str], choice: dict[str, Any]) -> None:
        """The per-kind check of a {key: value} choice (a ServiceError)."""


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _points_lines(
    options: list[PollOption], counted: counting.TotalsResult[str, int], n: int, best: int
) -> list[OptionResult]:
    """Totals of points, their average per vote, and the share of the most possible."""
    lines = []
    for option in options:
        total = counted.totals.get(option.key, 0)
        line = OptionResult(option, total=total)
        line.average = round(total / n, 1) if n else 0.0
        line.percent = round(100 * total / (best * n)) if n else 0
        lines.append(line)
    return lines


class Score(_Mapping):
    """A score of 0 to 10 for every option; the highest total wins."""

    layout = "points"
    prefix = "score_"

    def fields(self, poll: Poll, options: Sequence[PollOption]) -> dict[str, forms.Field]:
        return {f"score_{o.key}": _number(o.label, SCORE_MIN, SCORE_MAX, "a score") for o in options}

    def check(self, poll: Poll, option_keys: list[str], choice: dict[str, Any]) -> None:
        if set(choice) != set(option_keys):
            raise ServiceError("Give every option a score", field="choice")
        if not all(_whole(v) and SCORE_MIN <= v <= SCORE_MAX for v in choice.values()):
            raise ServiceError(
                f"Give each score as a whole number from {SCORE_MIN} to {SCORE_MAX}", field="choice"
            )

    def tally(self, poll: Poll, options: list[PollOption], choices: list[Any], n: int) -> Tally:
        counted = counting.score_totals([o.key for o in options], choices)
        return Tally(_points_lines(options, counted, n, SCORE_MAX), _winners(counted, n))


class DotVote(_Mapping):
    """The poll's number of dots spread across the options (an empty field is 0);
    most dots wins."""

    layout = "points"
    prefix = "dots_"

    def fields(self, poll: Poll, options: Sequence[PollOption]) -> dict[str, forms.Field]:
        return {f"dots_{o.key}": _number(o.label, 0, poll.dots, "dots", required=False) for o in options}

    def from_form(self, poll: Poll, option_keys: list[str], data: dict[str, Any]) -> Any:
        return {key: data[f"dots_{key}"] or 0 for key in option_keys}

    def check(self, poll: Poll, option_keys: list[str], choice: dict[str, Any]) -> None:
        if not all(_whole(v) and v >= 0 for v in choice.values()):
            raise ServiceError("Place whole numbers of dots, 0 or more", field="choice")
        placed = sum(choice.values())
        if placed > poll.dots:
            raise ServiceError(f"You have {poll.dots} dots to place; you placed {placed}", field="choice")
        if placed == 0:
            raise ServiceError("Place at least one dot", field="choice")

    def tally(self, poll: Poll, options: list[PollOption], choices: list[Any], n: int) -> Tally:
        counted = counting.dot_vote_totals([o.key for o in options], choices)
        return Tally(_points_lines(options, counted, n, poll.dots), _winners(counted, n))


# Yes counts 2, maybe 1: the time most can make, then the one most might.
TIME_WEIGHT = {"yes": 2, "maybe": 1, "no": 0}


class TimePoll(_Mapping):
    """Yes, maybe or no for every time; the count is of yeses, maybes and noes."""

    layout = "times"
    prefix = "time_"

    def fields(self, poll: Poll, options: Sequence[PollOption]) -> dict[str, forms.Field]:
        return {
            f"time_{o.key}": forms.ChoiceField(
                label=o.label,
                choices=[(a, a.capitalize()) for a in TIME_ANSWERS],
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Answer yes, maybe or no for {o.label}",
                    "invalid_choice": f"Answer yes, maybe or no for {o.label}",
                },
            )
            for o in options
        }

    def check(self, poll: Poll, option_keys: list[str], choice: dict[str, Any]) -> None:
        if set(choice) != set(option_keys) or any(choice[k] not in TIME_ANSWERS for k in option_keys):
            raise ServiceError("Answer yes, maybe or no for every time", field="choice")

    def tally(self, poll: Poll, options: list[PollOption], choices: list[Any], n: int) -> Tally:
        keys = [o.key for o in options]
        counted = counting.score_totals(keys, [{k: TIME_WEIGHT[a] for k, a in c.items()} for c in choices])
        answers = Counter((k, a) for c in choices for k, a in c.items())
        lines = []
        for option in options:
            line = OptionResult(
                option, count=answers[(option.key, "yes")], total=counted.totals.get(option.key, 0)
            )
            line.maybe, line.no = answers[(option.key, "maybe")], answers[(option.key, "no")]
            lines.append(line)
        return Tally(lines, _winners(counted, n))


def _number(label: str, low: int, high: int, what: str, *, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=low,
        max_value=high,
        help_text=f"From {low} to {high}" + ("" if required else ", or leave empty"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}),
        error_messages={
            "required": f"Give {label} {what}",
            "invalid": f"Give {label} a whole number from {low} to {high}",
            "min_value": f"Give {label} {what} of {low} or more",
            "max_value": f"Give {label} {what} of {high} or less",
        },
    )


# --- the table ---------------------------------------------------------------------------------

KINDS: dict[str, PollKind] = {
    Kind.PROPOSAL: Choose(answers=(("agree", "Agree"), ("abstain", "Abstain"), ("disagree", "Disagree"))),
    Kind.CONSENT: Choose(answers=(("consent", "Consent"), ("objection", "Objection"))),
    Kind.CONSENSUS: Choose(
        answers=(("agree", "Agree"), ("abstain", "Abstain"), ("disagree", "Disagree"), ("block", "Block"))
    ),
    Kind.POLL: Choose(allows_multiple=True),
    Kind.SCORE: Score(),
    Kind.SENSE_CHECK: Choose(
        answers=(("looks_good", "Looks good"), ("abstain", "Abstain"), ("concerned", "Concerned"))
    ),
    Kind.GRADIENTS: Choose(
        answers=(
            ("endorse", "Whole-hearted endorsement"),
            ("minor", "Agreement with a minor point of contention"),
            ("reservations", "Support with reservations"),
            ("abstain", "Abstain"),
            ("discuss", "More discussion needed"),
            ("dislike", "Don't like it, but will support it"),
            ("disagree", "Serious disagreement"),
            ("block", "Block"),
        )
    ),
    Kind.DOT_VOTE: DotVote(),
    Kind.RANKED: Ranked(),
    Kind.TIME_POLL: TimePoll(),
}


def kind_of(poll: Poll) -> PollKind:
    return KINDS[poll.kind]
