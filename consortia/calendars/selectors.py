"""Reads for calendar feeds: a person's live link, the person a token opens, and the
entries of their feed (from every registered source, registry.py)."""

from datetime import UTC, datetime

from django.contrib.auth.models import AnonymousUser

from consortia.accounts.models import User
from consortia.core.tokens import token_hash

from .models import CalendarFeed
from .registry import FeedEntry, feed_sources

# core.tokens.token_new makes 43 characters; anything much longer is not one of ours,
# and is refused before it is hashed.
TOKEN_MAX_LENGTH = 100


def feed_live(user: User | AnonymousUser) -> CalendarFeed | None:
    """The person's live feed link, if any: one query."""
    if not user.is_authenticated:
        return None
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).first()


def feed_owner(token: str) -> User | None:
    """The person whose live feed `token` opens: None for a forged, revoked or
    malformed token and for a deactivated person alike (the view answers the same
    404 to all). One query."""
    if not token or len(token) > TOKEN_MAX_LENGTH:
        return None
    feed = (
        CalendarFeed.objects.filter(
            token_hash=token_hash(token), revoked_at__isnull=True, user__is_active=True
        )
        .select_related("user")
        .first()
    )
    return feed.user if feed is not None else None


def feed_entries(user: User) -> list[FeedEntry]:
    """Every registered source's entries for `user`, soonest first (all-day entries
    sort at the start of their day). One query per source, whatever the data."""
    entries = [entry for source in feed_sources() for entry in source(user)]
    return sorted(entries, key=lambda e: (_sort_key(e), e.uid))


def _sort_key(entry: FeedEntry) -> str:
    # A date and a datetime do not compare; their ISO forms (datetimes in UTC) sort
    # by day, then time.
    start = entry.start
    return start.astimezone(UTC).isoformat() if isinstance(start, datetime) else start.isoformat()
