"""The expertise rows in the notifications table (consortia/notifications/table.py):
whoever is endorsed is told, as theirs."""

from django.urls import reverse

from consortia.core.models import Event
from consortia.notifications.table import Rule, rules_add


def map_link(event: Event) -> str:
    """The partnership's expertise map."""
    if event.partnership is None:
        return ""
    return reverse("expertise:map", args=[event.partnership.uuid])


def endorsed(event: Event) -> set[int]:
    """The person whose expertise was endorsed."""
    value = event.payload.get("endorsed")
    return {value} if isinstance(value, int) else set()


rules_add(Rule("expertise.endorsed", endorsed, "yours", link=map_link))
