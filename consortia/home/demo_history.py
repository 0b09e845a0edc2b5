"""Six months of past activity for the demo's partnership, showing inertia setting in.

The demo's services run "now", so on their own they leave a partnership with one
month of history and nothing for the radar to compare. `history_seed` writes the
events of the months before, as the services would have written them, at the times
they would have happened (consortia/activity/history.py says how a past time is
written into an append-only log), and then reads them into the activity signals.

The story: for four months the partners reply to each other within hours, decide
polls within days and get most of their actions done; over the last sixty days
replies take days, polls weeks, actions pile up undone while the threads get longer:
the slow pace and hard grind the radar warns of (activity/signals.py measures it;
the figures the demo gives are in the activity report of issue 12).
"""

import datetime
import random
import uuid
from dataclasses import dataclass

from django.utils import timezone

from consortia.activity.computation import signals_read
from consortia.activity.history import events_write
from consortia.core.models import Event
from consortia.organisations.models import Membership
from consortia.partnerships.models import Partner, Partnership

SLOW_DAYS = 60  # the last sixty days are the slow ones

THREADS = (
    "Carers' week stall",
    "Referral form wording",
    "Drop-in rota",
    "Leaflet reprint",
    "Respite grant bid",
    "GP surgery screens",
    "Volunteer induction",
    "Dementia cafe venue",
)
ACTIONS = (
    "Book the hall",
    "Draft the referral form",
    "Ask the surgery for a screen slot",
    "Write to the council about respite",
    "Update the drop-in rota",
    "Order leaflets",
    "Recruit two volunteers",
    "Send the bid to the funder",
)


@dataclass(frozen=True)
class _Voice:
    user_id: int
    partner_id: int
    organisation_id: int


@dataclass(frozen=True)
class _Pace:
    threads: int
    replies: int  # replies per thread
    reply_hours: tuple[float, float]  # first reply after
    polls: int
    outcome_days: tuple[float, float]  # outcome written after
    actions: int
    done_share: float
    linked_share: float
    meetings: int
    present_share: float
    due_days: tuple[float, float]  # an action falls due after


LIVELY = _Pace(8, 2, (2, 8), 2, (2, 4), 9, 0.85, 0.8, 2, 0.9, (5, 40))
SLOW = _Pace(8, 5, (40, 96), 2, (14, 24), 6, 0.15, 0.3, 3, 0.6, (3, 10))


def _voices(partnership: Partnership) -> list[_Voice]:
    """One person for each active partner: the first member of its organisation."""
    partners = list(partnership.partners.active().order_by("pk"))
    first: dict[int, int] = {}
    for membership in Membership.objects.filter(
        organisation_id__in=[p.organisation_id for p in partners]
    ).order_by("pk"):
        first.setdefault(membership.organisation_id, membership.user_id)
    return [
        _Voice(first[p.organisation_id], p.pk, p.organisation_id)
        for p in partners
        if p.organisation_id in first
    ]


class _Log:
    def __init__(self, partnership: Partnership, now: datetime.datetime) -> None:
        self.partnership, self.now = partnership, now
        self.events: list[Event] = []

    def add(
        self,
        when: datetime.datetime,
        who: _Voice | None,
        verb: str,
        object_type: str,
        obj: str,
        name: str,
        **payload: object,
    ) -> bool:
        """Write the event when it is in the past (a reply due after now never came)."""
        if when >= self.now:
            return False
        self.events.append(
            Event(
                partnership=self.partnership,
                actor_id=who.user_id if who else None,
                organisation_id=who.organisation_id if who else None,
                verb=verb,
                object_type=object_type,
                object_uuid=obj,
                object_repr=name,
                occurred_at=when,
                payload=payload,
            )
        )
        return True


