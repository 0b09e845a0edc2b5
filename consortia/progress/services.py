"""Every change to the measurements of a partnership's indicators: recording one,
changing it and removing it.

Each service runs in one transaction, checks the actor's permission
(consortia/progress/rules.py), refuses a closed partnership, checks what it is given
before anything is written, and writes exactly one event (a change that changes
nothing writes none). What is refused, with a message on the field at fault: an
indicator of another partnership, a date in the future, a value beyond the canvas's
bounds (canvas.models.MAX_QUANTITY, either sign), and a second measurement of the
same indicator on the same day, which is a correction to make to the first one (the
database's unique constraint holds the same rule when two people record at once).
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone

from consortia.accounts.models import User
from consortia.canvas.models import MAX_QUANTITY, Indicator
from consortia.core.errors import Conflict, ServiceError
from consortia.core.events import event_record
from consortia.core.services import assign, refuse_if_closed, require
from consortia.partnerships.credit import CONTRIBUTING_ROLES, credited_organisation
from consortia.partnerships.models import Partnership

from .models import NOTE_MAX, SOURCE_MAX, Measurement

RECORD = "progress.record_measurement_in_partnership"
CHANGE = "progress.change_measurement"
CLOSED = "record progress on its outcomes"  # "<partnership> has closed, so nobody can …"


def _clean(
    *, on: datetime.date, value: Decimal, source: str, note: str
) -> tuple[datetime.date, Decimal, str, str]:
    if not isinstance(on, datetime.date) or isinstance(on, datetime.datetime):
        raise ServiceError("Enter the date of the measurement", field="on")
    if on > timezone.localdate():
        raise ServiceError("The date of a measurement cannot be in the future", field="on")
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise ServiceError("Enter the value as a number, like 12 or 12.5", field="value") from None
    if not number.is_finite():
        raise ServiceError("Enter the value as a number, like 12 or 12.5", field="value")
    if abs(number) > MAX_QUANTITY:
        raise ServiceError(f"Enter a value between -{MAX_QUANTITY:,} and {MAX_QUANTITY:,}", field="value")
    if number != number.quantize(Decimal("0.01")):
        raise ServiceError("Enter the value with no more than 2 decimal places", field="value")
    source, note = (source or "").strip(), (note or "").strip()
    if len(source) > SOURCE_MAX:
        raise ServiceError(f"The source must be {SOURCE_MAX:,} characters or fewer", field="source")
    if len(note) > NOTE_MAX:
        raise ServiceError(f"The note must be {NOTE_MAX:,} characters or fewer", field="note")
    return on, number, source, note


def _refuse_a_second_on(
    indicator: Indicator, on: datetime.date, *, other_than: Measurement | None = None
) -> None:
    same_day = Measurement.objects.filter(indicator=indicator, on=on)
    if other_than is not None:
        same_day = same_day.exclude(pk=other_than.pk)
    if same_day.exists():
        raise Conflict(
            f"{indicator.name} already has a measurement on {on:%-d %B %Y}: change that one instead",
            field="on",
        )


def _saved(measurement: Measurement) -> None:
    """Save under a savepoint: a measurement for the same day written by someone else
    a moment ago (the unique constraint) is refused like the one already there."""
    try:
        with transaction.atomic():
            measurement.save()
    except IntegrityError:
        indicator = measurement.indicator
        raise Conflict(
            f"{indicator.name} already has a measurement on {measurement.on:%-d %B %Y}: change that one instead",
            field="on",
        ) from None


@transaction.atomic
def measurement_record(
    *,
    actor: User,
    partnership: Partnership,
    indicator: Indicator,
    on: datetime.date,
    value: Decimal,
    source: str = "",
    note: str = "",
) -> Measurement:
    """Record a measurement of one of `partnership`'s indicators. Members of a
    contributing partner only, not once the partnership has closed; refuses another
    partnership's indicator, a future date, an out-of-range value and a second
    measurement on the same day. Writes `measurement.recorded`."""
    require(RECORD, actor, partnership)
    refuse_if_closed(partnership, CLOSED)
    if indicator.outcome.partnership_id != partnership.pk:
        raise ServiceError("Choose one of this partnership's indicators", field="indicator")
    on, number, source, note = _clean(on=on, value=value, source=source, note=note)
    _refuse_a_second_on(indicator, on)
    organisation = credited_organisation(actor, partnership, roles=CONTRIBUTING_ROLES)
    measurement = Measurement(
        indicator=indicator,
        on=on,
        value=number,
        source=source,
        note=note,
        recorded_by=actor,
        organisation=organisation,
    )
    measurement.full_clean(validate_unique=False, validate_constraints=False)
    _saved(measurement)
    event_record(
        actor=actor,
        verb="measurement.recorded",
        obj=measurement,
        organisation=organisation,
        partnership=partnership,
        payload={"indicator": str(indicator.uuid), "on": on.isoformat(), "value": str(number)},
    )
    return measurement


@transaction.atomic
def measurement_update(
    *,
    actor: User,
    measurement: Measurement,
    on: datetime.date,
    value: Decimal,
    source: str = "",
    note: str = "",
) -> Measurement:
    """Correct a measurement: its own organisation's members, or the convener's and
    core partners'. The same checks as recording; writes `measurement.changed` naming
    the fields that changed, or nothing when none did."""
    indicator = measurement.indicator
    partnership = indicator.outcome.partnership
    require(CHANGE, actor, measurement)
    refuse_if_closed(partnership, CLOSED)
    on, number, source, note = _clean(on=on, value=value, source=source, note=note)
    _refuse_a_second_on(indicator, on, other_than=measurement)
    changed = assign(
        measurement,
        {"on": on, "value": number, "source": source, "note": note},
        exclude=("recorded_by", "organisation"),
    )
    if changed:
        _saved(measurement)
        event_record(
            actor=actor,
            verb="measurement.changed",
            obj=measurement,
            organisation=credited_organisation(actor, partnership, roles=CONTRIBUTING_ROLES),
            partnership=partnership,
            payload={
                "indicator": str(indicator.uuid),
                "fields": changed,
                "recorded_by": measurement.recorded_by_id,
            },
        )
    return measurement


@transaction.atomic
def measurement_remove(*, actor: User, measurement: Measurement) -> None:
    """Remove a measurement (recorded in error): the same people as changing it.
    Writes `measurement.removed`, which keeps the day and the value it had."""
    indicator = measurement.indicator
    partnership = indicator.outcome.partnership
    require(CHANGE, actor, measurement)
    refuse_if_closed(partnership, CLOSED)
    event_record(
        actor=actor,
        verb="measurement.removed",
        obj=measurement,
        organisation=credited_organisation(actor, partnership, roles=CONTRIBUTING_ROLES),
        partnership=partnership,
        payload={
            "indicator": str(indicator.uuid),
            "on": measurement.on.isoformat(),
            "value": str(measurement.value),
            "recorded_by": measurement.recorded_by_id,
        },
    )
    measurement.delete()
