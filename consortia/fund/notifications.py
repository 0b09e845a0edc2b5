"""The fund's rows in the notifications table (consortia/notifications/table.py).

A request sent for approval tells the representatives of the partners who may approve
it (the submitted event names them; their organisation's admins when a partner named
none). Whoever made the request is told, as theirs, when it is approved (by the last
approval or by a poll), paid or refused. Nobody is told of their own act (the fan-out
leaves out the actor).
"""

from django.urls import reverse

from consortia.core.models import Event
from consortia.notifications.audiences import speakers_for
from consortia.notifications.table import Rule, rules_add


def request_link(event: Event) -> str:
    """The request's page."""
    if event.partnership is None or event.object_uuid is None:
        return ""
    return reverse("fund:request", args=[event.partnership.uuid, event.object_uuid])


def approvers(event: Event) -> set[int]:
    """The representatives of the partners who may approve the request."""
    partners = event.payload.get("approvers")
    return speakers_for(p for p in partners if isinstance(p, int)) if isinstance(partners, list) else set()


def requester(event: Event) -> list[int]:
    """Whoever made the request."""
    value = event.payload.get("created_by")
    return [value] if isinstance(value, int) else []


rules_add(
    Rule("spending_request.submitted", approvers, "yours", link=request_link),
    Rule("spending_request.approved", requester, "yours", link=request_link),
    Rule("spending_request.paid", requester, "yours", link=request_link),
    Rule("spending_request.rejected", requester, "yours", link=request_link),
)
