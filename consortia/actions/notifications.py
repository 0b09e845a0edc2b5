"""The actions' rows in the notifications table (consortia/notifications/table.py).

An action is its owner's: the person, or the owning partner's representatives (its
admins when it named none). They are told, as theirs, when it is given to them (added,
or changed to a new owner), reopened, and by the daily reminders two days before it
is due and on the day; "yours" reaches email under the default preference ("mine").
Whoever added an action is told, as theirs, when it is done or dropped. Nobody is told
of their own act (the fan-out leaves out the actor).
"""

from django.urls import reverse

from consortia.core.models import Event
from consortia.notifications.audiences import speakers_for
from consortia.notifications.table import Rule, rules_add


def action_link(event: Event) -> str:
    """The action's page."""
    if event.partnership is None or event.object_uuid is None:
        return ""
    return reverse("actions:detail", args=[event.partnership.uuid, event.object_uuid])


def owners(event: Event) -> set[int]:
    """The owner person, or the owning partner's representatives (one or two queries)."""
    user = event.payload.get("owner_user")
    if isinstance(user, int):
        return {user}
    partner = event.payload.get("owner_partner")
    return speakers_for([partner]) if isinstance(partner, int) else set()


def new_owners(event: Event) -> set[int]:
    """The owners, when the change gave the action to someone else."""
    return owners(event) if event.payload.get("reassigned") else set()


def _creator(event: Event) -> list[int]:
    value = event.payload.get("created_by")
    return [value] if isinstance(value, int) else []


rules_add(
    Rule("action.created", owners, "yours", link=action_link),
    Rule("action.updated", new_owners, "yours", link=action_link),
    Rule("action.reopened", owners, "yours", link=action_link),
    Rule("action.due_soon", owners, "yours", link=action_link),
    Rule("action.due_today", owners, "yours", link=action_link),
    Rule("action.done", _creator, "yours", link=action_link),
    Rule("action.dropped", _creator, "yours", link=action_link),
)
