"""Every change to the contributions ledger: recording an entry (by a person, or by
the system for an automatic contribution such as a delivered booking), reversing one,
and setting the rate card.

`entry_record` is the one writer of entries, called by the other resource-pool apps
(assets, training, fund) with `actor=None` and a `source_key`. Each service runs in
one transaction, checks the actor's permission (rules.py; missing and forbidden both
answer 404), refuses a closed partnership, checks every input before anything is
written (nothing is half written) and records exactly one event.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone

from consortia.accounts.models import User
from consortia.canvas.models import MAX_QUANTITY, Pledge, unit_problem
from consortia.core.choices import ContributionCategory, Unit
from consortia.core.errors import Conflict, ServiceError
from consortia.core.events import event_record
from consortia.core.services import refuse_if_closed, require
from consortia.partnerships.credit import CORE_ROLES, credited_organisation
from consortia.partnerships.models import Partner, Partnership

from .models import MAX_RATE, MAX_VALUE, NOTE_MAX, REASON_MAX, SOURCE_KEY_MAX, Entry, Rate, is_cash
from .selectors import rate_in_force

RECORD = "contributions.record_entry_for_partner"
REVERSE = "contributions.reverse_entry"
SET_RATE = "contributions.set_rate_in_partnership"
PENNY = Decimal("0.01")
GBP_ONLY = "Money is recorded in £ (GBP), the partnership's currency"


def _money(value: Decimal) -> Decimal:
    return value.quantize(PENNY, rounding=ROUND_HALF_UP)


def _clean_category_unit(category: str, unit: str) -> None:
    if category not in ContributionCategory.values:
        raise ServiceError("Choose a category from the list", field="category")
    if unit not in Unit.values:
        # "usd", "eur", "€": a unit the ledger does not know is most often another currency.
        raise ServiceError(f"Choose a unit from the list. {GBP_ONLY}.", field="unit")
    if problem := unit_problem(category, unit):
        raise ServiceError(problem, field="unit")


def _clean_amount(value: object, *, field: str, what: str, ceiling: Decimal) -> Decimal:
    """A positive decimal with at most two places, below `ceiling`."""
    try:
        amount = Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
    except (InvalidOperation, ValueError):
        raise ServiceError(f"Enter the {what} as a number", field=field) from None
    if not amount.is_finite():
        raise ServiceError(f"Enter the {what} as a number", field=field)
    if amount <= 0:
        raise ServiceError(f"The {what} must be more than zero", field=field)
    if amount > ceiling:
        raise ServiceError(f"The {what} must be {ceiling:,} or less", field=field)
    if amount != amount.quantize(PENNY):
        raise ServiceError(f"Give the {what} to at most two decimal places", field=field)
    return amount.quantize(PENNY)


def _clean_text(text: str, *, limit: int, field: str, what: str) -> str:
    text = (text or "").strip()
    if len(text) > limit:
        raise ServiceError(f"The {what} must be {limit:,} characters or fewer", field=field)
    return text


@transaction.atomic
def entry_record(
    *,
    actor: User | None,
    partnership: Partnership,
    partner: Partner,
    category: str,
    unit: str,
    quantity: Decimal,
    on: datetime.date,
    note: str = "",
    pledge: Pledge | None = None,
    source_key: str = "",
) -> Entry:
    """Record one contribution of `partner` to `partnership` (never edited or deleted
    afterwards). `actor=None` is the system (an automatic entry: a delivered booking,
    a training place attended): no permission check, and a closed partnership still
    takes what was delivered before it closed. With an actor, they must speak for
    the partner (or be the convener's admin): 404 otherwise.

    The £ value comes from the rate card in force on `on` for (category, unit) and
    is stored with the entry (rate_gbp, value_gbp); £ is worth itself; no rate, value
    0. Cash (funding in £) is Kind.MONEY, the rest Kind.IN_KIND. A non-empty
    `source_key` is unique in the partnership: recording it again returns the
    existing entry and writes nothing. Bad input: ServiceError (400) with its field,
    nothing written; one `contribution.recorded` event, credited to the partner."""
    source_key = (source_key or "").strip()
    if len(source_key) > SOURCE_KEY_MAX:
        raise ServiceError(f"The source key must be {SOURCE_KEY_MAX} characters or fewer", field="source_key")
    if source_key:
        existing = Entry.objects.filter(partnership=partnership, source_key=source_key).first()
        if existing is not None:
            return existing
    if partner.partnership_id != partnership.pk:
        raise ServiceError("Choose one of this partnership's partners", field="partner")
    if actor is not None:
        require(RECORD, actor, partner)
        refuse_if_closed(partnership, "record contributions to it")
    _clean_category_unit(category, unit)
    quantity = _clean_amount(quantity, field="quantity", what="quantity", ceiling=MAX_QUANTITY)
    if not isinstance(on, datetime.date):
        raise ServiceError("Enter the date of the contribution", field="on")
    if isinstance(on, datetime.datetime):
        on = on.date()
    if on > timezone.localdate():
        raise ServiceError(
            "The date cannot be in the future: record a contribution once it is made", field="on"
        )
    note = _clean_text(note, limit=NOTE_MAX, field="note", what="note")
    if pledge is not None:
        if pledge.partnership_id != partnership.pk or pledge.partner_id != partner.pk:
            raise ServiceError("Choose one of this partner's pledges to this partnership", field="pledge")
        if (pledge.category, pledge.unit) != (category, unit):
            raise ServiceError(
                f"That pledge is {pledge.get_category_display().lower()} in {pledge.get_unit_display()}: "
                "record the entry in the same category and unit",
                field="pledge",
            )
    if unit == Unit.GBP:
        rate = Decimal("1.00")
    else:
        found = rate_in_force(partnership, category, unit, on)
        rate = found.rate_gbp if found is not None else Decimal("0.00")
    value = _money(quantity * rate)
    if value > MAX_VALUE:
        raise ServiceError(f"That is worth more than £{MAX_VALUE:,}: check the quantity", field="quantity")
    entry = Entry(
        partnership=partnership,
        partner=partner,
        category=category,
        unit=unit,
        quantity=quantity,
        on=on,
        note=note,
        pledge=pledge,
        kind=Entry.Kind.MONEY if is_cash(category, unit) else Entry.Kind.IN_KIND,
        rate_gbp=rate,
        value_gbp=value,
        source_key=source_key,
        created_by=actor,
    )
    entry.full_clean(exclude=["partnership", "partner", "pledge", "created_by"], validate_constraints=False)
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:
        # Two jobs recording the same source at once: the other one wrote it.
        if source_key:
            existing = Entry.objects.filter(partnership=partnership, source_key=source_key).first()
            if existing is not None:
                return existing
        raise
    event_record(
        actor=actor,
        verb="contribution.recorded",
        obj=entry,
        organisation=partner.organisation,
        partnership=partnership,
        payload={
            "partner": partner.pk,
            "kind": entry.kind,
            "category": category,
            # For the activity signals: the value delivered, and the pledge it fulfils.
            "value_gbp": str(entry.value_gbp),
            "pledge": str(pledge.uuid) if pledge is not None else None,
            **({"automatic": True} if actor is None else {}),
        },
    )
    return entry


@transaction.atomic
def entry_reverse(*, actor: User, entry: Entry, reason: str) -> Entry:
    """Correct an entry: a new entry with the quantity and value negated, at the same
    rate, linked by `reverses`, with the reason (required). Whoever may record for the
    entry's partner may reverse it (404 otherwise). An entry is reversed at most once
    and a reversal is not reversed (409; two reversals at once: one wins). One
    `contribution.reversed` event, for the partner's representatives."""
    partnership = entry.partnership
    require(REVERSE, actor, entry)
    refuse_if_closed(partnership, "correct its contributions")
    reason = _clean_text(reason, limit=REASON_MAX, field="reason", what="reason")
    if not reason:
        raise ServiceError("Say why this entry is reversed", field="reason")
    # Lock the entry: two reversals at once get one reversal and one 409.
    locked = Entry.objects.select_for_update().get(pk=entry.pk)
    if locked.reverses_id is not None:
        raise Conflict("This entry is itself a reversal: it cannot be reversed.")
    if Entry.objects.filter(reverses=locked).exists():
        raise Conflict("This entry has already been reversed.")
    reversal = Entry(
        partnership=partnership,
        partner_id=locked.partner_id,
        category=locked.category,
        unit=locked.unit,
        quantity=-locked.quantity,
        on=timezone.localdate(),
        note=locked.note,
        pledge_id=locked.pledge_id,
        kind=locked.kind,
        rate_gbp=locked.rate_gbp,
        value_gbp=-locked.value_gbp,
        created_by=actor,
        reverses=locked,
        reason=reason,
    )
    try:
        with transaction.atomic():
            reversal.save()
    except IntegrityError:
        # The other reversal committed between our check and our insert (SQLite has no
        # row locks; the one-to-one's unique index decides).
        raise Conflict("This entry has already been reversed.") from None
    event_record(
        actor=actor,
        verb="contribution.reversed",
        obj=reversal,
        organisation=entry.partner.organisation,
        partnership=partnership,
        payload={
            "partner": locked.partner_id,
            "kind": locked.kind,
            "category": locked.category,
            "value_gbp": str(reversal.value_gbp),  # negative: the activity signals subtract it
        },
    )
    return reversal


@transaction.atomic
def rate_set(
    *,
    actor: User,
    partnership: Partnership,
    category: str,
    unit: str,
    rate_gbp: Decimal,
    valid_from: datetime.date,
) -> Rate:
    """Set what one unit of a category is worth from `valid_from` on (the convener's
    and core partners' admins; 404 otherwise). Rates are never edited: a change is a
    new rate from a later date than the latest one for that category and unit, and
    entries already recorded keep the rate they were valued at. £ needs no rate.
    One `rate.set` event."""
    require(SET_RATE, actor, partnership)
    refuse_if_closed(partnership, "change its rate card")
    _clean_category_unit(category, unit)
    if unit == Unit.GBP:
        raise ServiceError("A pound is worth a pound: £ needs no rate. Choose another unit", field="unit")
    if isinstance(rate_gbp, Decimal) and rate_gbp.is_finite() and rate_gbp <= 0:
        if rate_gbp < 0:
            raise ServiceError("The rate must be £0 or more", field="rate_gbp")
        amount = Decimal("0.00")  # a rate of nothing is allowed: "counted, not valued"
    else:
        amount = _clean_amount(rate_gbp, field="rate_gbp", what="rate", ceiling=MAX_RATE)
    if not isinstance(valid_from, datetime.date):
        raise ServiceError("Enter the date the rate applies from", field="valid_from")
    latest = (
        Rate.objects.select_for_update()
        .filter(partnership=partnership, category=category, unit=unit)
        .order_by("-valid_from")
        .first()
    )
    if latest is not None and valid_from <= latest.valid_from:
        raise ServiceError(
            f"Rates are never changed in place: the current rate applies from "
            f"{latest.valid_from:%-d %B %Y}, so choose a later date",
            field="valid_from",
        )
    rate = Rate(
        partnership=partnership,
        category=category,
        unit=unit,
        rate_gbp=amount,
        valid_from=valid_from,
        created_by=actor,
    )
    rate.full_clean(exclude=["partnership", "created_by"], validate_constraints=False)
    try:
        with transaction.atomic():
            rate.save()
    except IntegrityError:
        raise Conflict("A rate from that date has just been set.") from None
    event_record(
        actor=actor,
        verb="rate.set",
        obj=rate,
        organisation=credited_organisation(actor, partnership, roles=CORE_ROLES),
        partnership=partnership,
        payload={"category": category, "unit": unit},
    )
    return rate
