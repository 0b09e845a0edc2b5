"""Discussion threads in a partnership: a thread (its title, pinned or not, the poll it
turned into or discusses), its posts in order (the first is the opening post, the
thread's body), each post's earlier versions, the people and partner organisations a
post mentions, and each person's read marker.

A thread belongs to a partnership and, optionally, to one of its working groups
(it shows on the group's page). Threads are visible to the whole partnership, as the
groups themselves are.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q

from consortia.core.models import BaseModel
from consortia.decisions.models import Poll
from consortia.groups.models import WorkingGroup
from consortia.organisations.models import Organisation
from consortia.partnerships.models import Partner, Partnership

TITLE_MAX = 200
BODY_MAX = 20_000


class Thread(BaseModel):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(max_length=TITLE_MAX)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="threads_started"
    )
    # The organisation the thread is credited to (partnerships/credit.py); None for an
    # individual participant.
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Pinned by the convener's admins as an announcement: listed first.
    pinned_at = models.DateTimeField(null=True, blank=True)
    # The poll this thread turned into ("open a poll from this thread") or discusses
    # ("discuss this poll"). Here, not on Poll: decisions sits below threads.
    poll = models.OneToOneField(
        Poll, null=True, blank=True, on_delete=models.SET_NULL, related_name="discussion_thread"
    )
    last_post_at = models.DateTimeField()
    # The working group whose discussion this is, if any (groups are archived, never
    # deleted; SET_NULL only so that deleting a group by hand keeps its threads).
    working_group = models.ForeignKey(
        WorkingGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="threads"
    )

    class Meta:
        # Pinned first (the latest pin first), then the latest active. NULLs last on
        # every database (PostgreSQL puts them first in a descending order).
        ordering = [models.F("pinned_at").desc(nulls_last=True), "-last_post_at", "-pk"]
        indexes = [models.Index(fields=["partnership", "last_post_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def pinned(self) -> bool:
        return self.pinned_at is not None


class Post(BaseModel):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="thread_posts"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(max_length=BODY_MAX)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"a post in {self.thread}"


class PostRevision(models.Model):
    """An earlier version of a post, kept when it is edited: members see every version."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField(max_length=BODY_MAX)
    written_at = models.DateTimeField()  # when this version was written
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"an earlier version of {self.post}"


class PostMention(models.Model):
    """A person or a whole partner organisation a post mentions (one of the two)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE)
    partner = models.ForeignKey(Partner, null=True, blank=True, on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, partner__isnull=True)
                | Q(user__isnull=True, partner__isnull=False),
                name="threads_mention_user_or_partner",
            ),
            models.UniqueConstraint(fields=["post", "user"], name="threads_mention_user_once"),
            models.UniqueConstraint(fields=["post", "partner"], name="threads_mention_partner_once"),
        ]

    def __str__(self) -> str:
        return f"a mention in {self.post}"


class ThreadRead(models.Model):
    """How far a person has read a thread: the id of the last post they saw. A post
    with a greater id is unread. A person's own state, not the partnership's: it
    writes no event (see `snapshot_exempt`)."""

    # The access table's snapshot (consortia/core/testing.py) leaves this table out:
    # viewing a thread moves the viewer's own marker, which is not a change to anything
    # the partnership shares.
    snapshot_exempt = "a person's read marker, moved by viewing a thread"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reads")
    last_post_id = models.PositiveBigIntegerField(default=0)
    read_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="threads_read_once")]

    def __str__(self) -> str:
        return f"read marker on {self.thread}"


def _stored_name(instance: "Attachment", filename: str) -> str:
    """A random name, no extension and nothing of the uploader's: the shown name is
    `Attachment.name`."""
    return f"thread-attachments/{secrets.token_hex(16)}"


class Attachment(BaseModel):
    """A file on a post: stored through Django's storage API (MEDIA_ROOT, outside the
    web root, or an S3-compatible bucket) under a random name, served only by the
    threads' download view after the access check."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=_stored_name, max_length=200)
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name
