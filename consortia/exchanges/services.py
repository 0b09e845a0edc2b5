"""Every change to exchanges: proposing one, each side agreeing, confirming the DBS
check, naming the people on it, completing and cancelling it, and a participant's
reflection.

Each service runs in one transaction, checks the actor's permission
(consortia/exchanges/rules.py), refuses a closed partnership, checks what it is given
before anything is written and writes exactly one event. A service that moves the
state machine locks the exchange row first (select_for_update; on SQLite the
IMMEDIATE transaction takes the write lock at BEGIN) and re-reads it, so two
agreements at once queue: both are kept and the exchange is confirmed once.
Completing an exchange counts its staff time (at the rate card, credited to the side
that gave it) and its cost (to the side that paid) in the contributions ledger, each
once (source keys "exchanges.exchange:<id>:...").
"""

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from consortia.accounts.models import User
from consortia.contributions.models import NOTE_MAX
from consortia.contributions.services import entry_record
from consortia.core.choices import ContributionCategory, Unit
from consortia.core.errors import Conflict, ServiceError
from consortia.core.events import event_record
from consortia.core.services import refuse_if_closed, require
from consortia.library import services as library_services
from consortia.library.models import ORIGIN_MAX as LIBRARY_ORIGIN_MAX
from consortia.library.models import TITLE_MAX as LIBRARY_TITLE_MAX
from consortia.library.models import Entry as LibraryEntry
from consortia.organisations.models import Membership
from consortia.partnerships.models import Partner, Partnership
from consortia.partnerships.rules import is_partner_admin

from .models import COST_MAX, HOURS_MAX, PEOPLE_MAX, TEXT_MAX, TITLE_MAX, Exchange, Participant, Reflection

ADD = "exchanges.add_exchange_in_partnership"
CHANGE = "exchanges.change_exchange"
CONFIRM_DBS = "exchanges.confirm_dbs_exchange"
REFLECT = "exchanges.reflect_exchange"
# An exchange further off than this is a typo (2206 for 2026), not a plan.
HORIZON = datetime.timedelta(days=3 * 366)
SIDES = (Exchange.Side.HOST, Exchange.Side.SENDER)


# --- checking what is given ------------------------------------------------------------------


def _clean(value: str, limit: int, field: str, label: str, *, required: str = "") -> str:
    value = (value or "").strip()
    if field == "title":
        value = " ".join(value.split())
    if required and not value:
        raise ServiceError(required, field=field)
    if len(value) > limit:
        raise ServiceError(f"{label} must be {limit:,} characters or fewer", field=field)
    return value


def _amount(value: Decimal | int | str, ceiling: Decimal, field: str, label: str) -> Decimal:
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise ServiceError(f"Enter {label} as a number", field=field) from None
    if not amount.is_finite() or amount < 0 or amount > ceiling:
        raise ServiceError(f"Enter {label} from 0 to {ceiling:,}", field=field)
    return amount.quantize(Decimal("0.01"))


