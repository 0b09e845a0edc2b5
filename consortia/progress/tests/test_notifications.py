"""Who progress tells (consortia/progress/notifications.py): recording a measurement
tells nobody; correcting or removing one tells the person who recorded it, as theirs,
with a link to the indicator; nobody is told of their own act."""

from decimal import Decimal

import pytest
from django.utils import timezone

from consortia.notifications.models import Notification
from consortia.progress import services

pytestmark = pytest.mark.usefixtures("notifications_on")


def told(world) -> dict[str, str]:
    by_pk = {user.pk: name for name, user in world.users.items()}
    return {by_pk.get(n.recipient_id, n.recipient_id): n.reason for n in Notification.objects.order_by("id")}


def record(world, indicator, persona):
    return services.measurement_record(
        actor=world.users[persona],
        partnership=world.partnership,
        indicator=indicator,
        on=timezone.localdate(),
        value=Decimal(30),
    )


def test_recording_tells_nobody(world, indicator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        record(world, indicator, "partner_member")

    assert told(world) == {}


def test_a_correction_by_someone_else_tells_the_recorder(
    world, indicator, django_capture_on_commit_callbacks
):
    measurement = record(world, indicator, "partner_member")

    with django_capture_on_commit_callbacks(execute=True):
        services.measurement_update(
            actor=world.users["convener_admin"], measurement=measurement, on=measurement.on, value=Decimal(31)
        )

    assert told(world) == {"partner_member": "yours"}
    assert Notification.objects.get().url == (
        f"/partnerships/{world.partnership.uuid}/progress/#indicator-{indicator.uuid}"
    )


def test_removing_ones_own_measurement_tells_nobody(world, indicator, django_capture_on_commit_callbacks):
    measurement = record(world, indicator, "partner_member")

    with django_capture_on_commit_callbacks(execute=True):
        services.measurement_remove(actor=world.users["partner_member"], measurement=measurement)

    assert told(world) == {}


def test_a_removal_by_someone_else_tells_the_recorder(world, indicator, django_capture_on_commit_callbacks):
    measurement = record(world, indicator, "partner_member")

    with django_capture_on_commit_callbacks(execute=True):
        services.measurement_remove(actor=world.users["partner_admin"], measurement=measurement)

    assert told(world) == {"partner_member": "yours"}
