"""The waiting list's order: first come, first served, and a freed place goes to the
first waiting person whose organisation may take it. Nobody jumps the list: a booking
made while others wait for the same places joins the end of it. The pure rules
(capacity.py) are also checked against a plain reference with hypothesis."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consortia.core.testing import snapshot
from consortia.training import services
from consortia.training.capacity import Standing, fill
from consortia.training.models import Place

# --- the pure rules ------------------------------------------------------------------------


def test_the_worked_example_of_the_module_holds():
    standing = Standing(10, held={1: 1, 2: 2, 3: 3}, quotas={1: 4, 2: 2})

    assert (standing.left, standing.free_for(1), standing.free_for(2), standing.free_for(3)) == (4, 3, 0, 1)
    assert standing.at_quota(2) and not standing.at_quota(1)
    standing.released = True
    assert standing.free_for(2) == standing.free_for(3) == 4


partners = st.integers(min_value=1, max_value=4)


@st.composite
def situations(draw):
    places = draw(st.integers(min_value=1, max_value=12))
    quotas = draw(st.dictionaries(partners, st.integers(min_value=1, max_value=4), max_size=3))
    while sum(quotas.values()) > places:
        quotas.pop(next(iter(quotas)))
    held: dict[int, int] = {}
    for partner in draw(st.lists(partners, max_size=places)):
        if partner in quotas and held.get(partner, 0) >= quotas[partner]:
            continue
        held[partner] = held.get(partner, 0) + 1
    waiting = draw(st.lists(partners, max_size=10))
    released = draw(st.booleans())
    return Standing(places, held, quotas, released), list(enumerate(waiting))


@given(situations())
def test_the_waiting_list_moves_up_in_order_and_never_over_the_places(situation):
    standing, waiting = situation
    before = Standing(standing.places, dict(standing.held), dict(standing.quotas), standing.released)

    promoted = fill(standing, waiting)

    assert standing.taken <= standing.places
    assert promoted == sorted(promoted)  # in the list's order
    assert standing.taken == before.taken + len(promoted)
    # Replayed one by one, each person passed over could not have taken a place then.
    replay = before
    for place, partner in waiting:
        if place in promoted:
            assert replay.free_for(partner) > 0
            replay.take(partner)
        else:
            assert replay.free_for(partner) == 0 or replay.left == 0
    if not standing.released:
        assert all(standing.held.get(p, 0) <= q for p, q in standing.quotas.items())


# --- through the services ------------------------------------------------------------------


@pytest.mark.django_db
def test_a_booking_while_others_wait_joins_the_end_of_the_list(world, course, person):
    for _ in range(2):
        services.place_book(actor=person(world.core_partner), course=course)
    waiting = [services.place_book(actor=person(world.observer_partner), course=course) for _ in range(3)]

    newcomer = services.place_book(actor=world.users["partner_member"], course=course)

    assert newcomer.status == "waiting"
    order = list(
        Place.objects.filter(status="waiting").order_by("created_at", "pk").values_list("pk", flat=True)
    )
    assert order == [*(p.pk for p in waiting), newcomer.pk]


@pytest.mark.django_db
def test_freed_places_go_in_the_order_people_joined_the_list(world, course, person):
    booked = [services.place_book(actor=person(world.core_partner), course=course) for _ in range(2)]
    waiting = [services.place_book(actor=person(world.observer_partner), course=course) for _ in range(3)]

    for place in booked:
        services.place_cancel(actor=place.user, place=place)

    statuses = dict(Place.objects.values_list("pk", "status"))
    assert [statuses[p.pk] for p in waiting] == ["booked", "booked", "waiting"]


@pytest.mark.django_db
def test_leaving_the_waiting_list_frees_no_place_and_keeps_the_others_order(world, course, person):
    for _ in range(2):
        services.place_book(actor=person(world.core_partner), course=course)
    waiting = [services.place_book(actor=person(world.observer_partner), course=course) for _ in range(3)]

    services.place_cancel(actor=waiting[0].user, place=waiting[0])

    statuses = dict(Place.objects.values_list("pk", "status"))
    assert [statuses[p.pk] for p in waiting] == ["cancelled", "waiting", "waiting"]


@pytest.mark.django_db
def test_asking_again_from_the_waiting_list_does_not_jump_it(world, course, person):
    for _ in range(2):
        services.place_book(actor=person(world.core_partner), course=course)
    services.place_book(actor=world.users["observer"], course=course)
    before = snapshot()

    from consortia.core.errors import Conflict

    with pytest.raises(Conflict, match="already on this course's waiting list"):
        services.place_book(actor=world.users["observer"], course=course)

    assert snapshot() == before
