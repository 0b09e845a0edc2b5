"""The threads' services: starting, replying, editing with history, pinning, @mentions
resolved (and refused for outsiders with nothing written), read markers."""

import pytest
from django.core.exceptions import PermissionDenied

from consortia.core.errors import Conflict, ServiceError
from consortia.core.factories import (
    MembershipFactory,
    PartnershipFactory,
    PollFactory,
    PostFactory,
    ThreadFactory,
    UserFactory,
)
from consortia.core.models import Event
from consortia.core.testing import snapshot
from consortia.threads import services
from consortia.threads.models import Post, PostMention, Thread
from consortia.threads.selectors import thread_list

pytestmark = pytest.mark.django_db


def _start(world, persona="partner_member", body="Shall we meet on Thursday?", **kwargs):
    return services.thread_start(
        actor=world.users[persona], partnership=world.partnership, title="Referrals", body=body, **kwargs
    )


def test_it_starts_a_thread_credited_to_the_organisation(world):
    thread = _start(world)

    assert thread.organisation == world.core_org
    assert [p.body for p in thread.posts.all()] == ["Shall we meet on Thursday?"]
    event = Event.objects.get(verb="thread.started")
    assert event.organisation == world.core_org
    assert event.payload["mentioned_users"] == [] and event.payload["mentioned_partners"] == []


def test_it_credits_no_organisation_for_a_participant(world):
    thread = _start(world, "participant")

    assert thread.organisation is None
    assert Event.objects.get(verb="thread.started").organisation is None


def test_it_refuses_an_observer(world):
    with pytest.raises(PermissionDenied):
        _start(world, "observer")
    assert not Thread.objects.exists()


def test_it_refuses_a_closed_partnership(world):
    world.partnership.status = "closed"
    world.partnership.save()

    with pytest.raises(Conflict):
        _start(world)


def test_it_resolves_mentions_of_people_and_partner_organisations(world):
    body = "Thanks @Carol Carer and @[core-member@example.org]. @Observer Org, can you help? Mail me at x@example.org."
    thread = _start(world, "convener_admin", body=body)

    post = thread.posts.get()
    assert {m.user for m in post.mentions.filter(user__isnull=False)} == {
        world.users["participant"],
        world.users["partner_member"],
    }
    assert [m.partner for m in post.mentions.filter(partner__isnull=False)] == [world.observer_partner]
    payload = Event.objects.get(verb="thread.started").payload
    assert payload["mentioned_partners"] == [world.observer_partner.pk]
    # Observer Org has no representatives: its admins are reached (it has none), so only the two people.
    assert set(payload["mentioned_users"]) == {
        world.users["participant"].pk,
        world.users["partner_member"].pk,
    }


def test_a_mention_of_a_partner_reaches_its_representatives(world):
    _start(world, "partner_member", body="@[Convener Org] what do you think?")

    assert Event.objects.get().payload["mentioned_users"] == [world.users["convener_admin"].pk]


def test_a_mention_of_a_partner_without_representatives_reaches_its_admins(world):
    admin = MembershipFactory(organisation=world.observer_org, role="admin").user
    _start(world, body="Over to @Observer Org")

    assert Event.objects.get().payload["mentioned_users"] == [admin.pk]


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ("Ask @Otto Outsider about it", "Otto Outsider"),
        ("Ask @outsider@example.org", "outsider@example.org"),
        ("Ask @Outsider Org", "Outsider Org"),
        ("Ask @[Nobody At All]", "Nobody At All"),
    ],
)
def test_it_refuses_a_mention_of_someone_outside_the_partnership_and_writes_nothing(world, body, named):
    thread = ThreadFactory(partnership=world.partnership)
    PostFactory(thread=thread)
    before = snapshot()

    with pytest.raises(ServiceError) as refused:
        _start(world, body=body)
    with pytest.raises(ServiceError):
        services.thread_reply(actor=world.users["partner_member"], thread=thread, body=body)

    assert named in refused.value.message and refused.value.field == "body"
    assert snapshot() == before


def test_it_treats_an_at_sign_that_names_nobody_as_text(world):
    thread = _start(world, body="See you @ 3pm, or email carol@example.org @home")

    assert not PostMention.objects.filter(post__thread=thread).exists()


def test_it_refuses_a_name_two_people_share(world):
    MembershipFactory(organisation=world.core_org, user=UserFactory(name="Carol Carer"))

    with pytest.raises(ServiceError, match="more than one person"):
        _start(world, body="@Carol Carer hello")


