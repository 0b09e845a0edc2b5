"""The threads' rows for the access table (consortia/core/tests/test_access.py): every
threads URL, GET and POST, for every persona, and `scene(world, s)`, which adds the
threads and posts the rows name and puts their ids on `s`.

Who may do what (consortia/threads/rules.py): everyone who sees the partnership reads
its threads (observers and site admins too) and marks them read (their own marker, no
event); members of partners that are not only observing, and individual participants,
start threads and reply; the author (here the core partner's plain member) edits their
post; the convener's admins pin. Opening a poll from a thread is decisions' permission
(convener and core partners' members). All else is a 404.
"""

from datetime import timedelta
from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from consortia.core.access_table import GET, LOGIN, OK, POST, SIGN_IN_THEN_NOT_ALLOWED, Row
from consortia.core.factories import (
    GroupMembershipFactory,
    PartnershipFactory,
    PollFactory,
    PostFactory,
    ThreadFactory,
    WorkingGroupFactory,
)
from consortia.groups.models import GroupMembership
from consortia.threads.models import Attachment

P = "partnership"
READ = (LOGIN, 404, 200, 200, 200, 200, 200, 200)
NOT_FOUND = (LOGIN, 404, 404, 404, 404, 404, 404, 404)
WRITE_PAGE = (LOGIN, 404, 404, 200, 200, 200, 200, 404)
WRITTEN = (LOGIN, 404, 404, OK, OK, OK, OK, 404)
WRITE_REFUSED = (LOGIN, 404, 404, 400, 400, 400, 400, 404)
AUTHOR_PAGE = (LOGIN, 404, 404, 200, 404, 404, 404, 404)
AUTHOR_DONE = (LOGIN, 404, 404, OK, 404, 404, 404, 404)
AUTHOR_REFUSED = (LOGIN, 404, 404, 400, 404, 404, 404, 404)
PINNED = (LOGIN, 404, 404, 404, 404, OK, 404, 404)
PIN_CONFLICT = (LOGIN, 404, 404, 404, 404, 409, 404, 404)
MARKED_READ = (LOGIN, 404, 302, 302, 302, 302, 302, 302)  # the reader's own marker: no event
POLL_PAGE = (LOGIN, 404, 404, 200, 200, 200, 404, 404)
POLL_OPENED = (LOGIN, 404, 404, OK, OK, OK, 404, 404)
# A closed working group's thread: only its members who joined before it started (the
# core partner's member; the participant joined after it, the others never did).
GROUP_MEMBER_READ = (LOGIN, 404, 404, 200, 404, 404, 404, 404)
GROUP_MEMBER_REPLIED = (LOGIN, 404, 404, OK, 404, 404, 404, 404)


def thread(s, **overrides):
    return {"title": "Referrals from the surgeries", "body": "How do we **share** them?", **overrides}


