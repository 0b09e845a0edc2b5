"""The threads pages: Markdown shown sanitised, refusals on the form (a mention of an
outsider named, 400), edit history shown, unread markers and "mark all read",
pinned first, and the links between threads and polls."""

import pytest
from django.urls import reverse

from consortia.core.factories import PollFactory, PostFactory, ThreadFactory
from consortia.core.testing import IMG, SCRIPT
from consortia.threads import services
from consortia.threads.models import Post, Thread

pytestmark = pytest.mark.django_db


def _start(world, persona="partner_member", body="Hello", title="Referrals"):
    return services.thread_start(
        actor=world.users[persona], partnership=world.partnership, title=title, body=body
    )


def _url(thread):
    return reverse("threads:detail", args=[thread.partnership.uuid, thread.uuid])


def test_it_shows_markdown_sanitised(world, client_for):
    thread = _start(world, body=f"**Bold** {SCRIPT} {IMG} [x](javascript:alert(1))")

    page = client_for("observer").get(_url(thread)).content.decode()

    assert "<strong>Bold</strong>" in page
    assert SCRIPT not in page and IMG not in page and 'href="javascript:' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # shown as text


def test_it_shows_an_exact_mention_as_the_name_in_bold(world, client_for):
    _start(world, persona="convener_admin", body="Ask @[Core Org] first")
    thread = _start(world, body="Ask @[Core Org] <b>now</b>, not user@[example.org]")

    page = client_for("observer").get(_url(thread)).content.decode()

    assert 'Ask <strong class="consortia-mention">@Core Org</strong>' in page
    assert "@example.org</strong>" not in page  # an @ inside a word is not a mention
    assert "<b>now</b>" not in page  # still sanitised first


def test_it_shows_the_refusal_of_a_mention_of_an_outsider_on_the_form(world, client_for):
    thread = _start(world)

    response = client_for("participant").post(
        reverse("threads:reply", args=[world.partnership.uuid, thread.uuid]), {"body": "Ask @Otto Outsider"}
    )

    assert response.status_code == 400
    assert (
        "Otto Outsider" in response.content.decode()
        and "not in this partnership" in response.content.decode()
    )
    assert "govuk-error-summary" in response.content.decode()
    assert Post.objects.filter(thread=thread).count() == 1


def test_it_starts_a_thread_from_the_form(world, client_for):
    response = client_for("partner_member").post(
        reverse("threads:create", args=[world.partnership.uuid]),
        {"title": "Referrals", "body": "Over to @[Convener Org]"},
    )

    thread = Thread.objects.get()
    assert response.status_code == 302 and response["Location"] == _url(thread)
    assert thread.posts.get().mentions.get().partner == world.convener_partner


def test_it_shows_an_edited_post_and_its_earlier_versions(world, client_for):
    thread = _start(world, body="First words")
    services.post_edit(actor=world.users["partner_member"], post=thread.posts.get(), body="Second words")

    page = client_for("observer").get(_url(thread)).content.decode()

    assert "edited" in page and "Earlier versions (1)" in page
    assert "First words" in page and "Second words" in page


def test_it_lists_pinned_threads_first_with_unread_counts_and_marks_all_read(world, client_for):
    pinned = _start(world, title="Announcement: new hours")
    latest = _start(world, title="Latest talk")
    services.thread_reply(actor=world.users["participant"], thread=latest, body="Reply")
    services.thread_pin(actor=world.users["convener_admin"], thread=pinned, pinned=True)
    client = client_for("observer")
    list_url = reverse("threads:list", args=[world.partnership.uuid])

    page = client.get(list_url).content.decode()

    assert page.index("Announcement: new hours") < page.index("Latest talk")
    assert "2 unread" in page and "1 unread" in page and "Mark all read" in page
    client.get(_url(latest))
    assert "2 unread" not in client.get(list_url).content.decode()
    assert client.post(reverse("threads:mark_all_read", args=[world.partnership.uuid])).status_code == 302
    page = client.get(list_url).content.decode()
    assert "unread" not in page and "Mark all read" not in page


def test_it_marks_new_posts_on_the_thread_page_once(world, client_for):
    thread = _start(world)
    client = client_for("observer")

    assert ">New<" in client.get(_url(thread)).content.decode()
    assert ">New<" not in client.get(_url(thread)).content.decode()


def test_the_thread_and_the_poll_link_to_each_other(world, client_for):
    thread = _start(world)
    client = client_for("convener_admin")
    assert "Open a poll from this thread" in client.get(_url(thread)).content.decode()

    poll = PollFactory(partnership=world.partnership)
    poll_url = reverse("decisions:detail", args=[world.partnership.uuid, poll.uuid])
    discuss = reverse("threads:poll_discuss", args=[world.partnership.uuid, poll.uuid])
    assert discuss in client.get(poll_url).content.decode()

    response = client.post(discuss, {"title": "Discussion", "body": "What do we think?"})
    discussion = Thread.objects.get(poll=poll)
    assert response["Location"] == _url(discussion)
    page = client.get(poll_url).content.decode()
    assert _url(discussion) in page and discuss not in page
    assert poll.title in client.get(_url(discussion)).content.decode()


def test_an_observer_reads_but_has_no_reply_form(world, client_for):
    thread = _start(world)

    page = client_for("observer").get(_url(thread)).content.decode()

    assert "Post the reply" not in page and "Pin as an announcement" not in page


def test_a_closed_partnership_shows_no_reply_form(world, client_for):
    thread = ThreadFactory(partnership=world.partnership)
    PostFactory(thread=thread)
    world.partnership.status = "closed"
    world.partnership.save()

    page = client_for("partner_member").get(_url(thread)).content.decode()

    assert "Post the reply" not in page and "has closed" in page
