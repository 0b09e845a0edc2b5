"""The week views' arithmetic, pure: which Monday a week starts on, the moments it
spans in the partnership's time zone, and its bookings laid out by day."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings

from .models import Booking

ZONE = ZoneInfo(settings.TIME_ZONE)


@dataclass
class Day:
    date: datetime.date
    bookings: list[Booking] = field(default_factory=list)


def week_start(day: datetime.date) -> datetime.date:
    """The Monday of `day`'s week."""
    return day - datetime.timedelta(days=day.weekday())


def week_from_query(value: str, today: datetime.date) -> datetime.date:
    """The Monday of the week ?week=YYYY-MM-DD names; this week's when it names none
    or is not a date (a wrong link shows this week, not an error)."""
    try:
        day = datetime.date.fromisoformat(value) if value else today
    except ValueError:
        day = today
    if not (datetime.date(2000, 1, 3) <= day <= datetime.date(9999, 12, 20)):
        day = today
    return week_start(day)


def week_bounds(monday: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """From Monday 00:00 to the next Monday 00:00, local time (a week with a clock
    change is 167 or 169 hours long)."""
    start = datetime.datetime.combine(monday, datetime.time(), tzinfo=ZONE)
    end = datetime.datetime.combine(monday + datetime.timedelta(days=7), datetime.time(), tzinfo=ZONE)
    return start, end


def week_days(monday: datetime.date, bookings: Iterable[Booking]) -> list[Day]:
    """The seven days of the week, each with the bookings that start on it, in order."""
    days = [Day(monday + datetime.timedelta(days=n)) for n in range(7)]
    for booking in bookings:
        index = (booking.start.astimezone(ZONE).date() - monday).days
        if 0 <= index < 7:
            days[index].bookings.append(booking)
    return days
