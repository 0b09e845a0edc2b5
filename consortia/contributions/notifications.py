"""The contributions ledger's rows in the notifications table
(consortia/notifications/table.py).

A reversal corrects what a partner is credited with, so the partner's representatives
(its admins when it named none) are told, as theirs. Recording an entry and setting a
rate tell nobody: they are routine and show in the activity log.
"""

from django.urls import reverse

from consortia.core.models import Event
from consortia.notifications.audiences import speakers_for
from consortia.notifications.table import Rule, rules_add


def entry_link(event: Event) -> str:
    """The reversal's page."""
    if event.partnership is None or event.object_uuid is None:
        return ""
    return reverse("contributions:entry", args=[event.partnership.uuid, event.object_uuid])


def partners_speakers(event: Event) -> set[int]:
    """The representatives of the partner whose entry was reversed."""
    partner = event.payload.get("partner")
    return speakers_for([partner]) if isinstance(partner, int) else set()


rules_add(Rule("contribution.reversed", partners_speakers, "yours", link=entry_link))
