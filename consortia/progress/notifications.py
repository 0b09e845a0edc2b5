"""The progress rows in the notifications table (consortia/notifications/table.py).

Recording a measurement is routine (monthly, for every indicator) and tells nobody:
the outcomes page and the activity feed show it. When someone corrects or removes a
measurement, the person who recorded it is told, as theirs: a figure they reported
was changed by someone else. Nobody is told of their own act.
"""

from django.urls import reverse

from consortia.core.models import Event
from consortia.notifications.table import Rule, rules_add


def recorder(event: Event) -> set[int]:
    """Who recorded the measurement (named by id in the event's payload)."""
    recorded_by = event.payload.get("recorded_by")
    return {recorded_by} if isinstance(recorded_by, int) else set()


def indicator_link(event: Event) -> str:
    """The indicator's place on the outcomes page."""
    if event.partnership is None:
        return ""
    return f"{reverse('progress:outcomes', args=[event.partnership.uuid])}#indicator-{event.payload.get('indicator', '')}"


rules_add(
    Rule("measurement.changed", recorder, "yours", link=indicator_link),
    Rule("measurement.removed", recorder, "yours", link=indicator_link),
)
