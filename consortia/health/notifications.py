"""The health check rows in the notifications table (consortia/notifications/table.py).

Opening a round invites everyone in the partnership to answer: every member of every
active partner organisation and every individual participant, as theirs (it asks
something of them). Closing it tells the same people its results are ready, as
activity. Answers and ratings tell nobody: who answered is nobody's news.
"""

from django.urls import reverse

from consortia.core.models import Event
from consortia.notifications.audiences import everyone
from consortia.notifications.table import Rule, rules_add


def round_link(event: Event) -> str:
    """The round's page."""
    if event.partnership is None or event.object_uuid is None:
        return ""
    return reverse("health:round", args=[event.partnership.uuid, event.object_uuid])


rules_add(
    Rule("health.round_opened", everyone, "yours", link=round_link),
    Rule("health.round_closed", everyone, "activity", link=round_link),
)
