"""The poll kinds' table (consortia/decisions/kinds.py) is complete and each entry
agrees with itself: every Kind has an entry and a results layout, and any choice
a voter can make goes through the form, the check and the count unchanged.

A new kind whose entry uses a new class needs its voters' choices described in
CHOICES below; the tests fail until it is. No database: the polls and options
are never saved."""

import pytest
from django.template.loader import get_template
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consortia.core.errors import ServiceError
from consortia.decisions.forms import VoteForm
from consortia.decisions.kinds import KINDS, Choose, DotVote, Ranked, Score, TimePoll
from consortia.decisions.models import (
    NEEDS_REASON,
    SCORE_MAX,
    SCORE_MIN,
    TIME_ANSWERS,
    Kind,
    Poll,
    PollOption,
)


def _one_or_several(draw, poll: Poll, keys: list[str]):
    if poll.multiple:
        return draw(st.lists(st.sampled_from(keys), min_size=1, max_size=len(keys), unique=True))
    return [draw(st.sampled_from(keys))]


def _ranking(draw, poll: Poll, keys: list[str]):
    return draw(st.permutations(keys).flatmap(lambda p: st.integers(1, len(p)).map(lambda n: list(p[:n]))))


def _scores(draw, poll: Poll, keys: list[str]):
    return {key: draw(st.integers(SCORE_MIN, SCORE_MAX)) for key in keys}


def _dots(draw, poll: Poll, keys: list[str]):
    placed = draw(
        st.lists(st.integers(0, poll.dots), min_size=len(keys), max_size=len(keys)).filter(
            lambda dots: 0 < sum(dots) <= poll.dots
        )
    )
    return dict(zip(keys, placed, strict=True))


def _times(draw, poll: Poll, keys: list[str]):
    return {key: draw(st.sampled_from(TIME_ANSWERS)) for key in keys}


# Any choice a voter could make, for each class of entry.
CHOICES = {Choose: _one_or_several, Ranked: _ranking, Score: _scores, DotVote: _dots, TimePoll: _times}


@st.composite
def polls_and_choices(draw, kind: str):
    entry = KINDS[kind]
    multiple = entry.allows_multiple and draw(st.booleans())
    poll = Poll(kind=kind, multiple=multiple, dots=draw(st.integers(1, 12)))
    answers = entry.answers or [(f"o{i}", f"Option {i}") for i in range(1, draw(st.integers(2, 6)) + 1)]
    options = [PollOption(key=key, label=label, position=i) for i, (key, label) in enumerate(answers)]
    choice = CHOICES[type(entry)](draw, poll, [o.key for o in options])
    return poll, options, choice


def _as_posted(initial: dict) -> dict:
    """The form's initial data as a browser would post it back."""
    return {
        name: [str(v) for v in value] if isinstance(value, list) else str(value)
        for name, value in initial.items()
    }


def test_every_kind_has_one_entry():
    assert set(KINDS) == set(Kind.values)


@pytest.mark.parametrize("kind", Kind.values)
def test_every_entry_has_a_results_layout_and_a_description_of_its_choices(kind):
    entry = KINDS[kind]
    get_template(entry.template)  # raises TemplateDoesNotExist
    assert type(entry) in CHOICES
    assert len({key for key, _ in entry.answers}) == len(entry.answers)
    assert not (entry.answers and entry.allows_multiple)  # fixed answers are one answer


@pytest.mark.parametrize("kind", Kind.values)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(data=st.data())
def test_a_choice_goes_through_the_form_the_check_and_the_count_unchanged(kind, data):
    poll, options, choice = data.draw(polls_and_choices(kind))
    entry, keys = KINDS[kind], [o.key for o in options]
    reason = "Because" if isinstance(choice, list) and set(choice) & NEEDS_REASON else ""

    stored = entry.clean(poll, keys, choice, reason)
    assert entry.clean(poll, keys, stored, reason) == stored  # a stored choice is already clean

    form = VoteForm(_as_posted({"reason": reason, **entry.to_form(poll, stored)}), poll=poll, options=options)
    assert form.is_valid(), form.errors
    assert entry.clean(poll, keys, form.choice(), form.cleaned_data["reason"]) == stored

    once = entry.tally(poll, options, [stored], 1)
    twice = entry.tally(poll, options, [stored, stored], 2)
    assert [line.option for line in once.lines] == options
    assert once.winners and once.winners <= set(keys)
    assert twice.winners == once.winners
    assert [(2 * line.count, 2 * line.total, 2 * line.maybe, 2 * line.no) for line in once.lines] == [
        (line.count, line.total, line.maybe, line.no) for line in twice.lines
    ]


@pytest.mark.parametrize("kind", Kind.values)
@pytest.mark.parametrize("choice", [None, [], {}, ["unknown"], {"unknown": 1}, 3, "unknown"])
def test_every_entry_refuses_a_choice_that_fits_no_option(kind, choice):
    poll = Poll(kind=kind, dots=8)
    keys = [key for key, _ in KINDS[kind].answers] or ["o1", "o2"]

    with pytest.raises(ServiceError) as error:
        KINDS[kind].clean(poll, keys, choice, "Because")
    assert error.value.status_code == 400
