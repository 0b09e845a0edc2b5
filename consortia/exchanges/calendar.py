"""What exchanges put in a person's calendar feed (consortia/calendars/registry.py):
each confirmed exchange of the partnerships they are in now, all day over its days."""

import datetime
from collections.abc import Iterator

from django.urls import reverse

from consortia.accounts.models import User
from consortia.calendars.registry import FeedEntry, feed_source

from .selectors import exchanges_for_feed


@feed_source
def exchanges(user: User) -> Iterator[FeedEntry]:
    """One all-day entry per confirmed exchange (one query), to the end of its last day."""
    for exchange in exchanges_for_feed(user):
        yield FeedEntry(
            uid=f"exchange-{exchange.uuid}",
            summary=f"{exchange.get_kind_display()}: {exchange.title}",
            start=exchange.starts_on,
            end=exchange.ends_on + datetime.timedelta(days=1)
            if exchange.ends_on > exchange.starts_on
            else None,
            url=reverse("exchanges:detail", args=[exchange.partnership.uuid, exchange.uuid]),
            description=(
                f"{exchange.sender.organisation} sends people to {exchange.host.organisation} "
                f"({exchange.partnership.name})."
            ),
            partnership_name=exchange.partnership.name,
        )
