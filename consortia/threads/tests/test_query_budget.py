"""The thread list and a thread's page cost the same number of queries with 5 or 200
threads or posts: counts come from subqueries, posts with their authors and
organisations in one query and their earlier versions in one more."""

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.core.factories import MembershipFactory, PostFactory, ThreadFactory, partnership_with_partners
from consortia.core.testing import query_budget
from consortia.partnerships.rules import active_partners
from consortia.threads.models import PostRevision

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("locmem_cache")]

# The session's user, the partnership, the viewer's memberships, the active partners
# with their organisations and their representatives (shared by the permission checks
# and the page; a member of a contributing partner needs no participant row), then the
# threads with their authors, organisations, post and unread counts (one query).
# + the header's unread notifications count (notifications/context_processors.py, one query).
LIST = 7
# The session's user, the partnership, memberships, partners, representatives, the
# thread (with its author, organisation and poll), the posts with their authors and
# organisations, their earlier versions, their attachments, the viewer's read marker, then moving it to
# the last post (one INSERT ... ON CONFLICT UPDATE).
# + the header's unread notifications count (notifications/context_processors.py, one query).
# + the actions that came from the thread (actions' `thread_add_action` tag, one query).
# + the glossary's approved terms with their definitions (marked in the posts, glossary/templatetags).
PAGE = 14


@pytest.mark.parametrize("threads", [5, 200])
def test_the_thread_list_costs_the_same_with_5_or_200_threads(client, threads):
    partnership, convener_admin = partnership_with_partners(3)
    partners = active_partners(partnership)
    for i in range(threads):
        author = MembershipFactory(organisation=partners[i % 3].organisation).user
        thread = ThreadFactory(
            partnership=partnership, author=author, organisation=partners[i % 3].organisation
        )
        PostFactory(thread=thread, author=author)
        PostFactory(thread=thread, author=convener_admin)
    client.force_login(convener_admin)

    with query_budget(LIST):
        response = client.get(reverse("threads:list", args=[partnership.uuid]))

    assert response.status_code == 200
    assert response.content.decode().count("2 unread") == threads


@pytest.mark.parametrize("posts", [5, 200])
def test_the_thread_page_costs_the_same_with_5_or_200_posts(client, posts):
    partnership, convener_admin = partnership_with_partners(3)
    partners = active_partners(partnership)
    thread = ThreadFactory(partnership=partnership, author=convener_admin)
    for i in range(posts):
        author = MembershipFactory(organisation=partners[i % 3].organisation).user
        post = PostFactory(thread=thread, author=author, organisation=partners[i % 3].organisation)
        if i % 2:
            PostRevision.objects.create(post=post, body="Before", written_at=timezone.now())
    client.force_login(convener_admin)

    with query_budget(PAGE):
        response = client.get(reverse("threads:detail", args=[partnership.uuid, thread.uuid]))

    assert response.status_code == 200
    assert response.content.decode().count("Earlier versions (1)") == posts // 2
