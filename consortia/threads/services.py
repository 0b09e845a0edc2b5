"""Every change to a partnership's threads: starting a thread, replying, editing a
post (its earlier version kept), pinning and unpinning, and each person's read
markers.

Each service that changes what the partnership shares runs in one transaction,
checks the actor's permission (consortia/threads/rules.py), refuses a closed
partnership, resolves the post's @mentions (refusing one of someone outside the
partnership before anything is written) and writes exactly one event, whose payload
names the people and partners mentioned for the notifications to route. Read
markers are the person's own state: no event.
"""

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from consortia.accounts.models import User
from consortia.core.attachments import attachment_check
from consortia.core.errors import Conflict, ServiceError
from consortia.core.events import event_record
from consortia.core.services import refuse_if_closed, require
from consortia.decisions.models import Poll
from consortia.decisions.services import poll_open
from consortia.groups.models import WorkingGroup
from consortia.groups.privacy import group_content_payload
from consortia.groups.rules import is_group_member
from consortia.partnerships.credit import CONTRIBUTING_ROLES, CONVENING, credited_organisation
from consortia.partnerships.models import Partnership

from .mentions import Mentions, mentions_resolve
from .models import BODY_MAX, TITLE_MAX, Attachment, Post, PostMention, PostRevision, Thread, ThreadRead

START = "threads.start_thread_in_partnership"
REPLY = "threads.reply_to_thread"
EDIT = "threads.edit_post"
PIN = "threads.pin_thread"


def _clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ServiceError("Enter a title", field="title")
    if len(title) > TITLE_MAX:
        raise ServiceError(f"The title must be {TITLE_MAX} characters or fewer", field="title")
    return title


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ServiceError("Enter your message", field="body")
    if len(body) > BODY_MAX:
        raise ServiceError(f"The message must be {BODY_MAX:,} characters or fewer", field="body")
    return body


def _mentions_save(post: Post, mentions: Mentions) -> None:
    PostMention.objects.bulk_create(
        [PostMention(post=post, user=u) for u in mentions.users]
        + [PostMention(post=post, partner=p) for p in mentions.partners]
    )


def _attachment_save(post: Post, upload: UploadedFile | None, checked: tuple[str, str] | None) -> str | None:
    """Store a checked upload under a random name; its uuid for the event."""
    if upload is None or checked is None:
        return None
    name, content_type = checked
    attachment = Attachment(post=post, name=name, content_type=content_type, size=upload.size or 0)
    attachment.file.save("upload", upload, save=False)
    attachment.save()
    return str(attachment.uuid)


def _read_up_to(user: User, thread: Thread, post_id: int) -> None:
    ThreadRead.objects.update_or_create(user=user, thread=thread, defaults={"last_post_id": post_id})


@transaction.atomic
def thread_start(
    *,
    actor: User,
    partnership: Partnership,
    title: str,
    body: str,
    poll: Poll | None = None,
    attachment: UploadedFile | None = None,
    working_group: WorkingGroup | None = None,
) -> Thread:
    """Start a thread: its title and opening post (Markdown), credited to the
    actor's contributing organisation. With `poll`, the thread is that poll's
    discussion ("discuss this poll"): 409 when the poll already has one. With
    `working_group`, it is that group's: 400 unless an active group of this partnership."""
    require(START, actor, partnership)
    refuse_if_closed(partnership, "start a thread in it")
    title, body = _clean_title(title), _clean_body(body)
    if poll is not None:
        if poll.partnership_id != partnership.pk:
            raise ServiceError("That poll is not in this partnership", status_code=404)
        if Thread.objects.filter(poll=poll).exists():
            raise Conflict("That poll already has a discussion thread.")
    if working_group is not None and (
        working_group.partnership_id != partnership.pk or working_group.is_archived
    ):
        raise ServiceError("Choose one of this partnership's working groups", field="working_group")
    if working_group is not None and not working_group.is_open and not is_group_member(actor, working_group):
        raise ServiceError(
            f"{working_group} is a closed group: only its members start its threads", field="working_group"
        )
    mentions = mentions_resolve(partnership, body)
    checked = attachment_check(attachment) if attachment is not None else None
    organisation = credited_organisation(actor, partnership, roles=CONTRIBUTING_ROLES)
    now = timezone.now()
    thread = Thread.objects.create(
        partnership=partnership,
        title=title,
        author=actor,
        organisation=organisation,
        poll=poll,
        working_group=working_group,
        last_post_at=now,
    )
    post = Post.objects.create(thread=thread, author=actor, organisation=organisation, body=body)
    _mentions_save(post, mentions)
    stored = _attachment_save(post, attachment, checked)
    _read_up_to(actor, thread, post.pk)
    event_record(
        actor=actor,
        verb="thread.started",
        obj=thread,
        organisation=organisation,
        partnership=partnership,
        payload={
            "post": str(post.uuid),
            "poll": str(poll.uuid) if poll else None,
            **group_content_payload(working_group, thread.created_at),
            "working_group": str(working_group.uuid) if working_group else None,
            "attachment": stored,
            **mentions.payload(),
        },
    )
    return thread


