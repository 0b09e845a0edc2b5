"""Reading the event log into running tallies, incrementally.

The method
    A partnership's `Cursor` holds the id of the last event read. A run reads the
    events after it in id order, in batches of at most `BATCH`, each batch in one
    transaction: it loads the state of the objects those events name (`Tracked`
    rows: a thread's start, a poll's opening, an action's due date...), and every
    `Period` row of the partnership (one a month: a few dozen rows, however many
    events), applies the events, writes back what changed, recomputes the signal
    values of the periods from the earliest one touched onwards (the signals that
    count "to date" depend on every earlier period), and moves the cursor.

    An object's effect on the tallies is a function of its state (`_effects`): when
    an event changes the state, the old effects are taken off and the new ones put
    on. So a late event (an action done in May that was due in March) corrects the
    period it belongs to, and reading the log in one go or in any number of pieces
    gives the same tallies (tests/test_computation.py proves it on random logs).

Overlapping runs
    The cursor row is locked for the batch (SELECT ... FOR UPDATE on PostgreSQL;
    SQLite writes one transaction at a time, settings.py), and it is moved with a
    compare-and-set: a run that finds the cursor moved under it rolls its batch back
    and stops, so no event is ever counted twice.

Events still being written
    Event ids are handed out when a row is inserted, not when its transaction
    commits: a long transaction can commit event 10 after event 11 is visible. A run
    therefore stops at the first event younger than `SETTLE`, which every writer's
    transaction has long finished by; the next run takes it.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from consortia.core.events import SYSTEM_VERBS
from consortia.core.models import Event
from consortia.partnerships.models import Partner, Partnership

from .models import Cursor, Period, Tracked
from .signals import PeriodFacts, compute_signals

BATCH = 5000
SETTLE = datetime.timedelta(seconds=60)

# Tally sections that hold a list of values (for medians) rather than counters.
LISTS = ("first_reply_hours", "poll_days")

# One effect of an object on the tallies: (period, section, key, amount). For a list
# section the amount is the value listed and the key is "".
Effect = tuple[str, str, str, float]


def period_of(moment: datetime.datetime) -> str:
    """The period (calendar month, local time) a moment falls in, as "YYYY-MM-01"."""
    return timezone.localtime(moment).date().replace(day=1).isoformat()


def period_of_date(day: datetime.date) -> str:
    return day.replace(day=1).isoformat()


def pair(a: int | None, b: int | None) -> str | None:
    """The key of an undirected tie between two organisations; None for no tie."""
    if a is None or b is None or a == b:
        return None
    low, high = sorted((a, b))
    return f"{low}|{high}"


# --- what each kind of object contributes -----------------------------------------------------


def _action_effects(s: dict[str, Any]) -> list[Effect]:
    made = s["created"]
    out: list[Effect] = [(made, "actions", "created", 1), (made, "actions", "open_delta", 1)]
    if s.get("linked"):
        out.append((made, "actions", "linked", 1))
    closed = s.get("closed")
    if closed:
        out.append((closed, "actions", s["status"], 1))
        out.append((closed, "actions", "open_delta", -1))
    if s.get("due"):
        due = period_of_date(datetime.date.fromisoformat(s["due"]))
        if closed is None or closed > due:
            # Fell due in its period and was still open at that period's end.
            out.append((due, "actions", "due_unclosed", 1))
        # Past its due date at the end of every period from `start` until closed.
        start = max(made, due)
        if closed is None or closed > start:
            out.append((start, "actions", "overdue_delta", 1))
            if closed is not None:
                out.append((closed, "actions", "overdue_delta", -1))
    tie = pair(s.get("creator_org"), s.get("owner_org"))
    if tie:
        out.append((made, "ties", tie, 1))
    return out


def _thread_effects(s: dict[str, Any]) -> list[Effect]:
    if s.get("first") is None:
        return []
    return [(s["period"], "first_reply_hours", "", s["first"])]


def _poll_effects(s: dict[str, Any]) -> list[Effect]:
    out: list[Effect] = []
    if s.get("closed"):
        out += [(s["closed"], "votes", org, n) for org, n in s.get("votes", {}).items()]
    if s.get("decided") is not None:
        out.append((s["decided_period"], "poll_days", "", s["decided"]))
    return out


def _meeting_effects(s: dict[str, Any]) -> list[Effect]:
    p = s["period"]
    present = sorted(set(s.get("present", [])))
    out: list[Effect] = [(p, "talk", "meetings", 1)]
    out += [(p, "att_invited", str(org), 1) for org in s.get("invited", [])]
    out += [(p, "att_present", str(org), 1) for org in present]
    for i, a in enumerate(present):
        for b in present[i + 1 :]:
            out.append((p, "ties", pair(a, b) or "", 1))
    return out


def _pledge_effects(s: dict[str, Any]) -> list[Effect]:
    if s.get("removed"):
        return []
    out: list[Effect] = [(s["period"], "pledges", "made", 1)]
    if s.get("delivered"):
        out.append((s["delivered"], "pledges", "delivered", 1))
    return out


EFFECTS = {
    "action": _action_effects,
    "thread": _thread_effects,
    "poll": _poll_effects,
    "meeting": _meeting_effects,
    "pledge": _pledge_effects,
}

# The verbs whose object has state kept across events, by the kind of object.
TRACKED_VERBS = {
    "action.created": "action",
    "action.updated": "action",
    "action.done": "action",
    "action.dropped": "action",
    "action.reopened": "action",
    "thread.started": "thread",
    "thread.replied": "thread",
    "poll.opened": "poll",
    "vote.cast": "poll",
    "poll.closed": "poll",
    "poll.outcome_written": "poll",
    "meeting.attendance_recorded": "meeting",
    "pledge.added": "pledge",
    "pledge.removed": "pledge",
    "contribution.recorded": "pledge",  # only when it names a pledge
}


# --- the state of one run ---------------------------------------------------------------------


@dataclass
class Ledger:
    """The tallies of every period, and the state of the objects a batch names."""

    periods: dict[str, dict[str, Any]]
    objects: dict[str, dict[str, Any]]
    partner_orgs: dict[int, int]  # partner id -> organisation id
    touched: set[str] = field(default_factory=set)
    changed_objects: set[str] = field(default_factory=set)

    def org_of(self, partner_id: Any) -> int | None:
        """The organisation of a partner named by id in a payload (None for none)."""
        return self.partner_orgs.get(partner_id) if isinstance(partner_id, int) else None

    def tally(self, period: str) -> dict[str, Any]:
        self.touched.add(period)
        return self.periods.setdefault(period, {})

    def add(self, effect: Effect, sign: int = 1) -> None:
        period, section, key, amount = effect
        tally = self.tally(period)
        if section in LISTS:
            values = tally.setdefault(section, [])
            if sign > 0:
                values.append(amount)
            else:
                values.remove(amount)
            return
        counters = tally.setdefault(section, {})
        new = counters.get(key, 0) + sign * amount
        if abs(new) < 1e-9:
            counters.pop(key, None)
        else:
            counters[key] = round(new, 2) if isinstance(new, float) else new

    def change(self, key: str, kind: str, state: dict[str, Any], new: dict[str, Any]) -> None:
        """Replace an object's state, taking its old effects off and putting the new on."""
        before = EFFECTS[kind](state) if state else []
        after = EFFECTS[kind](new)
        if before == after and state == new:
            return
        for effect in before:
            self.add(effect, -1)
        for effect in after:
            self.add(effect, +1)
        self.objects[key] = new
        self.changed_objects.add(key)


