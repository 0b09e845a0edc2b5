"""Logs written by hand for the activity tests: events of a chosen past month, at
day `d` of it, by persona, read into the signals."""

import datetime
import uuid
from datetime import timedelta

from django.utils import timezone

from consortia.activity.computation import signals_read
from consortia.activity.history import events_write
from consortia.activity.models import Period
from consortia.core.models import Event

NOW = timedelta(0)


def month_start(months_back: int) -> datetime.datetime:
    first = timezone.localtime().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    for _ in range(months_back):
        first = (first - timedelta(days=1)).replace(day=1)
    return first


class Log:
    """Events of a past month (`months_back`, last month by default), each at a day
    of it (a fraction for the hour), by persona; `signals()` reads them in."""

    def __init__(self, world, months_back: int = 1) -> None:
        self.world, self.start, self.events = world, month_start(months_back), []
        self.orgs = {
            "convener_admin": world.convener_org,
            "partner_admin": world.core_org,
            "partner_member": world.core_org,
            "observer": world.observer_org,
        }

    def at(self, day: float) -> datetime.datetime:
        return self.start + timedelta(days=day)

    def add(self, day: float, who: str | None, verb: str, obj: str, **payload) -> None:
        self.events.append(
            Event(
                partnership=self.world.partnership,
                actor=self.world.users[who] if who else None,
                organisation=self.orgs[who] if who else None,
                verb=verb,
                object_type=verb.split(".")[0],
                object_uuid=obj,
                occurred_at=self.at(day),
                payload=payload,
            )
        )

    def signals(self) -> dict:
        events_write(sorted(self.events, key=lambda e: e.occurred_at))
        signals_read(self.world.partnership, settle=NOW)
        return Period.objects.get(partnership=self.world.partnership, start=self.start.date()).signals

    def value(self, key: str) -> float | None:
        return self.signals()[key]["value"]


def new() -> str:
    return str(uuid.uuid4())
