"""The background jobs that keep the activity signals up to date (the method and its
guarantees are in computation.py). Nobody acts in them, so they take no actor and
write no event: they only summarise the event log, and can be rebuilt from it."""

from django.db.models import Exists, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django_tasks import task

from consortia.core.models import Event
from consortia.partnerships.models import Partnership

from .computation import signals_read, signals_reset
from .models import Cursor


@task()
def signals_update(partnership_id: int) -> int:
    """Read the partnership's events since the last run into its signals; how many
    were read. Safe to run twice at once (the second reads nothing new)."""
    return signals_read(partnership_id)


@task()
def signals_recompute(partnership_id: int) -> int:
    """Compute the partnership's signals again from the whole event log; how many
    events were read."""
    signals_reset(partnership_id)
    return signals_read(partnership_id)


@task()
def signals_update_due() -> int:
    """Enqueue `signals_update` for every partnership with events after its cursor
    (the recurring job, settings.SCHEDULED_TASKS); how many were enqueued."""
    read_to = Cursor.objects.filter(partnership=OuterRef(OuterRef("pk"))).values("last_event_id")[:1]
    newer = Event.objects.filter(partnership=OuterRef("pk"), pk__gt=Coalesce(Subquery(read_to), Value(0)))
    due = list(Partnership.objects.filter(Exists(newer)).values_list("pk", flat=True))
    for partnership_id in due:
        signals_update.enqueue(partnership_id=partnership_id)
    return len(due)
