"""Reads for the thread pages: the partnership's threads with their post and unread
counts (one query), and a thread's posts with their earlier versions (two)."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from consortia.accounts.models import User
from consortia.decisions.models import Poll
from consortia.groups.models import WorkingGroup
from consortia.groups.privacy import group_content_q
from consortia.partnerships.models import Partnership

from .models import Post, PostRevision, Thread, ThreadRead


def _count(posts: QuerySet[Post]) -> Coalesce:
    counted = posts.order_by().values("thread").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def thread_list(user: User | AnonymousUser, partnership: Partnership) -> QuerySet[Thread]:
    """The partnership's threads the user may see (a closed group's only for its
    members, from when they joined: groups/privacy.py), pinned first then the latest
    active, each with `post_count` and, for the user, `unread_count` (posts after
    their read marker)."""
    threads = (
        partnership.threads.filter(group_content_q(user, partnership))
        .select_related("author", "organisation")
        .annotate(post_count=_count(Post.objects.filter(thread=OuterRef("pk"))))
    )
    if not user.is_authenticated:
        return threads.annotate(unread_count=Value(0, output_field=IntegerField()))
    marker = ThreadRead.objects.filter(user=user, thread=OuterRef(OuterRef("pk"))).values("last_post_id")[:1]
    unread = Post.objects.filter(thread=OuterRef("pk"), pk__gt=Coalesce(Subquery(marker), Value(0)))
    return threads.annotate(unread_count=_count(unread))


def group_threads(user: User | AnonymousUser, group: WorkingGroup) -> list[Thread]:
    """The working group's threads the user may see, pinned first then the latest
    active, with their authors (one query, and one for a closed group's privacy)."""
    threads = group.threads.all()
    if not group.is_open:
        threads = threads.filter(group_content_q(user, group.partnership))
    return list(threads.select_related("author"))


def thread_last_read(user: User | AnonymousUser, thread: Thread) -> int:
    """The id of the last post of `thread` the user has seen (0: none)."""
    if not user.is_authenticated:
        return 0
    mark = ThreadRead.objects.filter(user=user, thread=thread).values_list("last_post_id", flat=True).first()
    return mark or 0


def thread_posts(thread: Thread) -> list[Post]:
    """The thread's posts in order, with their authors, credited organisations,
    attachments and earlier versions (oldest first)."""
    posts = list(
        thread.posts.select_related("author", "organisation").prefetch_related(
            Prefetch("revisions", queryset=PostRevision.objects.order_by("pk")), "attachments"
        )
    )
    for post in posts:
        post.thread = thread
    return posts


def poll_discussion(poll: Poll) -> Thread | None:
    """The thread that discusses `poll`, or None. Decisions' poll_get_for_user joins
    the reverse one-to-one by name, so this costs no query on the poll page."""
    try:
        return poll.discussion_thread  # type: ignore[no-any-return,unused-ignore]
    except Thread.DoesNotExist:
        return None
