"""Six months of a partnership's life, written through the real services, for the
tests that prove the radar right (test_simulation.py).

Each pattern is one function that returns a `Plan`: how the partnership behaves in
each of six calendar months (`Month`: how many threads, how fast the first reply,
how many polls and how long to their outcome, how many actions and how many of them
done, meetings, contributions, and which partners take part and how much). `simulate`
turns a plan into a partnership: it makes four partner organisations (the first
convenes), lists every step of every month at its moment (a seeded `random.Random`,
so a history is the same on every run), and takes the steps in time order, each at
its moment with `time_machine`, through the services a person would use:
`thread_start`/`thread_reply`, `poll_open`/`vote_cast`/`poll_close`/
`poll_outcome_write`, `action_create`/`action_done`, `meeting_schedule`/
`attendance_record`, `entry_record`, `measurement_record`. The events those services write get their
`occurred_at` from the travelled clock, as they would have on the day.

The months are January to June 2026 and the radar is read on `NOW` (3 July 2026):
June is the last complete month, March to May the months it is compared with, and
July, in progress, is empty. Fixed dates keep every history the same whatever day
the tests run.

A step whose moment falls after `NOW` (a reply that would come later) is left out,
as it would not have happened yet.
"""

from __future__ import annotations

import datetime
import random
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

import time_machine
from django.utils import timezone

from consortia.accounts.models import User
from consortia.actions.models import Action
from consortia.actions.services import action_create, action_done
from consortia.canvas.models import Indicator, Outcome
from consortia.contributions.services import entry_record
from consortia.core.factories import (
    IndicatorFactory,
    MembershipFactory,
    OutcomeFactory,
    PartnerFactory,
    PartnershipFactory,
    RepresentativeFactory,
    UserFactory,
)
from consortia.decisions.models import Poll
from consortia.decisions.services import poll_close, poll_open, poll_outcome_write, vote_cast
from consortia.meetings.models import Meeting
from consortia.meetings.services import attendance_record, meeting_schedule
from consortia.partnerships.models import Partner, Partnership
from consortia.progress.services import measurement_record
from consortia.threads.models import Thread
from consortia.threads.services import thread_reply, thread_start

LONDON = zoneinfo.ZoneInfo("Europe/London")
FIRST_MONTH = datetime.datetime(2026, 1, 1, tzinfo=LONDON)
MONTHS = 6
NOW = datetime.datetime(2026, 7, 3, 10, 0, tzinfo=LONDON)
PARTNERS = 4
# Each outcome's one indicator: from 20 (on the day the world is made) to 60 by the
# end of 2026.
BASELINE, TARGET, TARGET_ON = 20, 60, datetime.date(2026, 12, 31)
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Month:
    """How the partnership behaves in one month. `weights`: how much of the work each
    partner does (posts, actions, contributions), the first being the convener;
    `voters`: the chance each partner votes in a poll; `silent`: partners that do
    nothing at all that month."""

    threads: int = 6
    replies: int = 2  # replies after the first one, each within a day of the last
    reply_hours: tuple[float, float] = (1.0, 3.0)  # the first reply, by another partner, after
    polls: int = 2
    poll_days: tuple[float, float] = (1.0, 1.8)  # from opening to the outcome
    actions: int = 10
    done_share: float = 0.9
    linked_share: float = 0.8  # actions that serve one of the canvas's outcomes
    meetings: int = 2
    present_share: float = 0.95
    weights: tuple[float, ...] = (1.0, 1.0, 1.0, 1.0)
    voters: tuple[float, ...] = (1.0, 1.0, 1.0, 1.0)
    silent: frozenset[int] = frozenset()
    # Each indicator is measured once a month: on the line from its baseline to its
    # target (True), or where it stood the month before (False: the outcomes not moving).
    moving: bool = True


@dataclass(frozen=True)
class Plan:
    """A pattern: its name and its six months, oldest first."""

    name: str
    months: tuple[Month, ...]
    seed: int


STEADY = Month()


def healthy() -> Plan:
    """Steady months: fast replies and decisions, nine in ten actions done and most of
    them serving an outcome, every partner taking an even part."""
    return Plan("healthy", (STEADY,) * MONTHS, seed=1)


