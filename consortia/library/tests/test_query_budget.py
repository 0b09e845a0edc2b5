"""The library list and the public library cost the same number of queries with 10 or
500 entries: the entries with their authors are one query, their tags one prefetch,
the tags in use for the filter one more."""

import pytest
from django.test import Client
from django.urls import reverse

from consortia.core.testing import query_budget, signed_in, text
from consortia.expertise.models import Topic
from consortia.library.models import Entry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("locmem_cache")]

# The session's user, the partnership, the viewer's memberships, the active partners
# with their organisations and their representatives (shared by the permission checks),
# the entries with their authors, their tags (one prefetch), the tags in use for the filter.
# + the header's unread notifications count (notifications/context_processors.py, one query).
LIST = 9
# The published entries with their partnerships and authors, their tags.
DIRECTORY = 2


def _entries(world, n):
    topics = [Topic.objects.create(name=f"Topic {k}", key=f"topic {k}") for k in range(3)]
    entries = Entry.objects.bulk_create(
        Entry(
            partnership=world.partnership,
            title=f"Entry {i}",
            summary="About consent.",
            author=world.users["partner_member"],
            visibility="published" if i % 2 else "partnership",
        )
        for i in range(n)
    )
    Entry.tags.through.objects.bulk_create(
        Entry.tags.through(entry_id=e.pk, topic_id=topics[i % 3].pk) for i, e in enumerate(entries)
    )


@pytest.mark.parametrize("n", [10, 500])
@pytest.mark.parametrize(
    "params", [{}, {"q": "consent", "kind": "guide", "tag": "topic 1"}], ids=["all", "filtered"]
)
def test_the_library_list_costs_the_same_with_10_or_500_entries(world, n, params):
    _entries(world, n)
    client = signed_in(world.users["partner_admin"])
    with query_budget(LIST):
        response = client.get(reverse("library:list", args=[world.partnership.uuid]), params)
    assert response.status_code == 200
    expected = n if not params else len([i for i in range(n) if i % 3 == 1])
    assert text(response).count('class="consortia-library-entry') == expected


@pytest.mark.parametrize("n", [10, 500])
def test_the_public_library_costs_the_same_with_10_or_500_entries(world, n):
    _entries(world, n)
    with query_budget(DIRECTORY):
        response = Client().get(reverse("library:directory"))
    assert response.status_code == 200
    assert text(response).count(reverse("library:directory")) >= 1
    assert f"{n // 2} published entries" in text(response)