def _month(
    log: _Log,
    voices: list[_Voice],
    start: datetime.datetime,
    end: datetime.datetime,
    pace: _Pace,
    rng: random.Random,
    *,
    threads_until: float = 0.7,
) -> None:
    span = (end - start).total_seconds()

    def at(share: float) -> datetime.datetime:
        return start + datetime.timedelta(seconds=span * share)

    for i in range(pace.threads):
        thread, starter = str(uuid.uuid4()), voices[i % len(voices)]
        begun = at(rng.uniform(0, threads_until))
        name = THREADS[i % len(THREADS)]
        log.add(begun, starter, "thread.started", "thread", thread, name)
        reply = begun + datetime.timedelta(hours=rng.uniform(*pace.reply_hours))
        for r in range(pace.replies):
            who = voices[(i + r + 1) % len(voices)]
            log.add(reply, who, "thread.replied", "thread", thread, name)
            reply += datetime.timedelta(hours=rng.uniform(1, 30))
    for i in range(pace.polls):
        poll, convener = str(uuid.uuid4()), voices[0]
        decided = at(rng.uniform(0.5, 0.95))
        opened = decided - datetime.timedelta(days=rng.uniform(*pace.outcome_days))
        name = f"Which venue for the {['spring', 'summer', 'autumn', 'winter'][i % 4]} event?"
        log.add(opened, convener, "poll.opened", "poll", poll, name, kind="single")
        for v in voices[: max(2, len(voices) - i)]:
            log.add(opened + datetime.timedelta(hours=rng.uniform(1, 40)), v, "vote.cast", "poll", poll, name)
        closed = opened + (decided - opened) * 0.8
        log.add(closed, None, "poll.closed", "poll", poll, name, automatic=True)
        log.add(decided, convener, "poll.outcome_written", "poll", poll, name)
    for i in range(pace.actions):
        action, creator, owner = str(uuid.uuid4()), voices[i % len(voices)], voices[(i + 2) % len(voices)]
        made = at(rng.uniform(0, 0.4))
        due = (made + datetime.timedelta(days=rng.uniform(*pace.due_days))).date()
        name = ACTIONS[i % len(ACTIONS)]
        facts = {"owner_user": None, "owner_partner": owner.partner_id, "due": due.isoformat()}
        log.add(
            made,
            creator,
            "action.created",
            "action",
            action,
            name,
            serves=rng.random() < pace.linked_share,
            **facts,
        )
        if rng.random() < pace.done_share:
            log.add(at(rng.uniform(0.6, 0.98)), owner, "action.done", "action", action, name, **facts)
    for i in range(pace.meetings):
        meeting = str(uuid.uuid4())
        invited = sorted(v.organisation_id for v in voices)
        present = [o for o in invited if rng.random() < pace.present_share] or invited[:1]
        log.add(
            at((i + 1) / (pace.meetings + 1)),
            voices[0],
            "meeting.attendance_recorded",
            "meeting",
            meeting,
            "Partnership board",
            organisations_invited=invited,
            organisations_present=present,
        )
    for v in voices:
        if rng.random() < (0.8 if pace is LIVELY else 0.4):
            log.add(
                at(rng.uniform(0, 1)),
                v,
                "contribution.recorded",
                "entry",
                str(uuid.uuid4()),
                "Volunteer hours",
                partner=v.partner_id,
                value_gbp=f"{rng.randint(4, 30) * 12.5:.2f}",
                pledge=None,
            )


def history_seed(partnership: Partnership, *, months: int = 6, seed: int = 2027) -> int:
    """Write `months` months of past activity for `partnership` (lively, then slow for
    the last sixty days) and read it into the activity signals; how many events were
    written. The partners are taken to have joined when the history begins (their
    `joined_at` is moved back), so each month counts them."""
    now = timezone.now()
    begin = now - datetime.timedelta(days=30 * months)
    Partner.objects.filter(partnership=partnership, joined_at__gt=begin).update(joined_at=begin)
    voices = _voices(partnership)
    if len(voices) < 2:
        return 0
    rng = random.Random(seed)
    log = _Log(partnership, now - datetime.timedelta(hours=1))
    slow_from = now - datetime.timedelta(days=SLOW_DAYS)
    step = datetime.timedelta(days=30)
    start = begin
    while start < now:
        end = min(start + step, now)
        _month(log, voices, start, end, SLOW if start >= slow_from else LIVELY, rng)
        start = end
    # The current month so far, slow too, its threads started early enough for their
    # slow replies to have come: it also holds what the demo's services did just now,
    # at once (replies within seconds), which would otherwise be all it shows.
    month_start = timezone.localtime(now).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    if now - month_start >= datetime.timedelta(days=5):
        _month(log, voices, month_start, now, SLOW, rng, threads_until=0.15)
    log.events.sort(key=lambda e: e.occurred_at)
    events_write(log.events)
    # Nothing else writes while the demo loads, so the events just written by the
    # demo's services need not settle first.
    signals_read(partnership, settle=datetime.timedelta(0))
    return len(log.events)