def _check(
    partnership: Partnership,
    *,
    kind: str,
    direction: str,
    title: str,
    purpose: str,
    host: Partner,
    sender: Partner,
    starts_on: datetime.date,
    ends_on: datetime.date,
    host_expects: str,
    sender_expects: str,
    people: int,
    dbs_needed: bool,
    dbs_confirmer: str,
    safeguarding_notes: str,
    host_staff_hours: Decimal | int | str,
    sender_staff_hours: Decimal | int | str,
    cost_gbp: Decimal | int | str,
    cost_paid_by: str,
) -> dict[str, Any]:
    if kind not in Exchange.Kind.values:
        raise ServiceError("Choose the kind of exchange", field="kind")
    if direction not in Exchange.Direction.values:
        raise ServiceError("Say whether the host offers it or the sender asks for it", field="direction")
    active = {p.pk for p in partnership.partners.active()}
    for partner, field in ((host, "host"), (sender, "sender")):
        if partner.partnership_id != partnership.pk or partner.pk not in active:
            raise ServiceError(f"Choose an active partner of this partnership as the {field}", field=field)
    if host.pk == sender.pk:
        raise ServiceError("The host and the sending organisation must be different", field="sender")
    if not isinstance(starts_on, datetime.date) or not isinstance(ends_on, datetime.date):
        raise ServiceError("Enter the dates of the exchange", field="starts_on")
    if ends_on < starts_on:
        raise ServiceError("The exchange must end on or after the day it starts", field="ends_on")
    if starts_on > timezone.localdate() + HORIZON:
        raise ServiceError("The exchange must start within three years", field="starts_on")
    if isinstance(people, bool) or not isinstance(people, int) or not 0 < people <= PEOPLE_MAX:
        raise ServiceError(f"Enter a number of people from 1 to {PEOPLE_MAX}", field="people")
    if dbs_needed and dbs_confirmer not in SIDES:
        raise ServiceError("Say which organisation confirms the DBS check", field="dbs_confirmer")
    cost = _amount(cost_gbp, COST_MAX, "cost_gbp", "the cost in £")
    if cost and cost_paid_by not in SIDES:
        raise ServiceError("Say which organisation pays the cost", field="cost_paid_by")
    return {
        "kind": kind,
        "direction": direction,
        "title": _clean(title, TITLE_MAX, "title", "The title", required="Enter the exchange's title"),
        "purpose": _clean(purpose, TEXT_MAX, "purpose", "What it is for"),
        "host": host,
        "sender": sender,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "host_expects": _clean(host_expects, TEXT_MAX, "host_expects", "What the host expects"),
        "sender_expects": _clean(sender_expects, TEXT_MAX, "sender_expects", "What the sender expects"),
        "people": people,
        "dbs_needed": bool(dbs_needed),
        "dbs_confirmer": dbs_confirmer if dbs_needed else "",
        "safeguarding_notes": _clean(
            safeguarding_notes, TEXT_MAX, "safeguarding_notes", "The safeguarding notes"
        ),
        "host_staff_hours": _amount(
            host_staff_hours, HOURS_MAX, "host_staff_hours", "the host's staff hours"
        ),
        "sender_staff_hours": _amount(
            sender_staff_hours, HOURS_MAX, "sender_staff_hours", "the sender's staff hours"
        ),
        "cost_gbp": cost,
        "cost_paid_by": cost_paid_by if cost else "",
    }


def _lock(exchange: Exchange) -> Exchange:
    """Lock the exchange row and bring the state machine's fields up to date on the
    caller's object: every change of state queues here."""
    locked = Exchange.objects.select_for_update().get(pk=exchange.pk)
    for field in (
        "status",
        "host_agreed_at",
        "host_agreed_by_id",
        "sender_agreed_at",
        "sender_agreed_by_id",
        "dbs_confirmed_at",
        "dbs_confirmed_by_id",
        "completed_at",
        "cancelled_at",
    ):
        setattr(exchange, field, getattr(locked, field))
    return exchange


def _participant_ids(exchange: Exchange) -> list[int]:
    return list(exchange.participants.order_by("pk").values_list("user_id", flat=True))


def _payload(exchange: Exchange, **facts: Any) -> dict[str, Any]:
    return {
        "host": exchange.host_id,
        "sender": exchange.sender_id,
        "starts_on": exchange.starts_on.isoformat(),
        "status": exchange.status,
        **facts,
    }


def _ready(exchange: Exchange) -> bool:
    """Both sides agreed, and the DBS check confirmed when one is needed."""
    return (
        exchange.host_agreed_at is not None
        and exchange.sender_agreed_at is not None
        and (not exchange.dbs_needed or exchange.dbs_confirmed_at is not None)
    )


def _refuse_unless_open(exchange: Exchange, doing: str) -> None:
    refuse_if_closed(exchange.partnership, doing)
    if not exchange.is_open:
        raise Conflict(f"This exchange is {exchange.get_status_display().lower()}.")


# --- proposing -------------------------------------------------------------------------------


