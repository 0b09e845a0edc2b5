"""The demo's partnership has six months of activity that slows down at the end: the
inertia the radar is to warn of."""

from statistics import median

import pytest
from django.core.management import call_command
from django.urls import reverse

from consortia.activity.selectors import signal_series
from consortia.partnerships.models import Partnership

pytestmark = pytest.mark.django_db


def test_the_demo_slows_down_in_its_last_months(client):
    call_command("demo")
    carers = Partnership.objects.get(name__icontains="carers")

    series = signal_series(partnership=carers)

    def months(key):
        complete = [p.value for p in series[key] if p.complete]
        return complete[:-2], complete[-1]  # the lively months, the last complete one

    assert len(series["first_reply_hours"]) == 6
    for key in ("first_reply_hours", "poll_decision_days", "talk_per_done"):
        lively, last = months(key)
        assert last >= 3 * median(lively), key
    assert months("action_closure_ratio")[1] < 0.3

    client.force_login(carers.created_by)
    for name in ("activity:signals", "activity:network", "partnerships:activity", "partnerships:detail"):
        assert client.get(reverse(name, args=[carers.uuid])).status_code == 200, name