def test_it_replies_in_order_and_moves_the_thread_up(world):
    thread = _start(world)
    first = services.thread_reply(actor=world.users["participant"], thread=thread, body="Yes")
    second = services.thread_reply(actor=world.users["convener_admin"], thread=thread, body="@Max Member ok")

    assert [p.body for p in thread.posts.all()] == ["Shall we meet on Thursday?", "Yes", "@Max Member ok"]
    assert first.pk < second.pk
    assert Event.objects.filter(verb="thread.replied").count() == 2
    assert Event.objects.filter(verb="thread.replied").order_by("pk").last().payload["mentioned_users"] == [
        world.users["partner_member"].pk
    ]


def test_it_keeps_the_history_of_an_edited_post(world):
    thread = _start(world)
    post = thread.posts.get()

    services.post_edit(actor=world.users["partner_member"], post=post, body="Shall we meet on Friday?")
    services.post_edit(actor=world.users["partner_member"], post=post, body="Friday, @Carol Carer?")

    post.refresh_from_db()
    assert post.body == "Friday, @Carol Carer?" and post.edited_at is not None
    assert [r.body for r in post.revisions.all()] == [
        "Shall we meet on Thursday?",
        "Shall we meet on Friday?",
    ]
    edits = Event.objects.filter(verb="post.edited")
    assert edits.count() == 2
    assert edits.order_by("pk").last().payload["mentioned_users"] == [world.users["participant"].pk]


def test_an_edit_that_changes_nothing_writes_nothing(world):
    post = _start(world).posts.get()
    before = snapshot()

    services.post_edit(actor=world.users["partner_member"], post=post, body="Shall we meet on Thursday?")

    assert snapshot() == before


def test_only_the_author_edits_a_post(world):
    post = _start(world).posts.get()

    with pytest.raises(PermissionDenied):
        services.post_edit(actor=world.users["partner_admin"], post=post, body="Mine now")


def test_the_convener_admin_pins_and_unpins(world):
    older = _start(world)
    _start(world)

    services.thread_pin(actor=world.users["convener_admin"], thread=older, pinned=True)
    assert thread_list(world.users["observer"], world.partnership).first() == older
    with pytest.raises(Conflict):
        services.thread_pin(actor=world.users["convener_admin"], thread=older, pinned=True)
    services.thread_pin(actor=world.users["convener_admin"], thread=older, pinned=False)

    assert [e.verb for e in Event.objects.filter(verb__startswith="thread.p")] == ["thread.pinned"]
    assert Event.objects.filter(verb="thread.unpinned", organisation=world.convener_org).count() == 1
    with pytest.raises(PermissionDenied):
        services.thread_pin(actor=world.users["partner_admin"], thread=older, pinned=True)


def test_it_counts_unread_posts_and_marks_all_read(world):
    reader = world.users["observer"]
    one, two = _start(world), _start(world)
    services.thread_reply(actor=world.users["participant"], thread=one, body="A")
    services.thread_mark_read(actor=reader, thread=two, last_post_id=two.posts.last().pk)

    counts = {t.pk: (t.post_count, t.unread_count) for t in thread_list(reader, world.partnership)}
    assert counts == {one.pk: (2, 2), two.pk: (1, 0)}
    # The author has read what they wrote.
    mine = {t.pk: t.unread_count for t in thread_list(world.users["partner_member"], world.partnership)}
    assert mine == {one.pk: 1, two.pk: 0}

    assert services.threads_mark_all_read(actor=reader, partnership=world.partnership) == 1
    assert {t.unread_count for t in thread_list(reader, world.partnership)} == {0}
    assert not Event.objects.filter(actor=reader).exists()


def test_a_thread_can_open_a_poll_and_a_poll_can_start_a_discussion(world):
    from datetime import timedelta

    from django.utils import timezone

    thread = _start(world)
    poll = services.thread_poll_open(
        actor=world.users["convener_admin"],
        thread=thread,
        kind="consent",
        title="Thursdays",
        closes_at=timezone.now() + timedelta(days=3),
    )
    thread.refresh_from_db()
    assert thread.poll == poll
    with pytest.raises(Conflict):
        services.thread_poll_open(
            actor=world.users["convener_admin"], thread=thread, kind="consent", title="Again",
            closes_at=timezone.now() + timedelta(days=3),
        )  # fmt: skip

    other = PollFactory(partnership=world.partnership)
    discussion = _start(world, poll=other)
    assert discussion.poll == other
    with pytest.raises(Conflict):
        _start(world, poll=other)
    with pytest.raises(ServiceError):
        _start(world, poll=PollFactory(partnership=PartnershipFactory()))
    assert Post.objects.filter(thread=discussion).count() == 1
