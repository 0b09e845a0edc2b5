"""Exchanges as a source of lessons for the learning log (consortia/learning/sources.py):
learning sits below exchanges in the layer map, so it keeps an exchange only by its
key, label and link, which this module gives it. Everyone who sees a partnership sees
its exchanges (rules.py), so any exchange of the partnership resolves."""

from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from consortia.accounts.models import User
from consortia.learning.models import SourceKind
from consortia.learning.sources import SourceRef, source_register
from consortia.partnerships.models import Partnership

from .models import Exchange


def exchange_ref(exchange: Exchange) -> SourceRef:
    """How the learning log names and links an exchange."""
    return SourceRef(
        kind=SourceKind.EXCHANGE,
        key=str(exchange.uuid),
        label=f"{exchange.get_kind_display()}: {exchange.title}",
        url=reverse("exchanges:detail", args=[exchange.partnership.uuid, exchange.uuid]),
    )


def _resolve(user: User | AnonymousUser, partnership: Partnership, key: str) -> SourceRef | None:
    try:
        uuid = UUID(key)
    except ValueError:
        return None
    exchange = partnership.exchanges.filter(uuid=uuid).first()
    if exchange is None:
        return None
    exchange.partnership = partnership
    return exchange_ref(exchange)


source_register(SourceKind.EXCHANGE, resolve=_resolve)