def _apply(ledger: Ledger, e: dict[str, Any]) -> None:
    """One event's effect on the tallies."""
    verb: str = e["verb"]
    payload: dict[str, Any] = e["payload"] or {}
    when: datetime.datetime = e["occurred_at"]
    p = period_of(when)
    org: int | None = e["organisation_id"]
    automatic = verb in SYSTEM_VERBS or payload.get("automatic")
    if org is not None and not automatic:
        ledger.add((p, "events", str(org), 1))
    else:
        ledger.tally(p)  # the period exists even when nobody is credited
    kind = TRACKED_VERBS.get(verb)
    if verb in ("thread.started", "thread.replied"):
        ledger.add((p, "talk", "posts", 1))
    if verb in ("booking.requested", "booking.made"):
        tie = pair(ledger.org_of(payload.get("partner")), ledger.org_of(payload.get("owner")))
        if tie:
            ledger.add((p, "ties", tie, 1))
    if verb in ("contribution.recorded", "contribution.reversed") and org is not None:
        ledger.add((p, "delivered", str(org), float(payload.get("value_gbp") or 0)))
    if kind is None or e["object_uuid"] is None:
        return
    uuid = str(e["object_uuid"])
    if verb == "contribution.recorded":
        if not payload.get("pledge"):
            return
        uuid = payload["pledge"]
    key = f"{kind}:{uuid}"
    state = ledger.objects.get(key, {})
    new = _next_state(kind, verb, dict(state), e, p, ledger)
    if new is not None:
        ledger.change(key, kind, state, new)


