"""Threads and posts in the search index (consortia/search/registry.py): a thread by
its title, each post (the opening one included) by its text, under its thread's title."""

from django.urls import reverse

from consortia.search.registry import SearchDoc, Source, register
from consortia.search.text import plain_text

from .models import Post, Thread


def _thread(thread: Thread) -> SearchDoc:
    return SearchDoc(
        partnership_id=thread.partnership_id,
        working_group_id=thread.working_group_id,
        started_at=thread.created_at,
        title=thread.title,
        body="",
        url=reverse("threads:detail", args=[thread.partnership.uuid, thread.uuid]),
        updated_at=thread.last_post_at,
    )


def _post(post: Post) -> SearchDoc:
    thread = post.thread
    return SearchDoc(
        partnership_id=thread.partnership_id,
        working_group_id=thread.working_group_id,
        started_at=thread.created_at,
        title=thread.title,
        body=plain_text(post.body),
        url=reverse("threads:detail", args=[thread.partnership.uuid, thread.uuid]) + f"#post-{post.uuid}",
        updated_at=post.edited_at or post.created_at,
    )


register(
    Source(
        kind="thread",
        label="Threads",
        model=Thread,
        document=_thread,
        queryset=lambda: Thread.objects.select_related("partnership"),
    )
)
register(
    Source(
        kind="post",
        label="Posts",
        model=Post,
        document=_post,
        queryset=lambda: Post.objects.select_related("thread__partnership"),
    )
)