def lost_focus() -> Plan:
    """Four steady months, then two in which the actions no longer serve the outcomes,
    few get done and the indicators' measurements stay flat, while the talk goes on a
    little quieter."""
    drift = replace(STEADY, actions=6, done_share=0.2, linked_share=0.0, threads=4, moving=False)
    return Plan("lost focus on outcomes", (STEADY,) * 4 + (drift,) * 2, seed=2)


def dominating() -> Plan:
    """One organisation (the convener) writes most posts, adds and does most actions
    and votes in every poll; the others turn up, but rarely speak or vote."""
    month = replace(STEADY, weights=(8.0, 1.0, 1.0, 1.0), voters=(1.0, 0.2, 0.2, 0.2))
    return Plan("one organisation dominating", (month,) * MONTHS, seed=3)


def stalling() -> Plan:
    """Everything else steady, but each month the polls take longer to reach an
    outcome: two days at first, about three weeks by the end."""
    spans = ((1.5, 2.5), (2.0, 3.0), (3.0, 5.0), (5.0, 7.0), (7.0, 9.0), (17.0, 21.0))
    return Plan("decisions stalling", tuple(replace(STEADY, poll_days=s) for s in spans), seed=4)


def silent_partner() -> Plan:
    """Every partner takes part for four months; then the fourth stops doing anything:
    no post, vote, action, attendance or contribution for the last two months."""
    quiet = replace(STEADY, silent=frozenset({3}))
    return Plan("a silent partner", (STEADY,) * 4 + (quiet,) * 2, seed=5)


def talk_heavy() -> Plan:
    """Many threads, long discussions and weekly meetings, and few actions added or
    done, in every month: a partnership that has always talked more than it did."""
    month = replace(STEADY, threads=12, replies=4, meetings=4, actions=6, done_share=0.7)
    return Plan("talk-heavy, doing little", (month,) * MONTHS, seed=6)


PATTERNS: dict[str, Callable[[], Plan]] = {
    "healthy": healthy,
    "lost_focus": lost_focus,
    "dominating": dominating,
    "stalling": stalling,
    "silent_partner": silent_partner,
    "talk_heavy": talk_heavy,
}


# --- the partnership ----------------------------------------------------------------------------


@dataclass
class World:
    """The simulated partnership: its partners (the first convenes) and the person
    who acts for each, its canvas's outcomes, and what the steps have made so far."""

    partnership: Partnership
    partners: list[Partner]
    people: list[User]
    outcomes: list[Outcome]
    indicators: list[Indicator]
    made: dict[str, Any] = field(default_factory=dict)

    @property
    def convener(self) -> User:
        return self.people[0]


def world_make() -> World:
    """Four partner organisations, each with an admin who represents it, and two
    outcomes on the canvas; made before the first month, so everyone has joined."""
    partnership = PartnershipFactory.create(name="Simulated carers' partnership")
    partners, people = [], []
    for i in range(PARTNERS):
        partner = PartnerFactory(partnership=partnership, role="convener" if i == 0 else "core")
        person = UserFactory.create()
        MembershipFactory(organisation=partner.organisation, user=person, role="admin")
        RepresentativeFactory(partner=partner, user=person)
        partners.append(partner)
        people.append(person)
    outcomes = [
        OutcomeFactory(partnership=partnership, statement="Carers are identified early"),
        OutcomeFactory(partnership=partnership, statement="Carers get a break"),
    ]
    indicators = [
        IndicatorFactory(
            outcome=outcome,
            name=f"Indicator of “{outcome.statement}”",
            baseline=BASELINE,
            target=TARGET,
            target_date=TARGET_ON,
        )
        for outcome in outcomes
    ]
    return World(partnership, partners, people, outcomes, indicators)


# --- the steps ---------------------------------------------------------------------------------

Step = tuple[datetime.datetime, int, Callable[[World], None]]


class Steps:
    """The steps of a history, each at its moment; taken in time order (ties in the
    order they were listed)."""

    def __init__(self) -> None:
        self.steps: list[Step] = []

    def at(self, when: datetime.datetime, do: Callable[[World], None]) -> None:
        if when < NOW:
            self.steps.append((when, len(self.steps), do))

    def take(self, world: World) -> None:
        for when, _, do in sorted(self.steps, key=lambda s: (s[0], s[1])):
            with time_machine.travel(when, tick=False):
                do(world)