def _next_state(
    kind: str, verb: str, s: dict[str, Any], e: dict[str, Any], p: str, ledger: Ledger
) -> dict[str, Any] | None:
    """The object's state after the event, or None when the event does not change it."""
    payload: dict[str, Any] = e["payload"] or {}
    if kind == "action":
        s.setdefault("created", p)
        s.setdefault("status", "open")
        if verb == "action.created":
            s["creator_org"] = e["organisation_id"]
        if verb in ("action.created", "action.updated"):
            if "due" in payload:
                s["due"] = payload["due"]
            if "serves" in payload:
                s["linked"] = bool(payload["serves"])
            if "owner_partner" in payload:
                s["owner_org"] = ledger.org_of(payload["owner_partner"])
        elif verb in ("action.done", "action.dropped"):
            s["status"], s["closed"] = verb.split(".")[1], p
        elif verb == "action.reopened":
            s["status"], s["closed"] = "open", None
        return s
    if kind == "thread":
        if verb == "thread.started":
            return {
                **s,
                "start": e["occurred_at"].isoformat(),
                "period": p,
                "actor": e["actor_id"],
                "org": e["organisation_id"],
            }
        if not s:
            return None  # a reply in a thread started before the log began
        tie = pair(e["organisation_id"], s.get("org"))
        if tie:
            ledger.add((p, "ties", tie, 1))
        if s.get("first") is None and e["actor_id"] != s.get("actor"):
            hours = (e["occurred_at"] - datetime.datetime.fromisoformat(s["start"])).total_seconds() / 3600
            s["first"] = round(max(hours, 0.0), 2)
            return s
        return None
    if kind == "poll":
        if verb == "poll.opened":
            s["opened"] = e["occurred_at"].isoformat()
        elif verb == "vote.cast":
            if e["organisation_id"] is None:
                return None
            votes = dict(s.get("votes", {}))
            votes[str(e["organisation_id"])] = votes.get(str(e["organisation_id"]), 0) + 1
            s["votes"] = votes
        elif verb == "poll.closed":
            s["closed"] = p
        elif verb == "poll.outcome_written":
            if s.get("decided") is not None or "opened" not in s:
                return None
            days = (e["occurred_at"] - datetime.datetime.fromisoformat(s["opened"])).total_seconds() / 86400
            s["decided"], s["decided_period"] = round(max(days, 0.0), 2), p
        return s
    if kind == "meeting":
        s.setdefault("period", p)
        s["invited"] = sorted(payload.get("organisations_invited", []))
        s["present"] = sorted(payload.get("organisations_present", []))
        return s
    # pledge
    if verb == "pledge.added":
        s["period"] = p
    elif verb == "pledge.removed":
        s["removed"] = True
    elif verb == "contribution.recorded":
        if "period" not in s or s.get("delivered"):
            return None
        s["delivered"] = p
    return s


# --- one run ----------------------------------------------------------------------------------


class Overtaken(Exception):
    """Another run moved the cursor while this one worked: this batch is rolled back."""


def _after_read() -> None:
    """A seam for the overlap test: called once a batch has read its events."""


def _partner_facts(
    partnership_id: int,
) -> tuple[dict[int, int], list[tuple[int, str, datetime.datetime, datetime.datetime | None]]]:
    rows = list(
        Partner.objects.filter(partnership_id=partnership_id).values_list(
            "pk", "organisation_id", "organisation__uuid", "joined_at", "left_at"
        )
    )
    return {pk: org for pk, org, _, _, _ in rows}, [
        (org, str(uuid), j, left) for _, org, uuid, j, left in rows
    ]


def _batch(partnership_id: int, *, size: int, settle: datetime.timedelta) -> int:
    """Read up to `size` events after the cursor; how many were read (0 when none
    or when another run overtook this one)."""
    Cursor.objects.get_or_create(partnership_id=partnership_id)
    try:
        with transaction.atomic():
            cursor = Cursor.objects.select_for_update().get(partnership_id=partnership_id)
            start = cursor.last_event_id
            events = list(
                Event.objects.filter(partnership_id=partnership_id, pk__gt=start)
                .order_by("pk")
                .values("pk", "occurred_at", "actor_id", "organisation_id", "verb", "object_uuid", "payload")[
                    :size
                ]
            )
            cutoff = timezone.now() - settle
            settled = []
            for e in events:
                if e["occurred_at"] > cutoff:
                    break
                settled.append(e)
            if not settled:
                return 0
            _after_read()
            read = _read(partnership_id, settled)
            moved = Cursor.objects.filter(
                pk=cursor.pk, last_event_id=start, updated_at=cursor.updated_at
            ).update(last_event_id=settled[-1]["pk"], updated_at=timezone.now())
            if moved != 1:
                raise Overtaken
            return read
    except Overtaken:
        return 0


