"""What actions put in a person's calendar feed (consortia/calendars/registry.py): the
due date of each open action they own, personally or through their organisation, in
the partnerships they are in now."""

from collections.abc import Iterator

from django.urls import reverse

from consortia.accounts.models import User
from consortia.calendars.registry import FeedEntry, feed_source

from .selectors import actions_due_for_feed


@feed_source
def action_dues(user: User) -> Iterator[FeedEntry]:
    """One all-day entry on each open action's due date (one query)."""
    for action in actions_due_for_feed(user):
        assert action.due is not None  # the selector keeps only dated actions
        owner = action.owner_user or (action.owner_partner and action.owner_partner.organisation)
        yield FeedEntry(
            uid=f"action-{action.uuid}-due",
            summary=f"Action due: {action.title}",
            start=action.due,
            url=reverse("actions:detail", args=[action.partnership.uuid, action.uuid]),
            description=f"Owner: {owner}. An action of {action.partnership.name}.",
            partnership_name=action.partnership.name,
        )