def _pick(rng: random.Random, weights: tuple[float, ...], silent: frozenset[int], *, but: int = -1) -> int:
    """A partner chosen by its weight, never a silent one, nor `but`."""
    choices = [i for i in range(len(weights)) if i not in silent and i != but]
    return rng.choices(choices, [weights[i] for i in choices])[0]


def _threads(steps: Steps, rng: random.Random, key: str, start: datetime.datetime, m: Month) -> None:
    for i in range(m.threads):
        name, starter = f"{key}-thread-{i}", _pick(rng, m.weights, m.silent)
        begun = start + DAY * rng.uniform(0.5, 20)

        def open_thread(w: World, name: str = name, who: int = starter) -> None:
            w.made[name] = thread_start(
                actor=w.people[who],
                partnership=w.partnership,
                title=f"Thread {name}",
                body="What do we think?",
            )

        steps.at(begun, open_thread)
        reply = begun + HOUR * rng.uniform(*m.reply_hours)
        repliers = [_pick(rng, m.weights, m.silent, but=starter)]
        repliers += [_pick(rng, m.weights, m.silent) for _ in range(m.replies)]
        for who in repliers:

            def answer(w: World, name: str = name, who: int = who) -> None:
                thread: Thread = w.made[name]
                thread_reply(actor=w.people[who], thread=thread, body="Agreed, with one change.")

            steps.at(reply, answer)
            reply += HOUR * rng.uniform(2, 24)


def _polls(steps: Steps, rng: random.Random, key: str, start: datetime.datetime, m: Month) -> None:
    longest = m.poll_days[1]
    for i in range(m.polls):
        name = f"{key}-poll-{i}"
        opened = start + DAY * rng.uniform(0.5, max(0.6, 26 - longest))
        decided = opened + DAY * rng.uniform(*m.poll_days)
        closed = decided - HOUR

        def open_poll(w: World, name: str = name, closes: datetime.datetime = decided + DAY) -> None:
            w.made[name] = poll_open(
                actor=w.convener,
                partnership=w.partnership,
                kind="proposal",
                title=f"Proposal {name}",
                basis=Poll.Basis.ORGANISATION,
                closes_at=closes,
            )

        steps.at(opened, open_poll)
        for who in range(PARTNERS):
            if who in m.silent or rng.random() >= m.voters[who]:
                continue

            def vote(w: World, name: str = name, who: int = who) -> None:
                vote_cast(actor=w.people[who], poll=w.made[name], choice=["agree"])

            steps.at(opened + (closed - opened) * rng.uniform(0.1, 0.9), vote)

        def close(w: World, name: str = name) -> None:
            w.made[name] = poll_close(actor=w.convener, poll=w.made[name])

        def outcome(w: World, name: str = name) -> None:
            poll_outcome_write(actor=w.convener, poll=w.made[name], outcome="Agreed.")

        steps.at(closed, close)
        steps.at(decided, outcome)


def _actions(steps: Steps, rng: random.Random, key: str, start: datetime.datetime, m: Month) -> None:
    for i in range(m.actions):
        name = f"{key}-action-{i}"
        creator, owner = _pick(rng, m.weights, m.silent), _pick(rng, m.weights, m.silent)
        made = start + DAY * rng.uniform(0.5, 12)
        due = made + DAY * rng.uniform(7, 14)
        linked = rng.random() < m.linked_share
        done = rng.random() < m.done_share
        due_on = due.date()

        def add(
            w: World,
            name: str = name,
            who: int = creator,
            owner: int = owner,
            linked: bool = linked,
            due: datetime.date = due_on,
        ) -> None:
            w.made[name] = action_create(
                w.people[who],
                w.partnership,
                title=f"Action {name}",
                owner_partner=w.partners[owner],
                due=due,
                outcome=w.outcomes[0] if linked else None,
            )

        steps.at(made, add)
        if done:

            def finish(w: World, name: str = name, owner: int = owner) -> None:
                action: Action = w.made[name]
                action_done(w.people[owner], action)

            steps.at(made + (due - made) * rng.uniform(0.2, 0.9), finish)


