"""What the activity signals keep between runs (computation.py explains the method).

The event log is the only source; these rows are a running summary of it, rebuilt
from scratch whenever `signals_recompute` is asked to, so none of them holds anything
the log does not."""

from django.db import models

from consortia.partnerships.models import Partnership


class Cursor(models.Model):
    """How far a partnership's event log has been read: the id of the last event
    processed. A run locks this row (PostgreSQL) and moves it with a compare-and-set
    (every database), so two overlapping runs never count an event twice."""

    partnership = models.OneToOneField(Partnership, on_delete=models.CASCADE, related_name="+")
    last_event_id = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.partnership_id} read to event {self.last_event_id}"


class Tracked(models.Model):
    """The small state one object needs across events (when a thread started and
    who started it, when a poll opened, an action's due date and status, who a
    meeting invited and who came), keyed like "thread:<uuid>". Only the objects a
    run's events name are read."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=80)
    data = models.JSONField(default=dict)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["partnership", "key"], name="activity_tracked_once")]

    def __str__(self) -> str:
        return self.key


class Period(models.Model):
    """One period (a calendar month) of a partnership's activity: the running tallies
    of its events (`tallies`) and the signal values computed from them (`signals`:
    key -> {"value": number or null, "detail": {organisation uuid: number}})."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    start = models.DateField()
    tallies = models.JSONField(default=dict)
    signals = models.JSONField(default=dict)

    class Meta:
        ordering = ["start"]
        constraints = [models.UniqueConstraint(fields=["partnership", "start"], name="activity_period_once")]

    def __str__(self) -> str:
        return f"{self.partnership_id} {self.start:%Y-%m}"
