"""Offering, changing and cancelling courses; booking and cancelling places; the
bad input each service refuses with a message, writing nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from consortia.core.errors import Conflict, ServiceError
from consortia.core.factories import CourseFactory, PartnerFactory
from consortia.core.models import Event
from consortia.core.testing import snapshot
from consortia.training import services
from consortia.training.models import Course, Place

pytestmark = pytest.mark.django_db


def offer(world, **overrides):
    start = timezone.now() + timedelta(days=10)
    kwargs = {
        "actor": world.users["convener_admin"],
        "partnership": world.partnership,
        "partner": world.convener_partner,
        "title": "Mental health first aid",
        "starts_at": start,
        "ends_at": start + timedelta(hours=6),
        "places": 12,
        "location": "Northshire Carers Centre",
    } | overrides
    return services.course_create(**kwargs)


def test_it_offers_a_course_with_quotas_and_writes_one_event(world):
    course = offer(world, quotas={world.core_partner: 4}, release_at=timezone.now() + timedelta(days=5))

    assert course.quotas.get().places == 4
    event = Event.objects.get(verb="training.course_offered")
    assert event.organisation == world.convener_org
    assert event.payload["partner"] == world.convener_partner.pk


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": "  "}, "title"),
        ({"places": 0}, "places"),
        ({"places": -3}, "places"),
        ({"starts_at": timezone.now() - timedelta(hours=1)}, "starts_at"),
        ({"ends_at": timezone.now() + timedelta(days=9)}, "ends_at"),
        ({"location": "", "online": False}, "location"),
        ({"release_at": timezone.now() + timedelta(days=11)}, "release_at"),
        ({"open_to_all": False, "allowed_partners": []}, "allowed_partners"),
        ({"quotas": "over the places"}, "quotas"),
    ],
    ids=[
        "no title",
        "no places",
        "negative places",
        "past",
        "ends before start",
        "nowhere",
        "release after start",
        "nobody allowed",
        "quotas over places",
    ],
)
def test_it_refuses_a_wrong_course_and_writes_nothing(world, change, field):
    if change.get("quotas") == "over the places":
        change = {"quotas": {world.core_partner: 8, world.convener_partner: 5}}
    before = snapshot()

    with pytest.raises(ServiceError) as refused:
        offer(world, **change)

    assert refused.value.field == field
    assert snapshot() == before


def test_it_lets_only_those_who_speak_for_a_contributing_partner_offer_courses(world):
    with pytest.raises(PermissionDenied):
        offer(world, actor=world.users["partner_member"], partner=world.core_partner)
    with pytest.raises(PermissionDenied):
        offer(world, actor=world.users["observer"], partner=world.observer_partner)
    with pytest.raises(ServiceError):  # the core partner's admin, for the convener
        offer(world, actor=world.users["partner_admin"])
    assert (
        offer(world, actor=world.users["partner_admin"], partner=world.core_partner).partner
        == world.core_partner
    )


def test_it_books_a_place_then_puts_the_next_person_on_the_waiting_list(world, course, person):
    first = services.place_book(actor=world.users["partner_member"], course=course)
    second = services.place_book(actor=world.users["partner_admin"], course=course)
    third = services.place_book(actor=world.users["observer"], course=course)

    assert [first.status, second.status, third.status] == ["booked", "booked", "waiting"]
    assert first.partner == world.core_partner and third.partner == world.observer_partner
    verbs = list(
        Event.objects.filter(verb__startswith="training.place").order_by("pk").values_list("verb", flat=True)
    )
    assert verbs == ["training.place_booked", "training.place_booked", "training.place_waitlisted"]


@pytest.mark.parametrize("again_as", ["booked", "waiting"])
def test_it_refuses_booking_twice(world, course, again_as):
    if again_as == "waiting":
        course.places = 1
        course.save()
        services.place_book(actor=world.users["partner_admin"], course=course)
    services.place_book(actor=world.users["partner_member"], course=course)
    before = snapshot()

    with pytest.raises(Conflict, match="already"):
        services.place_book(actor=world.users["partner_member"], course=course)

    assert snapshot() == before


def test_it_refuses_booking_a_cancelled_or_started_course(world, course):
    started = CourseFactory(
        partnership=world.partnership,
        partner=world.convener_partner,
        starts_at=timezone.now() - timedelta(hours=1),
    )
    services.course_cancel(actor=world.users["convener_admin"], course=course)
    before = snapshot()

    with pytest.raises(Conflict, match="cancelled"):
        services.place_book(actor=world.users["partner_member"], course=course)
    with pytest.raises(Conflict, match="booking has closed"):
        services.place_book(actor=world.users["partner_member"], course=started)

    assert snapshot() == before


def test_it_refuses_a_partner_the_course_does_not_admit(world, course):
    course.open_to_all = False
    course.save()
    course.allowed_partners.set([world.core_partner])
    before = snapshot()

    with pytest.raises(ServiceError, match="open only to the partners it names") as refused:
        services.place_book(actor=world.users["observer"], course=course)

    assert refused.value.status_code == 400
    assert snapshot() == before
    assert services.place_book(actor=world.users["partner_member"], course=course).status == "booked"


def test_it_does_not_let_an_individual_participant_book(world, course):
    with pytest.raises(PermissionDenied):
        services.place_book(actor=world.users["participant"], course=course)


def test_a_freed_place_goes_to_the_first_waiting_person_in_the_same_transaction(world, course, person):
    booked = [services.place_book(actor=person(world.core_partner), course=course) for _ in range(2)]
    waiting = [services.place_book(actor=person(world.observer_partner), course=course) for _ in range(2)]

    services.place_cancel(actor=booked[0].user, place=booked[0])

    statuses = dict(Place.objects.values_list("pk", "status"))
    assert statuses[booked[0].pk] == "cancelled"
    assert statuses[waiting[0].pk] == "booked"
    assert statuses[waiting[1].pk] == "waiting"
    event = Event.objects.get(verb="training.place_cancelled")
    assert event.payload["promoted"] == [waiting[0].user_id]


def test_the_organisers_may_cancel_anyones_place_but_others_may_not(world, course):
    place = services.place_book(actor=world.users["partner_member"], course=course)

    with pytest.raises(PermissionDenied):
        services.place_cancel(actor=world.users["partner_admin"], place=place)
    services.place_cancel(actor=world.users["convener_admin"], place=place)

    place.refresh_from_db()
    assert place.status == "cancelled"
    with pytest.raises(Conflict, match="already cancelled"):
        services.place_cancel(actor=world.users["partner_member"], place=place)


def test_it_refuses_fewer_places_than_are_booked(world, course, person):
    for _ in range(2):
        services.place_book(actor=person(world.core_partner), course=course)
    before = snapshot()

    with pytest.raises(Conflict, match="2 places are already booked"):
        services.course_update(
            actor=world.users["convener_admin"],
            course=course,
            title=course.title,
            location=course.location,
            starts_at=course.starts_at,
            ends_at=course.ends_at,
            places=1,
        )

    assert snapshot() == before


def test_more_places_move_the_waiting_list_up(world, course, person):
    for _ in range(2):
        services.place_book(actor=person(world.core_partner), course=course)
    waiting = services.place_book(actor=person(world.observer_partner), course=course)

    services.course_update(
        actor=world.users["convener_admin"],
        course=course,
        title="Safeguarding adults",
        location=course.location,
        starts_at=course.starts_at,
        ends_at=course.ends_at,
        places=3,
    )

    waiting.refresh_from_db()
    assert waiting.status == "booked"
    assert Event.objects.get(verb="training.course_changed").payload["promoted"] == [waiting.user_id]


def test_cancelling_a_course_cancels_every_place_and_names_the_holders(world, course, person):
    holders = [services.place_book(actor=person(world.core_partner), course=course).user_id for _ in range(3)]

    services.course_cancel(actor=world.users["convener_admin"], course=course)

    assert Course.objects.get(pk=course.pk).status == "cancelled"
    assert set(Place.objects.values_list("status", flat=True)) == {"cancelled"}
    assert sorted(Event.objects.get(verb="training.course_cancelled").payload["holders"]) == sorted(holders)
    with pytest.raises(Conflict):
        services.course_cancel(actor=world.users["convener_admin"], course=course)


def test_a_course_of_a_partner_that_left_is_refused_for_a_closed_partnership(world, course):
    world.partnership.status = "closed"
    world.partnership.save()

    with pytest.raises(Conflict, match="has closed"):
        services.place_book(actor=world.users["partner_member"], course=course)


def test_a_person_of_two_partners_books_for_the_one_the_course_admits(world, course):
    other = PartnerFactory(partnership=world.partnership, role="associate")
    user = world.users["partner_member"]
    from consortia.core.factories import MembershipFactory

    MembershipFactory(organisation=other.organisation, user=user)
    course.open_to_all = False
    course.save()
    course.allowed_partners.set([other])

    assert services.place_book(actor=user, course=course).partner == other
