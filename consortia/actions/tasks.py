"""The daily due-date reminders (settings.SCHEDULED_TASKS).

For each open action due within the next two days (not today) and each due today, one
event (`action.due_soon`, `action.due_today`) that the notifications table routes to
the owner as theirs, so the email follows their preference. Each reminder is sent
once per due date: the date it was sent for is kept on the action
(`reminded_before_on`, `reminded_due_on`), written in one bulk update with the events
in one transaction, so a second run the same day sends nothing. A changed due date
clears them (action_update), and the new date gets its own reminders. A day the job
did not run is caught up by the next run ("within two days", not "in exactly two").
Closed partnerships are left alone.
"""

import datetime

from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django_tasks import task

from consortia.core.events import event_record

from .models import Action

BEFORE_DAYS = 2


def _due(field: str, **due: datetime.date) -> QuerySet[Action]:
    """Open actions of open partnerships due as given, not yet reminded for that date,
    locked (a second run at the same moment waits, then finds nothing to do)."""
    return (
        Action.objects.select_for_update(of=("self",))
        .select_related("partnership")
        .filter(status=Action.Status.OPEN, **{f"due__{k}": v for k, v in due.items()})
        .exclude(partnership__status="closed")
        .exclude(**{field: F("due")})
        .order_by("pk")
    )


def _remind(actions: list[Action], verb: str, field: str) -> None:
    for action in actions:
        event_record(
            actor=None,
            verb=verb,
            obj=action,
            partnership=action.partnership,
            payload={
                "owner_user": action.owner_user_id,
                "owner_partner": action.owner_partner_id,
                "due": str(action.due),
            },
        )
    Action.objects.filter(pk__in=[a.pk for a in actions]).update(**{field: F("due")})


@task()
def action_reminders_send() -> int:
    """Record today's reminders (see the module's docstring). Returns how many."""
    today = timezone.localdate()
    with transaction.atomic():
        soon = list(_due("reminded_before_on", gt=today, lte=today + datetime.timedelta(days=BEFORE_DAYS)))
        due_today = list(_due("reminded_due_on", exact=today))
        _remind(soon, "action.due_soon", "reminded_before_on")
        _remind(due_today, "action.due_today", "reminded_due_on")
    return len(soon) + len(due_today)
