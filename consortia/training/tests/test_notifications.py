"""Who training tells (consortia/training/notifications.py): a new course tells the
partners' representatives, as activity; a person given a place from the waiting list
is told, as theirs, whatever moved the list (a cancellation, the release job); a
cancelled course tells everyone who held a place or was waiting. Nobody is told of
their own act."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consortia.core.factories import CourseFactory
from consortia.notifications.models import Notification
from consortia.training import services
from consortia.training.models import Course

pytestmark = pytest.mark.usefixtures("notifications_on")


def told(world) -> dict[str, str]:
    by_pk = {user.pk: name for name, user in world.users.items()}
    return {by_pk.get(n.recipient_id, n.recipient_id): n.reason for n in Notification.objects.order_by("id")}


def test_a_new_course_tells_the_other_partners_representatives(world, django_capture_on_commit_callbacks):
    start = timezone.now() + timedelta(days=5)
    with django_capture_on_commit_callbacks(execute=True):
        course = services.course_create(
            actor=world.users["convener_admin"],
            partnership=world.partnership,
            partner=world.convener_partner,
            title="Benefits advice basics",
            online=True,
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            places=10,
        )

    # The core partner's representative; the observer names none, so nobody with an admin's role there.
    assert told(world) == {"partner_admin": "activity"}
    assert Notification.objects.get().url == f"/partnerships/{world.partnership.uuid}/training/{course.uuid}/"


def test_the_person_given_a_freed_place_is_told(world, django_capture_on_commit_callbacks):
    course = CourseFactory(partnership=world.partnership, partner=world.convener_partner, places=1)
    place = services.place_book(actor=world.users["partner_admin"], course=course)
    services.place_book(actor=world.users["partner_member"], course=course)

    with django_capture_on_commit_callbacks(execute=True):
        services.place_cancel(actor=world.users["partner_admin"], place=place)

    assert told(world) == {"partner_member": "yours"}


def test_the_release_job_tells_those_it_gives_a_place(world, django_capture_on_commit_callbacks):
    course = CourseFactory(
        partnership=world.partnership,
        partner=world.convener_partner,
        places=1,
        release_at=timezone.now() + timedelta(days=1),
    )
    course.quotas.create(partner=world.core_partner, places=1)
    services.place_book(actor=world.users["observer"], course=course)
    Course.objects.filter(pk=course.pk).update(release_at=timezone.now() - timedelta(minutes=5))

    with django_capture_on_commit_callbacks(execute=True):
        assert services.course_places_release.call() == 1

    assert told(world) == {"observer": "yours"}


def test_a_cancelled_course_tells_everyone_with_a_place_or_waiting(world, django_capture_on_commit_callbacks):
    course = CourseFactory(partnership=world.partnership, partner=world.convener_partner, places=1)
    services.place_book(actor=world.users["partner_member"], course=course)
    services.place_book(actor=world.users["observer"], course=course)

    with django_capture_on_commit_callbacks(execute=True):
        services.course_cancel(actor=world.users["convener_admin"], course=course)

    assert told(world) == {"partner_member": "yours", "observer": "yours"}
