import uuid
from typing import Any, NoReturn

from django.conf import settings
from django.db import models


class BaseModel(models.Model):
    """Common fields. `uuid` is the public identifier used in URLs; the integer
    primary key never leaves the server, so ids cannot be guessed or counted."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class EventQuerySet(models.QuerySet):
    """Events are append-only: bulk updates and deletes through the ORM are refused."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise TypeError("Events are append-only and cannot be updated.")

    def delete(self) -> NoReturn:
        raise TypeError("Events are append-only and cannot be deleted.")


class Event(models.Model):
    """One row per state change, written by the service that made it.

    The single source for activity feeds, notifications, the audit trail and the
    health radar. `object_repr` keeps a readable name even if the object is later
    renamed or removed; `payload` holds a few facts (old and new role, ...), never
    personal data beyond what the feed shows.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The organisation the actor acted for.",
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    verb = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64)
    object_uuid = models.UUIDField(null=True, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    payload = models.JSONField(default=dict, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["partnership", "-occurred_at"], name="event_partnership_time"),
            models.Index(fields=["organisation", "-occurred_at"], name="event_org_time"),
        ]

    def __str__(self) -> str:
        return f"{self.verb} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("Events are append-only and cannot be changed.")
        super().save(*args, **kwargs)


class OutgoingEmail(models.Model):
    """An email rendered and waiting to be sent: the outbox of consortia/core/mail.py.

    The message is rendered when the service runs, because some of what it says
    exists only then (an invitation's token; only its hash is stored). It waits here,
    not in the task's arguments, because the task tables keep their arguments after
    the task has run: the task carries this row's id, and the row is deleted once the
    message is sent. `about` names what the message is about ("consultation:<uuid>"),
    so deleting that thing's personal data can delete its mail still waiting. A row
    with `failed_at` set could not be sent after every retry: it is kept, not lost,
    until someone sends it again or deletes it.
    """

    to = models.EmailField(max_length=254)
    subject = models.CharField(max_length=998)
    body = models.TextField()
    about = models.CharField(max_length=100, blank=True, db_index=True)
    # Extra headers sent with the message (a notification's List-Unsubscribe, RFC 8058).
    headers = models.JSONField(default=dict, blank=True)
    # Files sent with it, each {"filename", "mimetype", "content"} (text content; a
    # meeting's invitation.ics), kept here for the same reason as the body.
    attachments = models.JSONField(default=list, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    failed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Outgoing email {self.pk}"
