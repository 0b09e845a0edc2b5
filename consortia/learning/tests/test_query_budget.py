"""The learning log costs the same number of queries with 10 or 500 lessons: the
lessons with their owners are one query, whatever the filter."""

import pytest
from django.urls import reverse

from consortia.core.testing import query_budget, signed_in, text
from consortia.learning.models import Lesson

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("locmem_cache")]

# The session's user, the partnership, the viewer's memberships, the active partners
# with their organisations and their representatives (shared by the permission checks),
# the lessons with their owners,
# + the header's unread notifications count (notifications/context_processors.py, one query).
PAGE = 7


def _lessons(world, n):
    owners = [world.users["partner_member"], world.users["participant"], None]
    Lesson.objects.bulk_create(
        Lesson(
            partnership=world.partnership,
            what_we_learned=f"Lesson {i}",
            owner=owners[i % 3],
            source_kind=["meeting", "poll", "other", "exchange"][i % 4],
            source_label=f"Source {i}",
        )
        for i in range(n)
    )


@pytest.mark.parametrize("n", [10, 500])
@pytest.mark.parametrize("query", [{}, {"status": "all", "source": "meeting"}], ids=["open", "by source"])
def test_the_log_costs_the_same_with_10_or_500_lessons(world, n, query):
    _lessons(world, n)
    client = signed_in(world.users["convener_admin"])
    with query_budget(PAGE):
        response = client.get(reverse("learning:list", args=[world.partnership.uuid]), query)
    assert response.status_code == 200
    expected = n if not query else n // 4 + (1 if n % 4 else 0)
    assert text(response).count('class="consortia-lesson"') == expected
