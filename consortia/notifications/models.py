from django.conf import settings
from django.db import models

from consortia.core.models import BaseModel


class Reason(models.TextChoices):
    MENTION = "mention", "You were mentioned"
    YOURS = "yours", "Yours to act on"
    ACTIVITY = "activity", "Activity in the partnership"


class Notification(BaseModel):
    """One thing a person is told about, made from an Event by the fan-out task
    (tasks.py) following the table (table.py). The inbox shows every one; email
    follows the person's Preference for the partnership. `url` is where the thing
    is, fixed when the notification is made."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey("core.Event", on_delete=models.CASCADE, related_name="+")
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="notifications"
    )
    reason = models.CharField(max_length=16, choices=Reason.choices)
    url = models.CharField(max_length=500, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Waiting for the person's daily digest (their preference was "digest" when it was made).
    digest_pending = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "event"], name="notification_once_per_event"),
            models.CheckConstraint(
                condition=models.Q(reason__in=["mention", "yours", "activity"]),
                name="notification_reason_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(
                fields=["digest_pending"],
                condition=models.Q(digest_pending=True),
                name="notification_digest_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()}: {self.event}"


class Preference(models.Model):
    """What a person wants by email from one partnership. No row: the default,
    MINE (mentions and what is theirs). The inbox always has everything."""

    class Email(models.TextChoices):
        ALL = "all", "Every message"
        MINE = "mine", "Only mentions and what is mine"
        DIGEST = "digest", "A daily digest"
        NONE = "none", "Nothing by email"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="notification_preferences"
    )
    email = models.CharField(max_length=8, choices=Email.choices, default=Email.MINE)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "partnership"], name="preference_once_per_partnership"),
            models.CheckConstraint(
                condition=models.Q(email__in=["all", "mine", "digest", "none"]),
                name="preference_email_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_email_display()} for user {self.user_id} in partnership {self.partnership_id}"