def poll(s, **overrides):
    closes = timezone.localtime(timezone.now() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    return {
        "title": "Share referrals weekly",
        "details": "",
        "kind": "consent",
        "options": "",
        "electorate": "partners",
        "basis": "organisation",
        "quorum_by": "organisations",
        "quorum_percent": "",
        "closes_at": closes,
        **overrides,
    }


OUTSIDER_MENTION = "Ask @Otto Outsider about it"
PDF = b"%PDF-1.4\n%%EOF"


def disguised(s):
    return {
        "body": "The report",
        "attachment": SimpleUploadedFile("report.pdf", b"<html><script>alert(1)</script>"),
    }


def with_pdf(s):
    return {"body": "The report", "attachment": SimpleUploadedFile("report.pdf", PDF)}


# fmt: off
ROWS = [
    #                                                  anon   outsider observer member p.admin c.admin particip. site admin
    Row("threads:list", GET,                           READ, args=(P,)),
    Row("threads:list", POST,                          SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),
    Row("threads:mark_all_read", GET,                  SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),
    Row("threads:mark_all_read", POST,                 MARKED_READ, args=(P,)),

    # --- starting a thread: contributing partners' members and participants ------------------------
    Row("threads:create", GET,                         WRITE_PAGE, args=(P,)),
    Row("threads:create", POST,                        WRITTEN, args=(P,), data=thread, done="thread.started"),
    Row("threads:create", POST,                        WRITE_REFUSED, args=(P,),
        data=lambda s: thread(s, title=""), label="no title"),
    Row("threads:create", POST,                        WRITE_REFUSED, args=(P,),
        data=lambda s: thread(s, body=OUTSIDER_MENTION), label="mentions an outsider"),

    # --- a thread's page and replies -----------------------------------------------------------------
    Row("threads:detail", GET,                         READ, args=(P, "thread")),
    Row("threads:detail", GET,                         NOT_FOUND, args=(P, "other_thread"),
        label="another partnership's thread"),
    Row("threads:detail", POST,                        SIGN_IN_THEN_NOT_ALLOWED, args=(P, "thread")),
    Row("threads:detail", GET,                         GROUP_MEMBER_READ, args=(P, "closed_group_thread"),
        label="a closed group's thread"),
    Row("threads:reply", POST,                         GROUP_MEMBER_REPLIED, args=(P, "closed_group_thread"),
        data=lambda s: {"body": "Case 12 is resolved."}, done="thread.replied", label="a closed group's thread"),
    Row("threads:attachment", GET,                     GROUP_MEMBER_READ,
        args=(P, "closed_group_thread", "closed_group_attachment"), label="in a closed group's thread"),
    Row("threads:reply", GET,                          SIGN_IN_THEN_NOT_ALLOWED, args=(P, "thread")),
    Row("threads:reply", POST,                         WRITTEN, args=(P, "thread"),
        data=lambda s: {"body": "Weekly, by the secure mailbox."}, done="thread.replied"),
    Row("threads:reply", POST,                         WRITE_REFUSED, args=(P, "thread"),
        data=lambda s: {"body": OUTSIDER_MENTION}, label="mentions an outsider"),
    Row("threads:reply", POST,                         WRITE_REFUSED, args=(P, "thread"),
        data=lambda s: {"body": "  "}, label="empty"),
    Row("threads:reply", POST,                         WRITTEN, args=(P, "thread"), data=with_pdf,
        done="thread.replied", label="with a file"),
    Row("threads:reply", POST,                         WRITE_REFUSED, args=(P, "thread"), data=disguised,
        label="a disguised file"),
    Row("threads:reply", POST,                         NOT_FOUND, args=(P, "other_thread"),
        data=lambda s: {"body": "Hello"}, label="another partnership's thread"),

    # --- editing: the post's author ------------------------------------------------------------------
    Row("threads:post_edit", GET,                      AUTHOR_PAGE, args=(P, "thread", "post")),
    Row("threads:post_edit", POST,                     AUTHOR_DONE, args=(P, "thread", "post"),
        data=lambda s: {"body": "How do we share them safely?"}, done="post.edited"),
    Row("threads:post_edit", POST,                     AUTHOR_REFUSED, args=(P, "thread", "post"),
        data=lambda s: {"body": OUTSIDER_MENTION}, label="mentions an outsider"),
    Row("threads:post_edit", GET,                      NOT_FOUND, args=(P, "other_thread", "post"),
        label="the post under another partnership's thread"),

    # --- attachments: served after the access check, as downloads ---------------------------------
    Row("threads:attachment", GET,                     READ, args=(P, "thread", "attachment")),
    Row("threads:attachment", GET,                     NOT_FOUND, args=(P, "thread", "other_attachment"),
        label="another partnership's file"),
    Row("threads:attachment", GET,                     NOT_FOUND, args=(P, "other_thread", "other_attachment"),
        label="under another partnership's thread"),
    Row("threads:attachment", POST,                    SIGN_IN_THEN_NOT_ALLOWED, args=(P, "thread", "attachment")),

    # --- pinning: the convener's admins --------------------------------------------------------------
    Row("threads:pin", GET,                            SIGN_IN_THEN_NOT_ALLOWED, args=(P, "thread")),
    Row("threads:pin", POST,                           PINNED, args=(P, "thread"), done="thread.pinned"),
    Row("threads:pin", POST,                           PIN_CONFLICT, args=(P, "pinned_thread"),
        label="already pinned"),
    Row("threads:unpin", GET,                          SIGN_IN_THEN_NOT_ALLOWED, args=(P, "pinned_thread")),
    Row("threads:unpin", POST,                         PINNED, args=(P, "pinned_thread"), done="thread.unpinned"),
    Row("threads:unpin", POST,                         PIN_CONFLICT, args=(P, "thread"), label="not pinned"),

    # --- threads and polls ---------------------------------------------------------------------------
    Row("threads:poll", GET,                           POLL_PAGE, args=(P, "thread")),
    Row("threads:poll", POST,                          POLL_OPENED, args=(P, "thread"), data=poll,
        done="poll.opened"),
    Row("threads:poll", GET,                           NOT_FOUND, args=(P, "other_thread"),
        label="another partnership's thread"),
    Row("threads:poll_discuss", GET,                   WRITE_PAGE, args=(P, "undiscussed_poll")),
    Row("threads:poll_discuss", POST,                  WRITTEN, args=(P, "undiscussed_poll"), data=thread,
        done="thread.started"),
    Row("threads:poll_discuss", GET,                   NOT_FOUND, args=(P, "other_thread_poll"),
        label="another partnership's poll"),
]
# fmt: on

ALLOWED_CHANGES = {
    ("partner_member", "threads:create"),
    ("participant", "threads:create"),
    ("partner_member", "threads:reply"),
    ("participant", "threads:reply"),
    ("partner_member", "threads:post_edit"),
    ("partner_member", "threads:poll"),
    ("partner_member", "threads:poll_discuss"),
    ("participant", "threads:poll_discuss"),
}


def scene(world, s: SimpleNamespace) -> None:
    """A thread opened by the core partner's plain member (its opening post, with a
    file; another partnership's thread has one too), a thread
    the convener pinned, another partnership's thread, a poll with no discussion yet
    and another partnership's poll."""
    author = world.users["partner_member"]
    opened = ThreadFactory(partnership=world.partnership, author=author, organisation=world.core_org)
    post = PostFactory(thread=opened, author=author, organisation=world.core_org)
    pinned = ThreadFactory(
        partnership=world.partnership, author=world.users["convener_admin"], pinned_at=timezone.now()
    )
    PostFactory(thread=pinned, author=world.users["convener_admin"])
    other = ThreadFactory(partnership=PartnershipFactory())
    other_post = PostFactory(thread=other)
    attachment = Attachment(post=post, name="Leaflet.pdf", content_type="application/pdf", size=len(PDF))
    attachment.file.save("upload", ContentFile(PDF), save=True)
    other_attachment = Attachment(post=other_post, name="Theirs.pdf", content_type="application/pdf", size=1)
    other_attachment.file.save("upload", ContentFile(PDF), save=True)
    s.attachment = str(attachment.uuid)
    s.other_attachment = str(other_attachment.uuid)
    s.thread = str(opened.uuid)
    s.post = str(post.uuid)
    s.pinned_thread = str(pinned.uuid)
    s.other_thread = str(other.uuid)
    s.undiscussed_poll = str(PollFactory(partnership=world.partnership).uuid)
    _closed_group_scene(world, s)


def _closed_group_scene(world, s: SimpleNamespace) -> None:
    """A closed group the core partner's member joined before its thread started, and
    the participant after: the thread (with a file) is the member's alone to read."""
    member = world.users["partner_member"]
    group = WorkingGroupFactory(partnership=world.partnership, is_open=False, lead=member)
    earlier = timezone.now() - timedelta(days=30)
    joined = GroupMembershipFactory(group=group, user=member)
    GroupMembership.objects.filter(pk=joined.pk).update(created_at=earlier)
    secret = ThreadFactory(partnership=world.partnership, author=member, working_group=group)
    secret_post = PostFactory(thread=secret, author=member, organisation=world.core_org)
    GroupMembershipFactory(group=group, user=world.users["participant"])  # joined after it started
    attachment = Attachment(post=secret_post, name="Cases.pdf", content_type="application/pdf", size=len(PDF))
    attachment.file.save("upload", ContentFile(PDF), save=True)
    s.closed_group_thread = str(secret.uuid)
    s.closed_group_attachment = str(attachment.uuid)
    s.other_thread_poll = str(PollFactory(partnership=PartnershipFactory()).uuid)
