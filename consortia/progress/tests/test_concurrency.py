"""Two partners recording the same indicator for the same day at once, proved with real
threads on real connections: one measurement is kept and the other person is told to
correct it instead (a Conflict), never two rows and never a 500 (the unique
constraint, caught under a savepoint, on PostgreSQL; the write lock on SQLite)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from consortia.accounts.models import User
from consortia.canvas.models import Indicator
from consortia.core.factories import IndicatorFactory, OutcomeFactory
from consortia.core.testing import one_success_one_conflict, run_at_once
from consortia.partnerships.models import Partnership
from consortia.progress import services
from consortia.progress.models import Measurement

pytestmark = pytest.mark.django_db(transaction=True)


def recording(partnership_pk: int, indicator_pk: int, user_pk: int, value: str):
    def prepare():
        partnership = Partnership.objects.get(pk=partnership_pk)
        indicator = Indicator.objects.select_related("outcome").get(pk=indicator_pk)
        user = User.objects.get(pk=user_pk)
        on = timezone.localdate() - timedelta(days=1)
        return lambda: services.measurement_record(
            actor=user, partnership=partnership, indicator=indicator, on=on, value=Decimal(value)
        )

    return prepare


def test_the_same_day_recorded_twice_at_once_keeps_one_and_refuses_the_other(world):
    indicator = IndicatorFactory(outcome=OutcomeFactory(partnership=world.partnership))
    one, two = world.users["partner_member"], world.users["convener_admin"]

    results = run_at_once(
        recording(world.partnership.pk, indicator.pk, one.pk, "30"),
        recording(world.partnership.pk, indicator.pk, two.pk, "31"),
    )

    kept = one_success_one_conflict(results)
    assert list(Measurement.objects.values_list("pk", flat=True)) == [kept.pk]
