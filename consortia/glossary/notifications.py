"""The glossary rows in the notifications table (consortia/notifications/table.py).

A suggested term is for the approvers to decide: the convening partner's
representatives (its admins when it named none) and the stewards group's members,
named in the event's payload, are told, as theirs. Whoever suggested a term is told
when it is approved or rejected. Nobody is told of their own act.
"""

from django.urls import reverse

from consortia.core.models import Event
from consortia.notifications.audiences import from_payload
from consortia.notifications.table import Rule, rules_add


def glossary_link(event: Event) -> str:
    """The glossary page (suggestions are listed there for the approvers)."""
    if event.partnership is None:
        return ""
    return reverse("glossary:list", args=[event.partnership.uuid])


def suggester(event: Event) -> list[int]:
    """Who suggested the term decided on."""
    value = event.payload.get("suggested_by")
    return [value] if isinstance(value, int) else []


rules_add(
    Rule("glossary.term_suggested", from_payload("approvers"), "yours", link=glossary_link),
    Rule("glossary.term_approved", suggester, "yours", link=glossary_link),
    Rule("glossary.term_rejected", suggester, "yours", link=glossary_link),
)
