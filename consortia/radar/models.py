"""A remedy the radar suggested, put on a meeting's agenda: kept so the same remedy
goes on one meeting's agenda once, and so the radar page can say where it went."""

from django.conf import settings
from django.db import models

from consortia.core.models import BaseModel
from consortia.meetings.models import AgendaItem, Meeting

KEY_MAX = 64


class RemedyProposal(BaseModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    # Removing the item from the agenda removes the proposal: the remedy can go on again.
    agenda_item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="+")
    remedy = models.CharField(max_length=KEY_MAX)
    cause = models.CharField(max_length=KEY_MAX)  # the mark or factor it answered
    level = models.CharField(max_length=16)  # the cause's level then
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "remedy"], name="radar_remedy_once_per_meeting"),
        ]

    def __str__(self) -> str:
        return f"{self.remedy} for {self.cause}"
