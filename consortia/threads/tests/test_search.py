"""Threads and posts in search (threads/search.py): started, replied to, edited and
deleted, and the index follows once each change commits."""

import pytest

from consortia.core.factories import PostFactory, ThreadFactory
from consortia.search import testing
from consortia.search.models import SearchDocument
from consortia.search.testing import found
from consortia.threads import services as threads

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return testing.committed(django_capture_on_commit_callbacks)


def test_a_new_thread_and_its_reply_are_found(world, committed):
    author = world.users["partner_member"]
    thread = committed(
        lambda: threads.thread_start(
            actor=author, partnership=world.partnership, title="Dementia cafés", body="Which **venues**?"
        )
    )
    committed(lambda: threads.thread_reply(actor=author, thread=thread, body="The library hall"))

    assert found(world.partnership, "dementia", kind="thread") == 1
    assert found(world.partnership, "venues", kind="post") == 1
    assert found(world.partnership, "library hall") == 1


def test_an_edited_post_is_found_by_its_new_words_only(world, committed):
    author = world.users["partner_member"]
    thread = committed(
        lambda: threads.thread_start(
            actor=author, partnership=world.partnership, title="Rota", body="Mondays"
        )
    )
    post = thread.posts.get()

    committed(lambda: threads.post_edit(actor=author, post=post, body="Wednesdays"))

    assert found(world.partnership, "wednesdays") == 1
    assert found(world.partnership, "mondays") == 0


def test_a_deleted_thread_takes_its_posts_out_of_the_index(world, committed):
    thread = committed(lambda: ThreadFactory(partnership=world.partnership, title="Budget"))
    committed(lambda: PostFactory(thread=thread, body="Figures for the budget"))
    assert found(world.partnership, "budget") == 2

    committed(thread.delete)

    assert found(world.partnership, "budget") == 0
    assert not SearchDocument.objects.exists()
