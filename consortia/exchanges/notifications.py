"""The exchanges rows in the notifications table (consortia/notifications/table.py).

When an exchange is proposed or one side agrees, the other side's organisation's
admins are told (they are the ones who agree for it), as theirs. When it is
confirmed, the people on it are told; when it is completed they are asked for their
reflections; when it is cancelled, they and the other side's admins are told.
Nobody is told of their own act.
"""

from django.urls import reverse

from consortia.core.models import Event
from consortia.notifications.table import Rule, rules_add
from consortia.organisations.models import Membership
from consortia.partnerships.models import Partner


def exchange_link(event: Event) -> str:
    """The exchange's page."""
    if event.partnership is None or event.object_uuid is None:
        return ""
    return reverse("exchanges:detail", args=[event.partnership.uuid, event.object_uuid])


def other_side_admins(event: Event) -> set[int]:
    """The admins of the organisation of the partner the event names to tell (two
    queries): the side that did not act."""
    partner_id = event.payload.get("notify_partner")
    if not isinstance(partner_id, int):
        return set()
    orgs = Partner.objects.filter(pk=partner_id, left_at__isnull=True).values("organisation_id")
    return set(
        Membership.objects.filter(organisation_id__in=orgs, role=Membership.Role.ADMIN).values_list(
            "user_id", flat=True
        )
    )


def participants(event: Event) -> set[int]:
    """The people named on the exchange when the event was written."""
    value = event.payload.get("participants")
    return {v for v in value if isinstance(v, int)} if isinstance(value, list) else set()


def both_sides_admins(event: Event) -> set[int]:
    """The admins of the host's and the sender's organisations."""
    ids = [v for v in (event.payload.get("host"), event.payload.get("sender")) if isinstance(v, int)]
    orgs = Partner.objects.filter(pk__in=ids, left_at__isnull=True).values("organisation_id")
    return set(
        Membership.objects.filter(organisation_id__in=orgs, role=Membership.Role.ADMIN).values_list(
            "user_id", flat=True
        )
    )


rules_add(
    Rule("exchanges.exchange_proposed", other_side_admins, "yours", link=exchange_link),
    Rule("exchanges.exchange_agreed", other_side_admins, "yours", link=exchange_link),
    Rule("exchanges.exchange_confirmed", participants, "yours", link=exchange_link),
    Rule("exchanges.exchange_confirmed", other_side_admins, "yours", link=exchange_link),
    Rule("exchanges.exchange_completed", participants, "yours", link=exchange_link),
    Rule("exchanges.exchange_cancelled", participants, "yours", link=exchange_link),
    Rule("exchanges.exchange_cancelled", both_sides_admins, "yours", link=exchange_link),
)
