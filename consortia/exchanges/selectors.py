"""Reads for exchanges: a partnership's exchanges (open and past), one exchange's
page, the calendar feed's confirmed exchanges, and the reflections the practice
library will read."""

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from consortia.accounts.models import User
from consortia.organisations.rules import memberships_by_org
from consortia.partnerships.models import Partnership
from consortia.partnerships.selectors import partnership_ids_for_user

from .models import Exchange, Participant, Reflection

OPEN = (Exchange.Status.PROPOSED, Exchange.Status.AGREED, Exchange.Status.CONFIRMED)


@dataclass
class ExchangeList:
    current: list[Exchange] = field(default_factory=list)
    past: list[Exchange] = field(default_factory=list)


def exchange_list(partnership: Partnership) -> ExchangeList:
    """The partnership's exchanges with both organisations (one query): proposed,
    agreed and confirmed ones first (soonest first), then completed and cancelled
    ones (latest first)."""
    rows = partnership.exchanges.select_related("host__organisation", "sender__organisation").order_by(
        "starts_on", "pk"
    )
    found = ExchangeList()
    for exchange in rows:
        (found.current if exchange.status in OPEN else found.past).append(exchange)
    found.past.reverse()
    return found


def exchange_people(exchange: Exchange) -> list[Participant]:
    """The people on the exchange with their organisations (one query)."""
    return list(exchange.participants.select_related("user", "partner__organisation").order_by("pk"))


def exchange_reflections(exchange: Exchange) -> list[Reflection]:
    """The exchange's reflections with their authors and library entries (one query)."""
    return list(exchange.reflections.select_related("author", "library_entry").order_by("created_at", "pk"))


def people_to_name(exchange: Exchange, user: User) -> list[User]:
    """Members of the host's and the sender's organisations that `user` is an admin
    of, who are not yet on the exchange (one query): whom they may name on it."""
    mine = memberships_by_org(user)
    orgs = [
        p.organisation_id
        for p in (exchange.host, exchange.sender)
        if p.left_at is None and mine.get(p.organisation_id) == "admin"
    ]
    return list(
        User.objects.filter(memberships__organisation_id__in=orgs)
        .exclude(exchanges__exchange=exchange)
        .distinct()
        .order_by("name", "pk")
    )


def exchanges_for_feed(user: User | AnonymousUser) -> QuerySet[Exchange]:
    """Confirmed exchanges of the partnerships the user is in now, for their calendar
    feed (one query)."""
    if not isinstance(user, User):
        return Exchange.objects.none()
    return (
        Exchange.objects.filter(
            status=Exchange.Status.CONFIRMED, partnership__in=partnership_ids_for_user(user)
        )
        .select_related("partnership", "host__organisation", "sender__organisation")
        .order_by("starts_on", "pk")
    )


def reflections_for_library(partnership: Partnership) -> QuerySet[Reflection]:
    """Every reflection on the partnership's exchanges, with its exchange, its host
    and sender and its author: the hook the practice library reads to turn
    reflections into entries (one query)."""
    return (
        Reflection.objects.filter(exchange__partnership=partnership)
        .select_related("author", "exchange__host__organisation", "exchange__sender__organisation")
        .order_by("created_at", "pk")
    )
