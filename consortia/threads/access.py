"""Fetch threads and posts by uuid *within* a partnership the caller already fetched
for the user (consortia.partnerships.access): missing, another partnership's and not
allowed all answer 404."""

from uuid import UUID

import rules
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from consortia.accounts.models import User
from consortia.groups.privacy import sees_group_content
from consortia.partnerships.models import Partnership

from .models import Post, Thread


def thread_get_for_user(
    user: User | AnonymousUser, partnership: Partnership, uuid: UUID, *, perm: str | None = None
) -> Thread:
    thread = (
        partnership.threads.filter(uuid=uuid)
        .select_related("author", "organisation", "poll", "working_group")
        .first()
    )
    if thread is not None:
        thread.partnership = partnership  # share the partners already loaded
    if (
        thread is None
        or not sees_group_content(user, partnership, thread.working_group_id, thread.created_at)
        or (perm and not rules.has_perm(perm, user, thread))
    ):
        raise Http404("No such thread.")
    return thread


def post_get_for_user(
    user: User | AnonymousUser, thread: Thread, uuid: UUID, *, perm: str | None = None
) -> Post:
    post = thread.posts.filter(uuid=uuid).first()
    if post is not None:
        post.thread = thread
    if post is None or (perm and not rules.has_perm(perm, user, post)):
        raise Http404("No such post.")
    return post
