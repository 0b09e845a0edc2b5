"""A course's page and the course list cost the same number of queries with 10 or
2,000 places taken: the page counts places per partner in one grouped query, and
the organisers' waiting list is one query with its people and organisations."""

import pytest
from django.urls import reverse

from consortia.accounts.models import User
from consortia.core.factories import CourseFactory, QuotaFactory
from consortia.core.testing import query_budget, text
from consortia.training.models import Place

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("locmem_cache")]

# The session's user, the partnership, the viewer's memberships, the active partners
# with their organisations and their representatives (shared by the permission checks
# and the page), the course with its offering partner and organisation, the places held
# and waiting per partner (one grouped query), the quotas, the viewer's own active
# place, then (the viewer runs the course) the waiting list with its people and
# organisations.
# + the header's unread notifications count (notifications/context_processors.py, one query).
COURSE = 11
# The session's user, the partnership, the viewer's memberships, the active partners
# with their organisations and their representatives, the courses with their partners, organisations and
# counts of places booked and waiting (one query).
# + the header's unread notifications count.
LIST = 7


def _places(world, course, n):
    """n people: three in four with a place, the rest waiting, across the partners."""
    users = User.objects.bulk_create(
        User(email=f"trainee{i}@example.org", name=f"Trainee {i}") for i in range(n)
    )
    partners = [world.core_partner, world.observer_partner, world.convener_partner]
    booked = n * 3 // 4
    Place.objects.bulk_create(
        Place(
            course=course,
            user=user,
            partner=partners[i % 3],
            status="booked" if i < booked else "waiting",
        )
        for i, user in enumerate(users)
    )
    return booked


@pytest.mark.parametrize("n", [10, 2000])
def test_a_course_page_costs_the_same_with_10_or_2000_places(world, client, n):
    course = CourseFactory(
        partnership=world.partnership, partner=world.convener_partner, places=n * 3 // 4 + 1
    )
    QuotaFactory(course=course, partner=world.core_partner, places=1)
    booked = _places(world, course, n)
    client.force_login(world.users["convener_admin"])

    with query_budget(COURSE):
        response = client.get(reverse("training:detail", args=[world.partnership.uuid, course.uuid]))

    assert response.status_code == 200
    page = text(response)
    assert f"1 of {booked + 1} left, {n - booked} on the waiting list" in page
    assert f"Trainee {n - 1}" in page  # the last person waiting


@pytest.mark.parametrize("n", [10, 2000])
def test_the_course_list_costs_the_same_with_10_or_2000_places(world, client, n):
    course = CourseFactory(partnership=world.partnership, partner=world.convener_partner, places=n)
    CourseFactory(partnership=world.partnership, partner=world.core_partner)
    booked = _places(world, course, n)
    client.force_login(world.users["partner_member"])

    with query_budget(LIST):
        response = client.get(reverse("training:list", args=[world.partnership.uuid]))

    assert response.status_code == 200
    assert f"{booked} of {n} places booked, {n - booked} waiting" in text(response)
