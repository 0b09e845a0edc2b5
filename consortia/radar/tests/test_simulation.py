"""The radar is right: it flags each pattern of inertia with its own cause and leaves
a healthy partnership clear.

Each test writes six months of a partnership's history through the real services at
past moments (simulation.py), reads the log into the activity signals with their
real background task (`signals_recompute`), and judges it with the radar's selector
(`radar_report`), as the radar page would on 3 July 2026."""

import datetime

import pytest
import time_machine

from consortia.activity.services import signals_recompute
from consortia.core.models import Event
from consortia.radar.selectors import radar_level, radar_report
from consortia.radar.warning import CLEAR, WARNING, WATCH, Report

from .simulation import MONTHS, NOW, PATTERNS, World, month_start, plan_steps, simulate

MARKS = {"negligible_output", "slow_pace", "hard_grind", "uneven_participation"}
RAISED = (WATCH, WARNING)


def _judged(pattern: str) -> tuple[World, Report]:
    world = simulate(PATTERNS[pattern]())
    with time_machine.travel(NOW, tick=False):
        signals_recompute.call(world.partnership.pk)
        return world, radar_report(partnership=world.partnership)


def _finding(report: Report, key: str, starts: str):
    cause = report.cause(key)
    assert cause is not None
    return next(f for f in cause.findings if f.text.startswith(starts))


@pytest.mark.django_db
def test_it_leaves_a_healthy_partnership_clear():
    world, report = _judged("healthy")

    assert report.level == CLEAR, [(c.key, c.level, [f.text for f in c.findings]) for c in report.raised]
    assert report.raised == ()
    assert {m.key for m in report.marks if m.level == CLEAR} == MARKS  # every mark read, none unknown
    with time_machine.travel(NOW, tick=False):
        assert radar_level(partnership=world.partnership) == CLEAR


# (pattern, the mark that names its cause, the marks that must stay clear)
PATTERN_CAUSES = [
    ("lost_focus", "negligible_output", {"slow_pace", "uneven_participation"}),
    ("dominating", "uneven_participation", {"negligible_output", "slow_pace", "hard_grind"}),
    ("stalling", "slow_pace", {"negligible_output", "hard_grind", "uneven_participation"}),
    ("silent_partner", "uneven_participation", {"negligible_output", "slow_pace", "hard_grind"}),
    ("talk_heavy", "hard_grind", {"negligible_output", "slow_pace", "uneven_participation"}),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("pattern", "cause", "clear"), PATTERN_CAUSES, ids=[p[0] for p in PATTERN_CAUSES])
def test_it_flags_each_pattern_with_its_cause(pattern, cause, clear):
    _, report = _judged(pattern)
    raised = {c.key: c.level for c in report.raised}

    assert raised.get(cause) in RAISED, (pattern, raised)
    assert report.level in RAISED
    assert report.cause(cause).cause  # named in plain words
    assert not clear & set(raised), (pattern, raised)


@pytest.mark.django_db
def test_it_names_lost_focus_as_little_done_and_actions_no_longer_serving_an_outcome():
    _, report = _judged("lost_focus")

    assert report.cause("negligible_output").level == WARNING
    assert _finding(report, "negligible_output", "2 actions done in June").level == WARNING
    linked = _finding(report, "negligible_output", "0% of the actions added in June serve an outcome")
    assert linked.level == WATCH
    outcomes = _finding(report, "negligible_output", "2 of 2 outcomes off track")  # measurements flat
    assert outcomes.level == WARNING
    # The talk goes on while the doing stops: that is a grind too, and the radar says so.
    assert report.cause("hard_grind").level in RAISED


@pytest.mark.django_db
def test_it_names_the_dominating_organisation_s_share_and_votes():
    _, report = _judged("dominating")

    work = _finding(report, "uneven_participation", "The activity across partner organisations")
    assert work.level == WATCH
    assert "one organisation did half of it or more" in work.text
    assert _finding(report, "uneven_participation", "Votes in the polls closed in June")  # read too
    assert _finding(report, "uneven_participation", "Every partner took part").level == CLEAR


@pytest.mark.django_db
def test_it_reads_stalling_decisions_as_slow_pace_at_warning():
    _, report = _judged("stalling")

    polls = _finding(report, "slow_pace", "Polls took a median of")
    assert polls.level == WARNING
    assert _finding(report, "slow_pace", "First replies").level == CLEAR  # only the decisions slowed


@pytest.mark.django_db
def test_it_names_the_silent_partner_at_warning_after_two_silent_months():
    world, report = _judged("silent_partner")

    silent = _finding(report, "uneven_participation", "1 partner took no part in June")
    assert silent.level == WARNING
    assert world.partners[3].organisation.name in silent.text
    assert "silent the period before too" in silent.text
    for partner in world.partners[:3]:
        assert partner.organisation.name not in silent.text


@pytest.mark.django_db
def test_it_reads_a_partnership_that_always_talked_more_than_it_did_as_hard_grind():
    _, report = _judged("talk_heavy")

    grind = _finding(report, "hard_grind", "There were")
    assert grind.level == WATCH  # steady, so not rising: flagged for being high (warning.TALK_HIGH)


@pytest.mark.django_db
def test_it_writes_the_history_through_the_services_at_past_moments():
    world = simulate(PATTERNS["healthy"]())
    events = Event.objects.filter(partnership=world.partnership)
    verbs = set(events.values_list("verb", flat=True))

    assert {
        "thread.started",
        "thread.replied",
        "poll.opened",
        "vote.cast",
        "poll.closed",
        "poll.outcome_written",
        "action.created",
        "action.done",
        "meeting.scheduled",
        "meeting.attendance_recorded",
        "contribution.recorded",
    } <= verbs
    assert 300 <= events.count() <= 700  # a few hundred events: fast enough for the suite
    first, last = month_start(0), month_start(MONTHS)
    months = {e.astimezone(first.tzinfo).month for e in events.values_list("occurred_at", flat=True)}
    assert months == {12, 1, 2, 3, 4, 5, 6}  # set up in December, then January to June
    assert events.filter(occurred_at__gte=last).count() == 0
    assert events.filter(occurred_at__lt=first - datetime.timedelta(days=31)).count() == 0


def test_it_plans_the_same_history_on_every_run():
    for pattern in PATTERNS.values():
        one, two = plan_steps(pattern()).steps, plan_steps(pattern()).steps
        assert [when for when, _, _ in one] == [when for when, _, _ in two]
        assert all(when < NOW for when, _, _ in one)
