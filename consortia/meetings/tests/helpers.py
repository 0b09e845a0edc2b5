"""Shared by the meetings tests: times, and a meeting scheduled through the service."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from consortia.meetings import services

LONDON = ZoneInfo("Europe/London")


def next_week(hour: int = 10) -> datetime:
    day = (timezone.now() + timedelta(days=7)).astimezone(LONDON).date()
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=LONDON)


def schedule(world, **overrides):
    """A partnership meeting next week, scheduled by the convener's admin."""
    starts = overrides.pop("starts_at", next_week())
    kwargs = {
        "actor": world.users["convener_admin"],
        "partnership": world.partnership,
        "title": "Partnership meeting",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=2),
        "place": "The carers' centre",
        "send_invitations": False,
        **overrides,
    }
    return services.meeting_schedule(**kwargs)
