"""The library rows in the notifications table (consortia/notifications/table.py):
everyone in the partnership is told, as activity, when an entry is added to its
library (written there or copied in). Nobody is told of their own act."""

from django.urls import reverse

from consortia.core.models import Event
from consortia.notifications.audiences import everyone
from consortia.notifications.table import Rule, rules_add


def entry_link(event: Event) -> str:
    """The entry's page in its partnership."""
    if event.partnership is None or event.object_uuid is None:
        return ""
    return reverse("library:detail", args=[event.partnership.uuid, event.object_uuid])


rules_add(
    Rule("library.entry_added", everyone, "activity", link=entry_link),
    Rule("library.entry_copied", everyone, "activity", link=entry_link),
)
