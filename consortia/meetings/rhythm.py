"""The next meeting date an agreement's meeting rhythm suggests: pure functions,
no Django.

The agreement's `meeting_rhythm` is free text ("Monthly, second Tuesday, online and
in person"). `rhythm_parse` reads the common English forms a coordinator writes and
`next_date` gives the first date after the last meeting:

    >>> next_date(rhythm_parse("fortnightly"), date(2026, 1, 6))
    datetime.date(2026, 1, 20)
    >>> next_date(rhythm_parse("Second Tuesday of the month"), date(2026, 1, 13))
    datetime.date(2026, 2, 10)
    >>> rhythm_parse("when we need to") is None
    True

Text it does not understand gives None: no suggestion, never an error.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "last": -1,
}
NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "other": 2,
}  # fmt: skip
MAX_EVERY = 52
ORDINAL_WEEKDAY = re.compile(rf"\b({'|'.join(ORDINALS)}) ({'|'.join(WEEKDAYS)})\b")


@dataclass(frozen=True)
class Rhythm:
    """Every `every` weeks or months; for months optionally the `ordinal` (1-4, or -1
    for the last) `weekday` (0 = Monday) of the month."""

    unit: str  # "week" or "month"
    every: int
    weekday: int | None = None
    ordinal: int | None = None


def _count(word: str) -> int | None:
    if word.isdigit():
        n = int(word)
        return n if 1 <= n <= MAX_EVERY else None
    return NUMBERS.get(word)


def rhythm_parse(text: str) -> Rhythm | None:
    """The rhythm `text` names, or None when it names none we know."""
    text = re.sub(r"[^a-z0-9 ]+", " ", (text or "").lower()[:500])
    words = text.split()
    joined = " ".join(words)
    weekday = ordinal = None
    found = ORDINAL_WEEKDAY.search(joined)
    if found:
        ordinal, weekday = ORDINALS[found.group(1)], WEEKDAYS[found.group(2)]
    every = re.search(r"\bevery (\w+) (week|month)s?\b", joined)
    if every and (n := _count(every.group(1))):
        unit = every.group(2)
        return Rhythm(unit, n, weekday, ordinal) if unit == "month" else Rhythm("week", n)
    if re.search(r"\b(fortnightly|fortnight|biweekly|bi weekly)\b", joined):
        return Rhythm("week", 2)
    if re.search(r"\b(weekly|every week)\b", joined):
        return Rhythm("week", 1)
    if re.search(r"\b(bimonthly|bi monthly)\b", joined):
        return Rhythm("month", 2, weekday, ordinal)
    if re.search(r"\b(quarterly|every quarter)\b", joined):
        return Rhythm("month", 3, weekday, ordinal)
    if re.search(r"\b(monthly|every month|a month|each month|of the month|of each month)\b", joined) or found:
        return Rhythm("month", 1, weekday, ordinal)
    return None


def _nth_weekday(year: int, month: int, weekday: int, ordinal: int) -> date:
    days = [
        d
        for d in calendar.Calendar().itermonthdates(year, month)
        if d.month == month and d.weekday() == weekday
    ]
    return days[-1] if ordinal == -1 else days[ordinal - 1]


def _add_months(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def next_date(rhythm: Rhythm, last: date) -> date:
    """The first date after `last` (the last meeting's day) the rhythm gives."""
    if rhythm.unit == "week":
        return last + timedelta(weeks=rhythm.every)
    if rhythm.weekday is not None and rhythm.ordinal is not None:
        # The named day of the month `every` months on; if the last meeting was
        # early in its month, the named day of that same month may come first.
        same = _nth_weekday(last.year, last.month, rhythm.weekday, rhythm.ordinal)
        if same > last and rhythm.every == 1:
            return same
        year, month = _add_months(last, rhythm.every)
        return _nth_weekday(year, month, rhythm.weekday, rhythm.ordinal)
    year, month = _add_months(last, rhythm.every)
    return date(year, month, min(last.day, calendar.monthrange(year, month)[1]))