def _meetings(steps: Steps, rng: random.Random, key: str, start: datetime.datetime, m: Month) -> None:
    for i in range(m.meetings):
        name = f"{key}-meeting-{i}"
        begins = (start + DAY * (2 + 24 * i / m.meetings)).replace(hour=10, minute=0)
        present = [
            p for p in range(PARTNERS) if p not in m.silent and (p == 0 or rng.random() < m.present_share)
        ]

        def schedule(w: World, name: str = name, begins: datetime.datetime = begins) -> None:
            w.made[name] = meeting_schedule(
                actor=w.convener,
                partnership=w.partnership,
                title=f"Partnership board {name}",
                starts_at=begins,
                ends_at=begins + 2 * HOUR,
                place="The library",
                send_invitations=False,
            )

        def record(w: World, name: str = name, present: list[int] = present) -> None:
            meeting: Meeting = w.made[name]
            statuses = {p.pk: ("attended" if n in present else "absent") for n, p in enumerate(w.people)}
            attendance_record(actor=w.convener, meeting=meeting, statuses=statuses)

        steps.at(begins - 7 * DAY, schedule)
        steps.at(begins + 3 * HOUR, record)


def _contributions(steps: Steps, rng: random.Random, start: datetime.datetime, m: Month) -> None:
    for who in range(PARTNERS):
        if who in m.silent:
            continue
        for _ in range(max(1, round(m.weights[who]))):
            when = start + DAY * rng.uniform(1, 27)
            day = when.date()

            def give(w: World, who: int = who, on: datetime.date = day) -> None:
                entry_record(
                    actor=w.people[who],
                    partnership=w.partnership,
                    partner=w.partners[who],
                    category="volunteer_time",
                    unit="hours",
                    quantity=Decimal(3),
                    on=on,
                )

            steps.at(when, give)


def _measurements(
    steps: Steps, rng: random.Random, start: datetime.datetime, m: Month, levels: list[float]
) -> None:
    """One measurement of each indicator on the 25th: on the line from baseline to
    target (a little ahead of it), or, when the outcomes are not moving, the level of
    the month before. `levels` carries each indicator's last value between months."""
    when = start.replace(day=25, hour=11)
    made = (FIRST_MONTH - 20 * DAY).date()
    share = (when.date() - made).days / (TARGET_ON - made).days
    for index in range(len(levels)):
        if m.moving:
            levels[index] = round(BASELINE + (TARGET - BASELINE) * share + rng.uniform(0.5, 2), 1)
        who = _pick(rng, m.weights, m.silent)

        def measure(w: World, index: int = index, who: int = who, value: float = levels[index]) -> None:
            measurement_record(
                actor=w.people[who],
                partnership=w.partnership,
                indicator=w.indicators[index],
                on=timezone.localdate(),
                value=Decimal(str(value)),
                source="Monthly count",
            )

        steps.at(when, measure)


def month_start(index: int) -> datetime.datetime:
    """The first moment of the plan's month `index` (0: January 2026), local time."""
    year, month = divmod(FIRST_MONTH.month - 1 + index, 12)
    return FIRST_MONTH.replace(year=FIRST_MONTH.year + year, month=month + 1)


def plan_steps(plan: Plan) -> Steps:
    """Every step of the plan's six months, at its moment (the same for the same plan)."""
    rng = random.Random(plan.seed)
    steps = Steps()
    levels = [float(BASELINE), float(BASELINE)]
    for index, month in enumerate(plan.months):
        start, key = month_start(index), f"m{index}"
        _threads(steps, rng, key, start, month)
        _polls(steps, rng, key, start, month)
        _actions(steps, rng, key, start, month)
        _meetings(steps, rng, key, start, month)
        _contributions(steps, rng, start, month)
        _measurements(steps, rng, start, month, levels)
    return steps


def simulate(plan: Plan) -> World:
    """The plan's partnership, with its six months of history written through the
    services at their moments."""
    with time_machine.travel(FIRST_MONTH - 20 * DAY, tick=False):
        world = world_make()
    plan_steps(plan).take(world)
    return world