@transaction.atomic
def exchange_propose(
    *,
    actor: User,
    partnership: Partnership,
    kind: str,
    direction: str,
    title: str,
    host: Partner,
    sender: Partner,
    starts_on: datetime.date,
    ends_on: datetime.date,
    purpose: str = "",
    host_expects: str = "",
    sender_expects: str = "",
    people: int = 1,
    dbs_needed: bool = False,
    dbs_confirmer: str = "",
    safeguarding_notes: str = "",
    host_staff_hours: Decimal | int | str = 0,
    sender_staff_hours: Decimal | int | str = 0,
    cost_gbp: Decimal | int | str = 0,
    cost_paid_by: str = "",
) -> Exchange:
    """Propose an exchange: offered by the host or requested by the sender, whose
    admin the actor must be (400 with the field otherwise: a choice on the form they may
    not make; the house never answers 403). 400 with the field when the input is wrong (host = sender, a partner that is not active in this
    partnership, an end before the start, no people, a DBS check with nobody to
    confirm it, a cost nobody pays). Nobody has agreed yet. One
    `exchanges.exchange_proposed` event, which tells the other side's admins."""
    require(ADD, actor, partnership)
    refuse_if_closed(partnership, "propose exchanges in it")
    fields = _check(
        partnership,
        kind=kind,
        direction=direction,
        title=title,
        purpose=purpose,
        host=host,
        sender=sender,
        starts_on=starts_on,
        ends_on=ends_on,
        host_expects=host_expects,
        sender_expects=sender_expects,
        people=people,
        dbs_needed=dbs_needed,
        dbs_confirmer=dbs_confirmer,
        safeguarding_notes=safeguarding_notes,
        host_staff_hours=host_staff_hours,
        sender_staff_hours=sender_staff_hours,
        cost_gbp=cost_gbp,
        cost_paid_by=cost_paid_by,
    )
    proposer, other = (host, sender) if direction == Exchange.Direction.OFFERED else (sender, host)
    if not is_partner_admin(actor, proposer):
        field = "host" if proposer is host else "sender"
        raise ServiceError(f"You are not an admin of {proposer.organisation}", field=field)
    exchange = Exchange(partnership=partnership, created_by=actor, **fields)
    exchange.full_clean()
    exchange.save()
    event_record(
        actor=actor,
        verb="exchanges.exchange_proposed",
        obj=exchange,
        organisation=proposer.organisation,
        partnership=partnership,
        payload=_payload(exchange, notify_partner=other.pk),
    )
    return exchange


# --- agreeing and the DBS check --------------------------------------------------------------


@transaction.atomic
def exchange_agree(*, actor: User, exchange: Exchange, side: str) -> Exchange:
    """Agree to the exchange for one side ("host" or "sender"), as an admin of that
    side's organisation (400 with the side otherwise, or for no such side). The first agreement
    makes it "agreed"; the second confirms it, unless a DBS check is still awaited.
    Agreeing twice for the same side is a 409. One event: `exchanges.exchange_agreed`
    (telling the other side's admins) or `exchanges.exchange_confirmed` (telling the
    participants)."""
    require(CHANGE, actor, exchange)
    if side not in SIDES:
        raise ServiceError(
            "Choose the side you agree for: the host or the sending organisation", field="side"
        )
    partner = exchange.side_partner(side)
    if not is_partner_admin(actor, partner):
        raise ServiceError(f"You are not an admin of {partner.organisation}", field="side")
    _lock(exchange)
    _refuse_unless_open(exchange, "agree to exchanges in it")
    if getattr(exchange, f"{side}_agreed_at") is not None:
        raise Conflict(f"{partner.organisation} has already agreed to this exchange.")
    now = timezone.now()
    setattr(exchange, f"{side}_agreed_at", now)
    setattr(exchange, f"{side}_agreed_by", actor)
    exchange.status = Exchange.Status.CONFIRMED if _ready(exchange) else Exchange.Status.AGREED
    exchange.save(update_fields=[f"{side}_agreed_at", f"{side}_agreed_by", "status", "updated_at"])
    other = exchange.sender if side == Exchange.Side.HOST else exchange.host
    confirmed = exchange.status == Exchange.Status.CONFIRMED
    event_record(
        actor=actor,
        verb="exchanges.exchange_confirmed" if confirmed else "exchanges.exchange_agreed",
        obj=exchange,
        organisation=partner.organisation,
        partnership=exchange.partnership,
        payload=_payload(
            exchange, side=side, notify_partner=other.pk, participants=_participant_ids(exchange)
        ),
    )
    return exchange


@transaction.atomic
def exchange_dbs_confirm(*, actor: User, exchange: Exchange) -> Exchange:
    """Confirm the exchange's DBS check, as an admin of the side named to confirm it
    (400 otherwise; 409 when none is needed or it is already confirmed). When both
    sides have agreed, this confirms the exchange. One event:
    `exchanges.dbs_confirmed` or `exchanges.exchange_confirmed`."""
    require(CHANGE, actor, exchange)
    if not exchange.dbs_needed:
        raise Conflict("This exchange needs no DBS check.")
    partner = exchange.side_partner(exchange.dbs_confirmer)
    if not is_partner_admin(actor, partner):
        raise ServiceError(f"Only an admin of {partner.organisation} may confirm the DBS check")
    _lock(exchange)
    _refuse_unless_open(exchange, "confirm DBS checks in it")
    if exchange.dbs_confirmed_at is not None:
        raise Conflict("The DBS check is already confirmed.")
    exchange.dbs_confirmed_at, exchange.dbs_confirmed_by = timezone.now(), actor
    if _ready(exchange):
        exchange.status = Exchange.Status.CONFIRMED
    exchange.save(update_fields=["dbs_confirmed_at", "dbs_confirmed_by", "status", "updated_at"])
    confirmed = exchange.status == Exchange.Status.CONFIRMED
    event_record(
        actor=actor,
        verb="exchanges.exchange_confirmed" if confirmed else "exchanges.dbs_confirmed",
        obj=exchange,
        organisation=partner.organisation,
        partnership=exchange.partnership,
        payload=_payload(exchange, participants=_participant_ids(exchange)),
    )
    return exchange


