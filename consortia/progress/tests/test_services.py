"""Recording, correcting and removing measurements: who may, the event each writes,
and every refusal (another partnership's indicator, a future date, out-of-range
values, non-numbers, a second measurement on the same day, a closed partnership),
each with a message on the field at fault and nothing written."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from consortia.core.errors import Conflict, ServiceError
from consortia.core.events import VERB_TEXT
from consortia.core.factories import IndicatorFactory, MeasurementFactory
from consortia.core.models import Event
from consortia.core.testing import assert_event, snapshot
from consortia.progress.models import Measurement
from consortia.progress.services import measurement_record, measurement_remove, measurement_update

pytestmark = pytest.mark.django_db


def record(world, indicator, persona="partner_member", **overrides):
    kwargs = {
        "actor": world.users[persona],
        "partnership": world.partnership,
        "indicator": indicator,
        "on": timezone.localdate() - timedelta(days=1),
        "value": Decimal("35.5"),
        "source": " Quarterly carers survey ",
        "note": "",
    } | overrides
    return measurement_record(**kwargs)


def test_it_records_a_measurement_credited_to_the_recorders_organisation(world, indicator):
    measurement = record(world, indicator)

    assert (measurement.value, measurement.source) == (Decimal("35.5"), "Quarterly carers survey")
    assert measurement.organisation == world.core_org
    assert measurement.recorded_by == world.users["partner_member"]
    event = assert_event(
        "measurement.recorded",
        actor=world.users["partner_member"],
        organisation=world.core_org,
        partnership=world.partnership,
    )
    assert event.payload == {"indicator": str(indicator.uuid), "on": str(measurement.on), "value": "35.5"}


def test_every_verb_reads_in_the_feed():
    for verb in ("measurement.recorded", "measurement.changed", "measurement.removed"):
        assert VERB_TEXT[verb]


@pytest.mark.parametrize("persona", ["observer", "participant", "outsider", "site_admin"])
def test_only_members_of_contributing_partners_record(world, indicator, persona):
    before = snapshot()

    with pytest.raises(PermissionDenied):
        record(world, indicator, persona=persona)

    assert snapshot() == before


def _refused(world, indicator, field, message, *, conflict=False, **overrides):
    before = snapshot()
    with pytest.raises(Conflict if conflict else ServiceError) as refusal:
        record(world, indicator, **overrides)
    assert refusal.value.field == field
    assert message in refusal.value.message
    assert snapshot() == before


def test_it_refuses_an_indicator_of_another_partnership(world):
    elsewhere = IndicatorFactory()
    _refused(world, elsewhere, "indicator", "Choose one of this partnership's indicators")


def test_it_refuses_a_date_in_the_future(world, indicator):
    tomorrow = timezone.localdate() + timedelta(days=1)
    _refused(world, indicator, "on", "cannot be in the future", on=tomorrow)


@pytest.mark.parametrize(
    "value",
    ["1000000000.01", "-1000000000.01", "1e20", "NaN", "Infinity", "twelve", None, "1.001"],
    ids=["too-large", "too-small", "huge", "nan", "infinity", "words", "nothing", "three-places"],
)
def test_it_refuses_values_out_of_range_or_not_numbers(world, indicator, value):
    before = snapshot()
    with pytest.raises(ServiceError) as refusal:
        record(world, indicator, value=value if value is None or value == "twelve" else Decimal(value))
    assert refusal.value.field == "value"
    assert snapshot() == before


def test_it_takes_negative_values_and_the_bounds(world, indicator):
    record(world, indicator, value=Decimal("-1000000000"))
    record(world, indicator, value=Decimal("1000000000"), on=timezone.localdate())

    assert sorted(Measurement.objects.values_list("value", flat=True)) == [
        Decimal("-1000000000"),
        Decimal("1000000000"),
    ]


def test_a_second_measurement_on_the_same_day_is_refused_as_a_correction_to_make(world, indicator):
    first = record(world, indicator)

    _refused(world, indicator, "on", "already has a measurement on", conflict=True, on=first.on)


def test_it_refuses_texts_that_are_too_long(world, indicator):
    _refused(world, indicator, "source", "200 characters or fewer", source="x" * 201)
    _refused(world, indicator, "note", "2,000 characters or fewer", note="x" * 2001)


def test_nobody_records_once_the_partnership_has_closed(world, indicator):
    world.partnership.status = "closed"
    world.partnership.save()

    _refused(world, indicator, None, "has closed", conflict=True)


def test_it_corrects_a_measurement_naming_the_fields_changed(world, indicator):
    measurement = record(world, indicator)

    measurement_update(
        actor=world.users["partner_admin"],
        measurement=measurement,
        on=measurement.on,
        value=Decimal("38"),
        source="Quarterly carers survey",
        note="Late returns added",
    )

    measurement.refresh_from_db()
    assert (measurement.value, measurement.note) == (Decimal("38"), "Late returns added")
    event = assert_event(
        "measurement.changed",
        actor=world.users["partner_admin"],
        organisation=world.core_org,
        partnership=world.partnership,
    )
    assert event.payload["fields"] == ["value", "note"]


def test_a_correction_that_changes_nothing_writes_no_event(world, indicator):
    measurement = record(world, indicator)
    events = Event.objects.count()

    measurement_update(
        actor=world.users["partner_member"],
        measurement=measurement,
        on=measurement.on,
        value=measurement.value,
        source=measurement.source,
        note="",
    )

    assert Event.objects.count() == events


def test_a_correction_cannot_move_onto_another_measurements_day(world, indicator):
    first = record(world, indicator)
    second = record(world, indicator, on=first.on - timedelta(days=7))
    before = snapshot()

    with pytest.raises(Conflict):
        measurement_update(
            actor=world.users["partner_member"], measurement=second, on=first.on, value=Decimal(1)
        )

    assert snapshot() == before


def test_another_contributing_partners_member_may_not_change_a_core_partners_measurement(world, indicator):
    from consortia.core.factories import MembershipFactory, OrganisationFactory, PartnerFactory

    associate = PartnerFactory(
        partnership=world.partnership, organisation=OrganisationFactory(), role="associate"
    )
    member = MembershipFactory(organisation=associate.organisation).user
    core_measurement = record(world, indicator)

    with pytest.raises(PermissionDenied):
        measurement_update(
            actor=member, measurement=core_measurement, on=core_measurement.on, value=Decimal(1)
        )

    # The core partner's member may correct the associate's own.
    theirs = measurement_record(
        actor=member,
        partnership=world.partnership,
        indicator=indicator,
        on=core_measurement.on - timedelta(days=3),
        value=Decimal(30),
    )
    assert theirs.organisation == associate.organisation
    measurement_update(
        actor=world.users["partner_member"], measurement=theirs, on=theirs.on, value=Decimal(31)
    )


def test_it_removes_a_measurement_keeping_its_day_and_value_in_the_event(world, indicator):
    measurement = MeasurementFactory(indicator=indicator, value=Decimal("33"), organisation=world.core_org)

    measurement_remove(actor=world.users["convener_admin"], measurement=measurement)

    assert not Measurement.objects.exists()
    event = assert_event(
        "measurement.removed",
        actor=world.users["convener_admin"],
        organisation=world.convener_org,
        partnership=world.partnership,
    )
    assert event.payload == {
        "indicator": str(indicator.uuid),
        "on": str(measurement.on),
        "value": "33",
        "recorded_by": None,
    }


def test_an_observer_may_not_remove_a_measurement(world, indicator):
    measurement = MeasurementFactory(indicator=indicator)
    before = snapshot()

    with pytest.raises(PermissionDenied):
        measurement_remove(actor=world.users["observer"], measurement=measurement)

    assert snapshot() == before
