"""Event histories written straight into the log, for the demo's past months
(home/demo_history.py), the benchmark (benchmarks/activity_signals.py) and the tests
that compare a full computation with incremental ones.

Services write events as they happen, stamped "now" (`Event.occurred_at` has
auto_now_add) and never changed after (EventQuerySet refuses updates). A history of
past months needs rows stamped in the past, so `events_write` inserts them with the
field's auto_now_add switched off for the insert: one bulk insert, the dates as
given, and the append-only rule kept (nothing is updated). Nothing but seeding code
calls it.
"""

import datetime
import random
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from consortia.core.models import Event


@contextmanager
def _stamped_as_given() -> Iterator[None]:
    stamp = Event._meta.get_field("occurred_at")
    stamp.auto_now_add = False
    try:
        yield
    finally:
        stamp.auto_now_add = True


def events_write(events: Sequence[Event], *, batch_size: int = 2000) -> None:
    """Insert `events` with the `occurred_at` each carries, in the order given (so
    ids follow it)."""
    with _stamped_as_given():
        Event.objects.bulk_create(events, batch_size=batch_size)


@dataclass(frozen=True)
class Actor:
    """Someone who acts for a partner: the user, the partner and its organisation."""

    user_id: int
    partner_id: int
    organisation_id: int


def synthetic_events(
    *,
    partnership_id: int,
    actors: Sequence[Actor],
    count: int,
    start: datetime.datetime,
    end: datetime.datetime,
    rng: random.Random,
) -> list[Event]:
    """About `count` (a few are skipped) plausible events of every verb the signals read, at random times
    between `start` and `end`, in time order: threads and replies, actions with due
    dates and links, polls with votes and outcomes, meetings' attendance, pledges and
    contributions, bookings between partners, reminders."""
    span = (end - start).total_seconds()
    moments = sorted(start + datetime.timedelta(seconds=rng.random() * span) for _ in range(count))
    threads: list[str] = []
    actions: dict[str, str] = {}  # uuid -> status
    polls: dict[str, str] = {}  # uuid -> "open", "closed", "decided"
    meetings: list[str] = []
    pledges: dict[str, bool] = {}  # uuid -> delivered
    entries: list[tuple[Actor, str]] = []
    out: list[Event] = []

    def event(when: datetime.datetime, who: Actor | None, verb: str, obj: str, **payload: Any) -> Event:
        return Event(
            partnership_id=partnership_id,
            actor_id=who.user_id if who else None,
            organisation_id=who.organisation_id if who else None,
            verb=verb,
            object_type=verb.split(".")[0],
            object_uuid=obj,
            occurred_at=when,
            payload=payload,
        )

    for when in moments:
        who = rng.choice(actors)
        roll = rng.random()
        new = str(uuid.uuid4())
        if roll < 0.12 or not threads:
            threads.append(new)
            out.append(event(when, who, "thread.started", new))
        elif roll < 0.34:
            out.append(event(when, who, "thread.replied", rng.choice(threads)))
        elif roll < 0.44:
            actions[new] = "open"
            due = (when + datetime.timedelta(days=rng.randint(-10, 60))).date()
            owner = rng.choice(actors)
            out.append(
                event(
                    when,
                    who,
                    "action.created",
                    new,
                    due=due.isoformat() if rng.random() < 0.8 else None,
                    serves=rng.random() < 0.6,
                    owner_partner=owner.partner_id,
                    owner_user=None,
                )
            )
        elif roll < 0.48 and actions:
            target = rng.choice(list(actions))
            due = (when + datetime.timedelta(days=rng.randint(-5, 40))).date()
            out.append(
                event(when, who, "action.updated", target, due=due.isoformat(), serves=rng.random() < 0.5)
            )
        elif roll < 0.56 and actions:
            target = rng.choice(list(actions))
            status = actions[target]
            if status == "open":
                verb = "action.done" if rng.random() < 0.8 else "action.dropped"
                actions[target] = verb.split(".")[1]
            else:
                verb, actions[target] = "action.reopened", "open"
            out.append(event(when, who, verb, target))
        elif roll < 0.59:
            polls[new] = "open"
            out.append(event(when, who, "poll.opened", new, kind="yes_no"))
        elif roll < 0.66 and polls:
            target = rng.choice(list(polls))
            if polls[target] == "open":
                out.append(event(when, who, "vote.cast", target))
            elif polls[target] == "closed":
                polls[target] = "decided"
                out.append(event(when, who, "poll.outcome_written", target))
        elif roll < 0.68 and polls:
            target = rng.choice(list(polls))
            if polls[target] == "open":
                polls[target] = "closed"
                out.append(event(when, None, "poll.closed", target, automatic=True))
        elif roll < 0.73:
            if meetings and rng.random() < 0.3:
                target = rng.choice(meetings)
            else:
                target = new
                meetings.append(new)
            orgs = sorted({a.organisation_id for a in actors})
            invited = [o for o in orgs if rng.random() < 0.9] or orgs[:1]
            present = [o for o in invited if rng.random() < 0.7]
            out.append(
                event(
                    when,
                    who,
                    "meeting.attendance_recorded",
                    target,
                    organisations_invited=invited,
                    organisations_present=present,
                )
            )
        elif roll < 0.76:
            pledges[new] = False
            out.append(event(when, who, "pledge.added", new))
        elif roll < 0.77 and pledges:
            target = rng.choice(list(pledges))
            if not pledges[target]:
                del pledges[target]
                out.append(event(when, who, "pledge.removed", target))
        elif roll < 0.84:
            pledge = rng.choice(list(pledges)) if pledges and rng.random() < 0.5 else None
            if pledge is not None:
                pledges[pledge] = True
            value = f"{rng.randint(1, 500)}.{rng.randint(0, 99):02d}"
            entries.append((who, value))
            out.append(
                event(
                    when,
                    who,
                    "contribution.recorded",
                    new,
                    partner=who.partner_id,
                    value_gbp=value,
                    pledge=pledge,
                )
            )
        elif roll < 0.85 and entries:
            owner, value = entries.pop(rng.randrange(len(entries)))
            out.append(
                event(
                    when, owner, "contribution.reversed", new, partner=owner.partner_id, value_gbp=f"-{value}"
                )
            )
        elif roll < 0.92:
            owner = rng.choice(actors)
            out.append(
                event(when, who, "booking.requested", new, partner=who.partner_id, owner=owner.partner_id)
            )
        elif actions:
            out.append(event(when, None, "action.due_soon", rng.choice(list(actions))))
        else:
            out.append(event(when, who, "thread.started", new))
            threads.append(new)
    return out