# --- the people on it ------------------------------------------------------------------------


@transaction.atomic
def participant_add(*, actor: User, exchange: Exchange, user: User) -> Participant:
    """Name `user` on the exchange, for the host or the sender: a member of one of
    their organisations that the actor is an admin of (400 otherwise; 409 when they
    are already on it or the exchange is over). One `exchanges.participant_added`
    event."""
    require(CHANGE, actor, exchange)
    _refuse_unless_open(exchange, "change exchanges in it")
    orgs = set(Membership.objects.filter(user=user).values_list("organisation_id", flat=True))
    partner = next(
        (
            p
            for p in (exchange.sender, exchange.host)
            if p.organisation_id in orgs and is_partner_admin(actor, p)
        ),
        None,
    )
    if partner is None:
        raise ServiceError("Choose someone from an organisation you are an admin of", field="user")
    if exchange.participants.filter(user=user).exists():
        raise Conflict(f"{user} is already on this exchange.")
    participant = Participant.objects.create(exchange=exchange, user=user, partner=partner)
    event_record(
        actor=actor,
        verb="exchanges.participant_added",
        obj=exchange,
        organisation=partner.organisation,
        partnership=exchange.partnership,
        payload=_payload(exchange, user=user.pk),
    )
    return participant


# --- completing and cancelling ---------------------------------------------------------------


def _count_in_ledger(exchange: Exchange) -> None:
    """The staff time each side gave (paid staff hours at the rate card in force on
    the last day) and the cost (£, to the side that paid), written by the system in
    the caller's transaction. The source keys make each count once."""
    on = min(exchange.ends_on, timezone.localdate())
    what = f"{exchange.get_kind_display()}: {exchange.title}"
    for side, hours in (
        (Exchange.Side.HOST, exchange.host_staff_hours),
        (Exchange.Side.SENDER, exchange.sender_staff_hours),
    ):
        if hours:
            entry_record(
                actor=None,
                partnership=exchange.partnership,
                partner=exchange.side_partner(side),
                category=ContributionCategory.PAID_STAFF,
                unit=Unit.HOURS,
                quantity=hours,
                on=on,
                note=f"Staff time on the exchange {what}"[:NOTE_MAX],
                source_key=f"exchanges.exchange:{exchange.pk}:{side}-time",
            )
    if exchange.cost_gbp:
        entry_record(
            actor=None,
            partnership=exchange.partnership,
            partner=exchange.side_partner(exchange.cost_paid_by),
            category=ContributionCategory.FUNDING,
            unit=Unit.GBP,
            quantity=exchange.cost_gbp,
            on=on,
            note=f"The cost of the exchange {what}"[:NOTE_MAX],
            source_key=f"exchanges.exchange:{exchange.pk}:cost",
        )


@transaction.atomic
def exchange_complete(*, actor: User, exchange: Exchange) -> Exchange:
    """Mark a confirmed exchange completed, as an admin of either side, on or after
    its end date (409 before it, or when it is not confirmed: both sides agreed and
    the DBS check confirmed). Its staff time and cost count in the ledger, once.
    One `exchanges.exchange_completed` event, which asks the participants for their
    reflections."""
    require(CHANGE, actor, exchange)
    _lock(exchange)
    _refuse_unless_open(exchange, "complete exchanges in it")
    if exchange.dbs_needed and exchange.dbs_confirmed_at is None:
        raise Conflict("The DBS check must be confirmed before the exchange is completed.")
    if exchange.status != Exchange.Status.CONFIRMED:
        raise Conflict("Both organisations must agree to the exchange before it is completed.")
    if timezone.localdate() < exchange.ends_on:
        raise Conflict(f"The exchange ends on {exchange.ends_on:%-d %B %Y}: complete it then.")
    exchange.status, exchange.completed_at = Exchange.Status.COMPLETED, timezone.now()
    exchange.save(update_fields=["status", "completed_at", "updated_at"])
    _count_in_ledger(exchange)
    event_record(
        actor=actor,
        verb="exchanges.exchange_completed",
        obj=exchange,
        partnership=exchange.partnership,
        payload=_payload(exchange, participants=_participant_ids(exchange)),
    )
    return exchange


