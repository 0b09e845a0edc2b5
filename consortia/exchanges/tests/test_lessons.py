"""A completed exchange's page records a lesson in the learning log, with the
exchange as its source (exchanges/lessons.py); an exchange of another partnership is
refused with a message."""

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.core.factories import ExchangeFactory, PartnershipFactory
from consortia.core.testing import problem_message, signed_in, text
from consortia.learning.models import Lesson

pytestmark = pytest.mark.django_db


def completed(partnership, **fields):
    now = timezone.now()
    return ExchangeFactory(
        partnership=partnership,
        status="completed",
        host_agreed_at=now,
        sender_agreed_at=now,
        completed_at=now,
        **fields,
    )


def lesson(world, **overrides):
    return {
        "what_happened": "Tom shadowed two carers' assessments.",
        "what_we_learned": "Carers say more when someone they know is there.",
        "what_we_will_change": "Offer to sit in on assessments.",
        "owner": str(world.users["partner_member"].uuid),
        "due": "",
        **overrides,
    }


def test_a_completed_exchange_records_a_lesson_from_its_page(world):
    exchange = completed(world.partnership, title="Duty team")
    client = signed_in(world.users["partner_member"])
    page_url = reverse("exchanges:detail", args=[world.partnership.uuid, exchange.uuid])
    new = f"{reverse('learning:new', args=[world.partnership.uuid])}?exchange={exchange.uuid}"

    assert new in text(client.get(page_url))
    assert "The exchange “Job shadowing: Duty team”" in text(client.get(new))
    assert client.post(new, lesson(world)).status_code == 302

    recorded = Lesson.objects.get()
    assert (recorded.source_kind, recorded.source_url, recorded.source_key) == (
        "exchange",
        page_url,
        str(exchange.uuid),
    )


def test_an_exchange_still_to_happen_offers_no_lesson(world):
    exchange = ExchangeFactory(partnership=world.partnership)
    client = signed_in(world.users["partner_member"])
    page = text(client.get(reverse("exchanges:detail", args=[world.partnership.uuid, exchange.uuid])))
    assert "Record a lesson from this exchange" not in page


def test_an_exchange_of_another_partnership_is_refused_with_a_message(world):
    elsewhere = completed(PartnershipFactory())
    client = signed_in(world.users["partner_member"])
    new = f"{reverse('learning:new', args=[world.partnership.uuid])}?exchange={elsewhere.uuid}"

    response = client.get(new)

    assert response.status_code == 400
    assert "Choose an exchange of this partnership" in problem_message(response)
    assert client.post(new, lesson(world)).status_code == 400
    assert not Lesson.objects.exists()
