"""The agreement's meeting rhythm: the common English forms read, the next date after
the last meeting, and any text at all giving a suggestion or none, never an error."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consortia.meetings.rhythm import Rhythm, next_date, rhythm_parse


@pytest.mark.parametrize(
    ("text", "rhythm"),
    [
        ("Weekly", Rhythm("week", 1)),
        ("every week, online", Rhythm("week", 1)),
        ("Fortnightly on Thursdays", Rhythm("week", 2)),
        ("every two weeks", Rhythm("week", 2)),
        ("Every 3 weeks", Rhythm("week", 3)),
        ("Monthly, online and in person", Rhythm("month", 1)),
        ("Monthly, second Tuesday, online and in person", Rhythm("month", 1, weekday=1, ordinal=2)),
        ("The last Friday of the month", Rhythm("month", 1, weekday=4, ordinal=-1)),
        ("Quarterly", Rhythm("month", 3)),
        ("Every other month", Rhythm("month", 2)),
        ("bi-monthly", Rhythm("month", 2)),
        ("Every 6 months", Rhythm("month", 6)),
    ],
)
def test_it_reads_the_common_forms(text, rhythm):
    assert rhythm_parse(text) == rhythm


@pytest.mark.parametrize("text", ["", "When we need to", "As agreed", "every 0 weeks", "every 99 months"])
def test_it_suggests_nothing_for_text_it_does_not_know(text):
    assert rhythm_parse(text) is None


@pytest.mark.parametrize(
    ("text", "last", "expected"),
    [
        ("weekly", date(2026, 1, 6), date(2026, 1, 13)),
        ("fortnightly", date(2026, 1, 6), date(2026, 1, 20)),
        ("monthly", date(2026, 1, 31), date(2026, 2, 28)),
        ("quarterly", date(2026, 11, 15), date(2027, 2, 15)),
        ("second Tuesday", date(2026, 1, 13), date(2026, 2, 10)),
        ("second Tuesday", date(2026, 1, 2), date(2026, 1, 13)),
        ("last Friday of the month", date(2026, 1, 30), date(2026, 2, 27)),
        ("every other month, first Monday", date(2026, 1, 5), date(2026, 3, 2)),
    ],
)
def test_it_gives_the_next_date_after_the_last_meeting(text, last, expected):
    rhythm = rhythm_parse(text)
    assert rhythm is not None
    assert next_date(rhythm, last) == expected


@given(st.text(max_size=300))
def test_any_text_gives_a_rhythm_or_none_and_never_an_error(text):
    assert rhythm_parse(text) is None or isinstance(rhythm_parse(text), Rhythm)


@given(
    st.sampled_from(
        ["weekly", "fortnightly", "monthly", "quarterly", "every 5 weeks", "second Tuesday", "last Friday"]
    ),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
)
def test_the_next_date_is_always_after_the_last_and_within_the_rhythm(text, last):
    rhythm = rhythm_parse(text)
    assert rhythm is not None
    following = next_date(rhythm, last)
    assert following > last
    limit = timedelta(weeks=rhythm.every) if rhythm.unit == "week" else timedelta(days=31 * rhythm.every + 31)
    assert following - last <= limit
    if rhythm.weekday is not None:
        assert following.weekday() == rhythm.weekday