def _read(partnership_id: int, events: list[dict[str, Any]]) -> int:
    partner_orgs, partners = _partner_facts(partnership_id)
    keys = set()
    for e in events:
        kind = TRACKED_VERBS.get(e["verb"])
        if kind and e["object_uuid"] is not None:
            pledge = (e["payload"] or {}).get("pledge") if e["verb"] == "contribution.recorded" else None
            keys.add(f"{kind}:{pledge or e['object_uuid']}")
    tracked = {t.key: t for t in Tracked.objects.filter(partnership_id=partnership_id, key__in=keys)}
    stored = Period.objects.filter(partnership_id=partnership_id).values_list("start", "tallies")
    ledger = Ledger(
        periods={start.isoformat(): tallies for start, tallies in stored},
        objects={k: t.data for k, t in tracked.items()},
        partner_orgs=partner_orgs,
    )
    for e in events:
        _apply(ledger, e)
    Tracked.objects.bulk_create(
        [
            Tracked(partnership_id=partnership_id, key=k, data=ledger.objects[k])
            for k in ledger.changed_objects
        ],
        update_conflicts=True,
        unique_fields=["partnership", "key"],
        update_fields=["data"],
    )
    _store_periods(partnership_id, ledger.periods, min(ledger.touched), partners)
    return len(events)


def _store_periods(
    partnership_id: int,
    periods: dict[str, dict[str, Any]],
    since: str,
    partners: list[tuple[int, str, datetime.datetime, datetime.datetime | None]],
) -> None:
    """Recompute the signals of every period from `since` on, and write those rows."""
    order = sorted(periods)
    running: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    rows = []
    for start in order:
        tally = periods[start]
        for section in ("delivered", "pledges"):
            for key, amount in tally.get(section, {}).items():
                running[section][key] += amount
        for key in ("open_delta", "overdue_delta"):
            running["actions"][key] += tally.get("actions", {}).get(key, 0)
        if start < since:
            continue
        first = datetime.date.fromisoformat(start)
        end = (first + datetime.timedelta(days=32)).replace(day=1)
        members = {
            org: uuid
            for org, uuid, joined, left in partners
            if timezone.localtime(joined).date() < end
            and (left is None or timezone.localtime(left).date() >= first)
        }
        uuids = {org: uuid for org, uuid, _, _ in partners}
        facts = PeriodFacts(
            tally=tally,
            to_date={k: dict(v) for k, v in running.items()},
            partners={str(org): uuid for org, uuid in members.items()},
            uuids={str(org): uuid for org, uuid in uuids.items()},
        )
        rows.append(
            Period(partnership_id=partnership_id, start=first, tallies=tally, signals=compute_signals(facts))
        )
    Period.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["partnership", "start"],
        update_fields=["tallies", "signals"],
    )


def signals_read(
    partnership: Partnership | int, *, size: int = BATCH, settle: datetime.timedelta = SETTLE
) -> int:
    """Read every settled event after the cursor, batch by batch; how many were read."""
    partnership_id = partnership if isinstance(partnership, int) else partnership.pk
    total = 0
    while True:
        read = _batch(partnership_id, size=size, settle=settle)
        total += max(read, 0)
        if read < size:
            return total


def signals_reset(partnership: Partnership | int) -> None:
    """Forget everything read (the next run reads the whole log again). Any run in
    progress finds the cursor moved and rolls back."""
    partnership_id = partnership if isinstance(partnership, int) else partnership.pk
    with transaction.atomic():
        cursor, _ = Cursor.objects.select_for_update().get_or_create(partnership_id=partnership_id)
        Tracked.objects.filter(partnership_id=partnership_id).delete()
        Period.objects.filter(partnership_id=partnership_id).delete()
        # A run that read the old cursor fails its compare-and-set on the time, even
        # when the old cursor was 0 too.
        Cursor.objects.filter(pk=cursor.pk).update(last_event_id=0, updated_at=timezone.now())
