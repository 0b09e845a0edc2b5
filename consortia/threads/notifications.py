"""The threads' rows in the notifications table (consortia/notifications/table.py).

Whoever a post mentions is told as a mention (a mentioned partner organisation reaches
its representatives: the service has already put their ids in `mentioned_users`).
Everyone who has written in a thread is told of a reply as theirs: it is their
conversation. A new thread and a pinned announcement are the partnership's activity.
"""

from django.urls import reverse

from consortia.core.models import Event
from consortia.notifications.audiences import everyone, from_payload
from consortia.notifications.table import Rule, rules_add

from .models import Post


def thread_link(event: Event) -> str:
    """The thread's page."""
    if event.partnership is None or event.object_uuid is None:
        return ""
    return reverse("threads:detail", args=[event.partnership.uuid, event.object_uuid])


def in_the_thread(event: Event) -> set[int]:
    """Everyone who has written a post in the thread (one query)."""
    if event.object_uuid is None:
        return set()
    return set(Post.objects.filter(thread__uuid=event.object_uuid).values_list("author_id", flat=True))


mentioned = from_payload("mentioned_users")

rules_add(
    Rule("thread.started", mentioned, "mention", link=thread_link),
    Rule("thread.started", everyone, "activity", link=thread_link),
    Rule("thread.replied", mentioned, "mention", link=thread_link),
    Rule("thread.replied", in_the_thread, "yours", link=thread_link),
    Rule("thread.replied", everyone, "activity", link=thread_link),
    Rule("post.edited", mentioned, "mention", link=thread_link),
    Rule("thread.pinned", everyone, "activity", link=thread_link),
)
