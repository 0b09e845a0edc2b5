"""The agreements' rows in the notifications table (consortia/notifications/table.py):
a published agreement tells the representatives of the partners asked to endorse it
("yours"; in the inbox only, as agreement_publish already emails them), and one in
force tells everyone."""

from django.urls import reverse

from consortia.core.models import Event
from consortia.notifications.audiences import everyone, representatives
from consortia.notifications.table import Rule, rules_add

from .rules import ENDORSING_ROLES


def agreement_link(event: Event) -> str:
    return reverse("agreements:detail", args=[event.partnership.uuid]) if event.partnership else ""


rules_add(
    Rule("agreement.published", representatives(*ENDORSING_ROLES), "yours", link=agreement_link, email=False),
    Rule("agreement.in_force", everyone, "activity", link=agreement_link),
)