@transaction.atomic
def thread_reply(*, actor: User, thread: Thread, body: str, attachment: UploadedFile | None = None) -> Post:
    """Reply to a thread: a post at its end. The thread's row is locked so replies
    are numbered in the order they were written."""
    partnership = thread.partnership
    require(REPLY, actor, thread)
    refuse_if_closed(partnership, "reply to its threads")
    body = _clean_body(body)
    mentions = mentions_resolve(partnership, body)
    checked = attachment_check(attachment) if attachment is not None else None
    Thread.objects.select_for_update().filter(pk=thread.pk).first()
    organisation = credited_organisation(actor, partnership, roles=CONTRIBUTING_ROLES)
    post = Post.objects.create(thread=thread, author=actor, organisation=organisation, body=body)
    _mentions_save(post, mentions)
    stored = _attachment_save(post, attachment, checked)
    thread.last_post_at = post.created_at
    thread.save(update_fields=["last_post_at", "updated_at"])
    _read_up_to(actor, thread, post.pk)
    event_record(
        actor=actor,
        verb="thread.replied",
        obj=thread,
        organisation=organisation,
        partnership=partnership,
        payload={
            "post": str(post.uuid),
            "attachment": stored,
            **mentions.payload(),
            **group_content_payload(thread.working_group, thread.created_at),
        },
    )
    return post


@transaction.atomic
def post_edit(*, actor: User, post: Post, body: str) -> Post:
    """Edit one's own post: the earlier text is kept as a PostRevision (members see
    every version) and the post shows as edited. Mentions are resolved again; the
    event names only the people and partners the edit newly mentions. An edit that
    changes nothing writes nothing."""
    thread = post.thread
    partnership = thread.partnership
    require(EDIT, actor, post)
    refuse_if_closed(partnership, "edit its posts")
    body = _clean_body(body)
    if body == post.body:
        return post
    mentions = mentions_resolve(partnership, body)
    PostRevision.objects.create(post=post, body=post.body, written_at=post.edited_at or post.created_at)
    before_users = set(post.mentions.filter(user__isnull=False).values_list("user_id", flat=True))
    before_partners = set(post.mentions.filter(partner__isnull=False).values_list("partner_id", flat=True))
    post.mentions.all().delete()
    _mentions_save(post, mentions)
    post.body = body
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "edited_at", "updated_at"])
    new = Mentions(
        users=[u for u in mentions.users if u.pk not in before_users],
        partners=[p for p in mentions.partners if p.pk not in before_partners],
    )
    new_reached = {u.pk for u in mentions.reached} - before_users
    event_record(
        actor=actor,
        verb="post.edited",
        obj=thread,
        organisation=credited_organisation(actor, partnership, roles=CONTRIBUTING_ROLES),
        partnership=partnership,
        payload={
            "post": str(post.uuid),
            "mentioned_users": sorted(new_reached),
            "mentioned_partners": [p.pk for p in new.partners],
            **group_content_payload(thread.working_group, thread.created_at),
        },
    )
    return post


@transaction.atomic
def thread_pin(*, actor: User, thread: Thread, pinned: bool) -> Thread:
    """Pin a thread as an announcement (listed first), or unpin it (the convener's
    admins). 409 when it already is as asked."""
    partnership = thread.partnership
    require(PIN, actor, thread)
    refuse_if_closed(partnership, "pin its threads")
    if thread.pinned == pinned:
        raise Conflict("That thread is already pinned." if pinned else "That thread is not pinned.")
    thread.pinned_at = timezone.now() if pinned else None
    thread.save(update_fields=["pinned_at", "updated_at"])
    event_record(
        actor=actor,
        verb="thread.pinned" if pinned else "thread.unpinned",
        obj=thread,
        organisation=credited_organisation(actor, partnership, roles=CONVENING),
        partnership=partnership,
        payload=group_content_payload(thread.working_group, thread.created_at),
    )
    return thread


def thread_mark_read(*, actor: User, thread: Thread, last_post_id: int) -> None:
    """Move the actor's read marker on `thread` to `last_post_id` (one upsert). The
    caller has read the marker and moves it only forward."""
    if not actor.is_authenticated or not last_post_id:
        return
    ThreadRead.objects.bulk_create(
        [ThreadRead(user=actor, thread=thread, last_post_id=last_post_id)],
        update_conflicts=True,
        unique_fields=["user", "thread"],
        update_fields=["last_post_id", "read_at"],
    )


@transaction.atomic
def threads_mark_all_read(*, actor: User, partnership: Partnership) -> int:
    """Mark every thread of the partnership read for the actor ("mark all read").
    Returns how many threads had something unread."""
    last = dict(
        Thread.objects.filter(partnership=partnership)
        .annotate(last=Max("posts__pk"))
        .values_list("pk", "last")
    )
    marks = dict(
        ThreadRead.objects.filter(user=actor, thread__partnership=partnership).values_list(
            "thread_id", "last_post_id"
        )
    )
    behind = {pk: top for pk, top in last.items() if top and marks.get(pk, 0) < top}
    ThreadRead.objects.bulk_create(
        [ThreadRead(user=actor, thread_id=pk, last_post_id=top) for pk, top in behind.items()],
        update_conflicts=True,
        unique_fields=["user", "thread"],
        update_fields=["last_post_id", "read_at"],
    )
    return len(behind)


@transaction.atomic
def thread_poll_open(*, actor: User, thread: Thread, **poll: Any) -> Poll:
    """Open a poll from a thread ("open a poll from this thread"): decisions'
    poll_open (its permission, checks and poll.opened event), then the thread is
    linked to the poll, so each page links to the other. 409 when the thread already
    has its poll."""
    if thread.poll_id is not None:
        raise Conflict("This thread already has a poll.")
    opened = poll_open(actor=actor, partnership=thread.partnership, **poll)
    thread.poll = opened
    thread.save(update_fields=["poll", "updated_at"])
    return opened
