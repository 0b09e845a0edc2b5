"""Both sides agreeing at the same moment, proved with real threads on real
connections: the exchange row is locked, so both agreements are kept and the
exchange is confirmed exactly once."""

import pytest

from consortia.accounts.models import User
from consortia.core.factories import ExchangeFactory
from consortia.core.models import Event
from consortia.core.testing import run_at_once
from consortia.exchanges import services
from consortia.exchanges.models import Exchange

pytestmark = pytest.mark.django_db(transaction=True)


def agreeing(exchange_pk: int, user_pk: int, side: str):
    def prepare():
        exchange = Exchange.objects.select_related("partnership", "host", "sender").get(pk=exchange_pk)
        user = User.objects.get(pk=user_pk)
        return lambda: services.exchange_agree(actor=user, exchange=exchange, side=side)

    return prepare


def test_two_agreements_at_once_are_both_kept_and_confirm_it_once(world):
    exchange = ExchangeFactory(
        partnership=world.partnership, host=world.convener_partner, sender=world.core_partner
    )

    results = run_at_once(
        agreeing(exchange.pk, world.users["convener_admin"].pk, "host"),
        agreeing(exchange.pk, world.users["partner_admin"].pk, "sender"),
    )

    assert not [r for r in results if isinstance(r, BaseException)], results
    exchange.refresh_from_db()
    assert exchange.status == "confirmed"
    assert exchange.host_agreed_at is not None and exchange.sender_agreed_at is not None
    assert Event.objects.filter(verb="exchanges.exchange_confirmed").count() == 1
    assert Event.objects.filter(verb="exchanges.exchange_agreed").count() == 1


def test_the_same_side_agreeing_twice_at_once_counts_once(world):
    exchange = ExchangeFactory(
        partnership=world.partnership, host=world.convener_partner, sender=world.core_partner
    )
    admin = world.users["convener_admin"].pk

    results = run_at_once(agreeing(exchange.pk, admin, "host"), agreeing(exchange.pk, admin, "host"))

    assert sum(isinstance(r, Exchange) for r in results) == 1
    assert Event.objects.filter(verb__startswith="exchanges.").count() == 1
