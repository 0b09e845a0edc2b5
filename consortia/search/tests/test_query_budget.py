"""The search page costs the same number of queries with 5 or 200 matches: the
results come from one query, whatever their number, and the page holds twenty."""

import pytest
from django.urls import reverse

from consortia.core.factories import PostFactory, ThreadFactory, partnership_with_partners
from consortia.core.testing import query_budget
from consortia.search.index import index_rebuild

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("locmem_cache")]

# The session's user (the session itself is in the cache), the searcher's partnerships
# (one query, for the filter and for the search), the partnership's closed groups with
# when the searcher joined each (groups/privacy.py: one per partnership), the count of
# matches, the page of matches with their titles and snippets marked (one query).
# + the header's unread notifications count (notifications/context_processors.py, one query).
PAGE = 6


@pytest.mark.parametrize("posts", [5, 200])
def test_the_search_page_costs_the_same_with_5_or_200_matches(client, posts):
    partnership, convener_admin = partnership_with_partners(3)
    thread = ThreadFactory(partnership=partnership, title="Volunteers")
    for i in range(posts):
        PostFactory(thread=thread, body=f"The volunteer rota for week {i}")
    index_rebuild()
    client.force_login(convener_admin)

    with query_budget(PAGE):
        response = client.get(reverse("search:search"), {"q": "rota"})

    assert response.status_code == 200
    assert response.content.decode().count('class="consortia-search-result"') == min(posts, 20)
