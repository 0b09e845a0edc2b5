"""Closing and reviewing a lesson, and the due-date reminders, proved with real threads
on real connections: two people closing one lesson at once get one close and one 409,
two marking it reviewed at once get one review and one 409 (the row locks in
services), and two runs of the reminder job at once send each reminder once."""

import pytest
from django.utils import timezone

from consortia.accounts.models import User
from consortia.core.factories import LessonFactory
from consortia.core.models import Event
from consortia.core.testing import one_success_one_conflict, run_at_once
from consortia.learning import services
from consortia.learning.models import Lesson

pytestmark = pytest.mark.django_db(transaction=True)


def acting(lesson_pk: int, user_pk: int, how: str):
    def prepare():
        lesson = Lesson.objects.select_related("partnership").get(pk=lesson_pk)
        user = User.objects.get(pk=user_pk)
        if how == "review":
            return lambda: services.lesson_mark_reviewed(actor=user, lesson=lesson)
        return lambda: services.lesson_status_set(actor=user, lesson=lesson, status=how, note="Settled.")

    return prepare


def test_only_one_of_two_simultaneous_closes_succeeds(world):
    owner = world.users["partner_member"]
    lesson = LessonFactory(partnership=world.partnership, owner=owner)

    results = run_at_once(
        acting(lesson.pk, owner.pk, "changed"), acting(lesson.pk, world.users["convener_admin"].pk, "dropped")
    )

    one_success_one_conflict(results)
    assert Event.objects.filter(verb="lesson.status_changed").count() == 1


def test_a_lesson_is_reviewed_once_when_two_mark_it_at_once(world):
    lesson = LessonFactory(partnership=world.partnership, owner=world.users["partner_member"])

    results = run_at_once(
        acting(lesson.pk, world.users["observer"].pk, "review"),
        acting(lesson.pk, world.users["participant"].pk, "review"),
    )

    one_success_one_conflict(results)
    assert Event.objects.filter(verb="lesson.reviewed").count() == 1


def test_two_runs_of_the_reminder_job_at_once_send_each_reminder_once(world):
    for _ in range(2):
        LessonFactory(
            partnership=world.partnership, owner=world.users["partner_member"], due=timezone.localdate()
        )

    def run():
        return lambda: services.lesson_reminders_send.call()

    results = run_at_once(run, run)

    assert sorted(results) == [0, 2], results
    assert Event.objects.filter(verb="lesson.due_today").count() == 2
