"""The demo's exchange (issue 13): the council hosted a job-shadowing visit from the
carers' centre, both sides agreed, the staff time counts in the ledger, and the two
people on it wrote their reflections, shown on its page."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from consortia.contributions.models import Entry
from consortia.exchanges.models import Exchange

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_completed_job_shadowing_exchange_with_two_reflections(client):
    call_command("demo")

    exchange = Exchange.objects.get(kind="shadowing")
    assert exchange.status == "completed"
    assert exchange.host.organisation.name == "Northshire County Council"
    assert exchange.sender.organisation.name == "Northshire Carers Centre"
    assert exchange.reflections.count() == 2
    assert Entry.objects.filter(source_key__startswith=f"exchanges.exchange:{exchange.pk}:").count() == 2

    client.force_login(exchange.created_by)
    page = client.get(reverse("exchanges:detail", args=[exchange.partnership.uuid, exchange.uuid]))
    assert page.status_code == 200
    assert "what they would not say to us" in page.content.decode()
