from django.conf import settings
from django.db import models
from django.db.models import Q

from consortia.core.models import BaseModel


class CalendarFeed(BaseModel):
    """A person's private calendar feed link (/calendar/<token>.ics). Only the token's
    sha256 is stored (core/tokens.py), so a copy of the database opens no feed; the
    link is shown once, when made. Making a new link revokes the old one at once
    (services.feed_make); a person has at most one live link, which the partial
    unique constraint holds in the database too. Revoked rows stay, as the record of
    when each link stopped working."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(revoked_at__isnull=True), name="calendarfeed_one_live_per_user"
            ),
        ]

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None
