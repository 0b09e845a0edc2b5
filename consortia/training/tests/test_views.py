"""The training pages as people use them: offering a course with a quota, what a
course's page tells each person (places left, quotas, my place or my position on the
waiting list, the right button), refusals shown with their message and status,
attendance recorded from the form, and hostile text shown inert."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.core.factories import CourseFactory, PlaceFactory, QuotaFactory
from consortia.core.testing import IMG, SCRIPT, assert_inert, inline_error, problem_message, text
from consortia.training import services
from consortia.training.models import Course, Place

pytestmark = pytest.mark.django_db


def detail(course):
    return reverse("training:detail", args=[course.partnership.uuid, course.uuid])


def test_an_admin_offers_a_course_with_a_quota_from_the_form(world, client_for):
    start = timezone.localtime() + timedelta(days=30)
    response = client_for("partner_admin").post(
        reverse("training:create", args=[world.partnership.uuid]),
        {
            "partner": str(world.core_org.uuid),
            "title": "Carers' rights",
            "location": "Town library",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "places": "6",
            "who": "named",
            "allowed_partners": [str(world.core_partner.uuid), str(world.observer_partner.uuid)],
            f"quota_{world.observer_partner.uuid}": "2",
            "release_at": (start - timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
        },
    )

    course = Course.objects.get()
    assert response.status_code == 302 and response["Location"] == detail(course)
    assert course.partner == world.core_partner and not course.open_to_all
    assert set(course.allowed_partners.all()) == {world.core_partner, world.observer_partner}
    assert course.quotas.get().partner == world.observer_partner
    assert timezone.localtime(course.starts_at).strftime("%Y-%m-%dT%H:%M") == start.strftime("%Y-%m-%dT%H:%M")


def test_a_wrong_course_is_shown_back_with_the_message_on_its_field(world, client_for):
    start = timezone.localtime() + timedelta(days=3)
    response = client_for("convener_admin").post(
        reverse("training:create", args=[world.partnership.uuid]),
        {
            "partner": str(world.convener_org.uuid),
            "title": "First aid",
            "location": "Hall",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "places": "6",
            "who": "all",
        },
    )

    assert response.status_code == 400
    assert "The course must end after it starts" in inline_error(response, "ends_at")
    assert not Course.objects.exists()


def test_the_page_shows_places_left_quotas_and_the_book_button(world, client_for):
    course = CourseFactory(partnership=world.partnership, partner=world.convener_partner, places=5)
    QuotaFactory(course=course, partner=world.core_partner, places=2)
    PlaceFactory(course=course, partner=world.core_partner)

    page = text(client_for("observer").get(detail(course)))

    assert "4 of 5 left" in page
    assert "Places kept for partners until the release" in page and "Core Org" in page
    assert "Book a place" in page


def test_the_page_tells_a_waiting_person_their_position(world, client_for):
    course = CourseFactory(partnership=world.partnership, partner=world.convener_partner, places=1)
    services.place_book(actor=world.users["partner_admin"], course=course)
    services.place_book(actor=world.users["observer"], course=course)
    services.place_book(actor=world.users["partner_member"], course=course)

    page = text(client_for("partner_member").get(detail(course)))

    assert "You are number 2 on the waiting list" in page
    assert "Leave the waiting list" in page
    assert "Join the waiting list" in text(client_for("convener_admin").get(detail(course)))


def test_booking_from_the_page_and_the_refusals_it_shows(world, client_for):
    course = CourseFactory(partnership=world.partnership, partner=world.convener_partner, places=1)
    client = client_for("partner_member")
    book = reverse("training:book", args=[world.partnership.uuid, course.uuid])

    assert client.post(book).status_code == 302
    again = client.post(book)

    assert again.status_code == 409
    assert problem_message(again) == "You already have a place on this course."
    assert Place.objects.count() == 1


def test_the_organiser_records_attendance_from_the_form(world, client_for):
    start = timezone.now() - timedelta(hours=4)
    course = CourseFactory(
        partnership=world.partnership,
        partner=world.convener_partner,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
    )
    came, missed = (PlaceFactory(course=course, partner=world.core_partner) for _ in range(2))
    url = reverse("training:attendance", args=[world.partnership.uuid, course.uuid])
    client = client_for("convener_admin")

    assert came.user.name in text(client.get(url))
    response = client.post(url, {f"place_{came.uuid}": "attended", f"place_{missed.uuid}": "absent"})

    assert response.status_code == 302
    assert dict(Place.objects.values_list("pk", "status")) == {came.pk: "attended", missed.pk: "absent"}
    assert "Record attendance" in text(client.get(detail(course)))


def test_hostile_text_in_a_course_is_shown_inert(world, client_for):
    course = CourseFactory(
        partnership=world.partnership,
        partner=world.convener_partner,
        title=f"Safety {SCRIPT}",
        description=f"Bring {IMG} and a pen",
        location=SCRIPT,
    )

    assert_inert(client_for("partner_member").get(detail(course)).content.decode(), "course page")
    assert_inert(
        client_for("partner_member")
        .get(reverse("training:list", args=[world.partnership.uuid]))
        .content.decode(),
        "course list",
    )


def test_the_partnership_page_links_to_training(world, client_for):
    page = client_for("observer").get(reverse("partnerships:detail", args=[world.partnership.uuid]))

    assert f'href="/partnerships/{world.partnership.uuid}/training/"' in page.content.decode()