@transaction.atomic
def exchange_cancel(*, actor: User, exchange: Exchange) -> Exchange:
    """Cancel an exchange that is not over, as an admin of either side (409 when it
    is completed or cancelled). One `exchanges.exchange_cancelled` event, which tells
    the other side's admins and the participants."""
    require(CHANGE, actor, exchange)
    _lock(exchange)
    _refuse_unless_open(exchange, "cancel exchanges in it")
    exchange.status, exchange.cancelled_at = Exchange.Status.CANCELLED, timezone.now()
    exchange.save(update_fields=["status", "cancelled_at", "updated_at"])
    event_record(
        actor=actor,
        verb="exchanges.exchange_cancelled",
        obj=exchange,
        partnership=exchange.partnership,
        payload=_payload(exchange, participants=_participant_ids(exchange)),
    )
    return exchange


# --- reflections -----------------------------------------------------------------------------


@transaction.atomic
def reflection_write(*, actor: User, exchange: Exchange, surprised: str, differently: str) -> Reflection:
    """A participant's reflection on a completed exchange: what surprised them, what
    they will do differently (PermissionDenied, which views answer with a 404, for
    someone not on the exchange; 409 before it is completed or when they already wrote
    one; 400 for an empty answer). One
    `exchanges.reflection_written` event."""
    require(REFLECT, actor, exchange)
    if exchange.status != Exchange.Status.COMPLETED:
        raise Conflict("Reflections are written once the exchange is completed.")
    surprised = _clean(
        surprised, TEXT_MAX, "surprised", "What surprised you", required="Say what surprised you"
    )
    differently = _clean(
        differently,
        TEXT_MAX,
        "differently",
        "What you will do differently",
        required="Say what you will do differently",
    )
    if exchange.reflections.filter(author=actor).exists():
        raise Conflict("You have already written your reflection on this exchange.")
    reflection = Reflection.objects.create(
        exchange=exchange, author=actor, surprised=surprised, differently=differently
    )
    event_record(
        actor=actor,
        verb="exchanges.reflection_written",
        obj=exchange,
        partnership=exchange.partnership,
        payload=_payload(exchange),
    )
    return reflection


def reflection_to_library(*, actor: User, reflection: Reflection) -> LibraryEntry:
    """The reflection's author feeds it to the practice library: a partnership-only
    case study of the exchange, with what surprised them and what they will do
    differently, saying where it came from (library's `entry_create`: its
    `library.entry_added` is the one event, and tells the members). PermissionDenied (a 404 in views) for anyone else; 409 when it is
    already in the library (the reflection's row is locked, so two clicks make one
    entry)."""
    if reflection.author_id != actor.pk:
        raise PermissionDenied("exchanges.reflection_to_library")
    exchange = reflection.exchange
    refuse_if_closed(exchange.partnership, "add to its library")
    with transaction.atomic():
        locked = Reflection.objects.select_for_update().get(pk=reflection.pk)
        if locked.library_entry_id is not None:
            raise Conflict("This reflection is already in the practice library.")
        what = f"{exchange.get_kind_display()}: {exchange.title}"
        entry = library_services.entry_create(
            actor=actor,
            partnership=exchange.partnership,
            title=what[:LIBRARY_TITLE_MAX],
            kind="case_study",
            summary=(
                f"{exchange.get_kind_display()} from {exchange.sender.organisation} to "
                f"{exchange.host.organisation}, {exchange.starts_on:%-d %B %Y} to {exchange.ends_on:%-d %B %Y}."
                + (f"\n\n{exchange.purpose}" if exchange.purpose else "")
            ),
            what_worked=f"**What surprised me.** {reflection.surprised}",
            what_didnt=f"**What we will do differently.** {reflection.differently}",
            evidence_level="anecdote",
            evidence_note=f"The reflection of {actor.name or 'a participant'}, who took part in the exchange.",
            origin_label=f"From a reflection on the exchange “{exchange.title}”"[:LIBRARY_ORIGIN_MAX],
            origin_url=reverse("exchanges:detail", args=[exchange.partnership.uuid, exchange.uuid]),
        )
        locked.library_entry = entry
        locked.save(update_fields=["library_entry", "updated_at"])
        reflection.library_entry = entry
    return entry
