"""The demo partnership's progress: six months of monthly measurements of its four
indicators, two on track, one at risk and one off track, shown on the outcomes page,
and an advantage page that names what partners achieved together."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from consortia.partnerships.models import Partnership
from consortia.progress.models import Measurement
from consortia.progress.selectors import outcome_progress

pytestmark = pytest.mark.django_db


def test_the_demo_has_six_months_of_measurements_with_each_status(client):
    call_command("demo")

    carers = Partnership.objects.get(name="Dementia Carers Advice Northshire")
    outcomes = outcome_progress(partnership=carers)
    statuses = sorted(i.status for o in outcomes for i in o.indicators)
    assert statuses == ["at_risk", "off_track", "on_track", "on_track"]
    assert [o.status for o in outcomes] == ["at_risk", "off_track"]
    assert Measurement.objects.filter(indicator__outcome__partnership=carers).count() == 24

    client.force_login(carers.partners.get(role="convener").organisation.memberships.first().user)
    outcomes_page = client.get(reverse("progress:outcomes", args=[carers.uuid])).content.decode()
    assert outcomes_page.count("<polyline") == 4
    advantage_page = client.get(reverse("progress:advantage", args=[carers.uuid])).content.decode()
    assert "Carers get the right advice within a week of asking</strong> (at risk)" in advantage_page
