"""Making and revoking a person's calendar feed link.

Each change writes one Event (no partnership: the feed is the person's own), because
a feed link is a credential that reads the person's partnerships from outside a
signed-in session: when one was made or stopped is worth an audit trail. The
notifications table has no rows for these verbs, so nobody is told.
"""

from django.db import transaction
from django.utils import timezone

from consortia.accounts.models import User
from consortia.core.events import event_record
from consortia.core.services import require
from consortia.core.tokens import token_new

from .models import CalendarFeed

KEEP = "calendars.keep_feed_of_user"


@transaction.atomic
def feed_make(*, actor: User) -> str:
    """Make a new feed link for the actor and return its token (shown once; only its
    hash is stored). The live link, if any, is revoked in the same transaction, so
    the old URL stops working the moment the new one exists. Locks the person's row
    first, so two clicks at once leave one live link (the partial unique constraint
    would otherwise refuse the second with an error). One event, feed_made."""
    require(KEEP, actor, actor)
    User.objects.select_for_update().filter(pk=actor.pk).first()
    replaced = _revoke_live(actor)
    token, token_hash = token_new()
    feed = CalendarFeed.objects.create(user=actor, token_hash=token_hash)
    event_record(actor=actor, verb="calendar.feed_made", obj=feed, payload={"replaced": replaced})
    return token


@transaction.atomic
def feed_revoke(*, actor: User) -> bool:
    """Stop the actor's live feed link, if there is one (then one event, feed_revoked);
    False, and no event, when there was none."""
    require(KEEP, actor, actor)
    User.objects.select_for_update().filter(pk=actor.pk).first()
    if not _revoke_live(actor):
        return False
    event_record(actor=actor, verb="calendar.feed_revoked", object_repr=f"Calendar feed of {actor}")
    return True


def _revoke_live(user: User) -> bool:
    now = timezone.now()
    return bool(
        CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now, updated_at=now)
    )
