"""Closing an action and the reminder job, proved with real threads on real
connections: two people closing one action at once get one close and one 409 (the
row lock in services._close), and two runs of the reminder job at once send each
reminder once (the row locks in services._due)."""

import datetime

import pytest
from django.utils import timezone

from consortia.accounts.models import User
from consortia.actions import services
from consortia.actions.models import Action
from consortia.actions.services import action_reminders_send
from consortia.core.factories import ActionFactory
from consortia.core.models import Event
from consortia.core.testing import one_success_one_conflict, run_at_once

pytestmark = pytest.mark.django_db(transaction=True)


def closing(action_pk: int, user_pk: int, how: str):
    def prepare():
        action = Action.objects.select_related("partnership").get(pk=action_pk)
        user = User.objects.get(pk=user_pk)
        if how == "done":
            return lambda: services.action_done(user, action)
        return lambda: services.action_drop(user, action, "Someone else did it")

    return prepare


def test_only_one_of_two_simultaneous_closes_succeeds(world):
    owner = world.users["partner_member"]
    action = ActionFactory(partnership=world.partnership, owner_user=owner, created_by=owner)

    results = run_at_once(
        closing(action.pk, owner.pk, "done"), closing(action.pk, world.users["convener_admin"].pk, "drop")
    )

    one_success_one_conflict(results)
    assert Event.objects.filter(verb__in=["action.done", "action.dropped"]).count() == 1


def test_two_runs_of_the_reminder_job_at_once_send_each_reminder_once(world):
    ActionFactory(partnership=world.partnership, due=timezone.localdate() + datetime.timedelta(days=2))
    ActionFactory(partnership=world.partnership, due=timezone.localdate())

    def run():
        return lambda: action_reminders_send.call()

    results = run_at_once(run, run)

    assert sorted(results) == [0, 2], results
    assert Event.objects.filter(verb__startswith="action.due_").count() == 2
