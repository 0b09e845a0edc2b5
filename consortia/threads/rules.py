"""Who may do what with threads (see consortia/core/rules.py).

Everyone who sees the partnership reads its threads (observers and site admins too).
Members of partners that are not only observing, and individual participants, start
threads and reply; authors edit their own posts while they are still in the
partnership; the convener's admins pin a thread as an announcement.
"""

import rules
from django.contrib.auth.models import AnonymousUser

from consortia.accounts.models import User
from consortia.core.rules import add_perm
from consortia.partnerships.models import Partnership
from consortia.partnerships.rules import is_contributing_member, is_convener_admin, is_participant

from .models import Post, Thread


@rules.predicate
def may_post(user: User | AnonymousUser, partnership: Partnership | None) -> bool:
    return partnership is not None and bool(
        is_contributing_member(user, partnership) or is_participant(user, partnership)
    )


@rules.predicate
def may_reply(user: User | AnonymousUser, thread: Thread | None) -> bool:
    return thread is not None and bool(may_post(user, thread.partnership))


@rules.predicate
def wrote_post(user: User | AnonymousUser, post: Post | None) -> bool:
    """The post's author, while they may still post in its partnership."""
    return (
        post is not None
        and user.is_authenticated
        and post.author_id == user.pk
        and bool(may_post(user, post.thread.partnership))
    )


@rules.predicate
def pins_thread(user: User | AnonymousUser, thread: Thread | None) -> bool:
    return thread is not None and bool(is_convener_admin(user, thread.partnership))


add_perm("threads.start_thread_in_partnership", Partnership, may_post)
add_perm("threads.reply_to_thread", Thread, may_reply)
add_perm("threads.edit_post", Post, wrote_post)
add_perm("threads.pin_thread", Thread, pins_thread)
