"""A reflection feeds the practice library (issue 13, point 4): its author adds it in
one step as a partnership-only case study of the exchange, saying where it came from;
nobody else can, and it goes in once, even with two clicks at once."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from consortia.accounts.models import User
from consortia.core.errors import Conflict
from consortia.core.factories import ExchangeFactory, ReflectionFactory
from consortia.core.testing import (
    last_event,
    one_success_one_conflict,
    run_at_once,
    signed_in,
    snapshot,
    text,
)
from consortia.exchanges import services
from consortia.exchanges.models import Reflection
from consortia.library.models import Entry


def reflection(world):
    now = timezone.now()
    exchange = ExchangeFactory(
        partnership=world.partnership,
        host=world.convener_partner,
        sender=world.core_partner,
        title="Shadowing the duty team",
        purpose="See how referrals arrive.",
        status="completed",
        host_agreed_at=now,
        sender_agreed_at=now,
        completed_at=now,
    )
    return ReflectionFactory(exchange=exchange, author=world.users["partner_member"])


@pytest.mark.django_db
def test_the_author_adds_their_reflection_as_a_case_study(world):
    written = reflection(world)

    entry = services.reflection_to_library(actor=world.users["partner_member"], reflection=written)

    assert (entry.kind, entry.visibility, entry.title) == (
        "case_study",
        "partnership",
        "Job shadowing: Shadowing the duty team",
    )
    assert "from Core Org to Convener Org" in entry.summary and "See how referrals arrive." in entry.summary
    assert written.surprised in entry.what_worked and written.differently in entry.what_didnt
    assert entry.origin_label == "From a reflection on the exchange “Shadowing the duty team”"
    assert Reflection.objects.get(pk=written.pk).library_entry == entry
    assert last_event().verb == "library.entry_added"


@pytest.mark.django_db
def test_the_exchange_page_offers_it_to_the_author_only_then_links_the_entry(world):
    written = reflection(world)
    exchange = written.exchange
    page = reverse("exchanges:detail", args=[world.partnership.uuid, exchange.uuid])
    button = reverse(
        "exchanges:reflection_to_library", args=[world.partnership.uuid, exchange.uuid, written.uuid]
    )
    author, other = signed_in(world.users["partner_member"]), signed_in(world.users["partner_admin"])
    assert "Add my reflection to the practice library" in text(author.get(page))
    assert "Add my reflection to the practice library" not in text(other.get(page))
    assert other.post(button).status_code == 404

    response = author.post(button)

    entry = Entry.objects.get()
    assert response["Location"] == reverse("library:detail", args=[world.partnership.uuid, entry.uuid])
    assert "In the practice library" in text(author.get(page))


@pytest.mark.django_db
def test_someone_else_or_a_second_time_is_refused_writing_nothing(world):
    written = reflection(world)
    before = snapshot()
    with pytest.raises(PermissionDenied):
        services.reflection_to_library(actor=world.users["partner_admin"], reflection=written)
    assert snapshot() == before

    services.reflection_to_library(actor=world.users["partner_member"], reflection=written)
    again = snapshot()
    with pytest.raises(Conflict, match="already in the practice library"):
        services.reflection_to_library(
            actor=world.users["partner_member"], reflection=Reflection.objects.get(pk=written.pk)
        )
    assert snapshot() == again


@pytest.mark.django_db(transaction=True)
def test_two_clicks_at_once_make_one_entry(world):
    written = reflection(world)
    author_pk = world.users["partner_member"].pk

    def adding():
        user = User.objects.get(pk=author_pk)
        fresh = Reflection.objects.select_related("exchange__partnership").get(pk=written.pk)
        return lambda: services.reflection_to_library(actor=user, reflection=fresh)

    one_success_one_conflict(run_at_once(adding, adding))
    assert Entry.objects.count() == 1
