"""The daily reminders (consortia/actions/services.py): one event for each open action due
within two days and one on the day, each sent once, also when the job runs twice."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from consortia.actions import services
from consortia.actions.models import Action
from consortia.actions.services import action_reminders_send
from consortia.core.factories import ActionFactory
from consortia.core.models import Event

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _days(n):
    return TODAY() + datetime.timedelta(days=n)


def _reminders():
    return sorted((e.verb, e.object_repr) for e in Event.objects.filter(verb__startswith="action.due_"))


def test_it_is_scheduled_daily():
    assert {"task": "consortia.actions.services.action_reminders_send", "cron": "30 6 * * *"} in (
        settings.SCHEDULED_TASKS.values()
    )


def test_it_reminds_two_days_before_and_on_the_day(world):
    ActionFactory(partnership=world.partnership, title="In two days", due=_days(2))
    ActionFactory(partnership=world.partnership, title="Tomorrow", due=_days(1))
    ActionFactory(partnership=world.partnership, title="Today", due=_days(0))
    ActionFactory(partnership=world.partnership, title="In three days", due=_days(3))
    ActionFactory(partnership=world.partnership, title="Yesterday", due=_days(-1))
    ActionFactory(partnership=world.partnership, title="Undated", due=None)

    assert action_reminders_send.call() == 3

    assert _reminders() == [
        ("action.due_soon", "In two days"),
        ("action.due_soon", "Tomorrow"),
        ("action.due_today", "Today"),
    ]
    event = Event.objects.get(verb="action.due_today")
    assert event.actor is None and event.partnership == world.partnership
    assert event.payload["owner_user"] == Action.objects.get(title="Today").owner_user_id


def test_it_sends_each_reminder_once_when_the_job_runs_twice(world):
    ActionFactory(partnership=world.partnership, due=_days(2))
    ActionFactory(partnership=world.partnership, due=_days(0))

    first, second = action_reminders_send.call(), action_reminders_send.call()

    assert (first, second) == (2, 0)
    assert Event.objects.filter(verb__startswith="action.due_").count() == 2


def test_it_sends_the_day_reminder_after_the_one_before(world):
    action = ActionFactory(partnership=world.partnership, due=_days(0))
    Action.objects.filter(pk=action.pk).update(reminded_before_on=_days(0))

    action_reminders_send.call()

    assert [v for v, _ in _reminders()] == ["action.due_today"]


def test_a_new_due_date_is_reminded_again(world):
    member = world.users["partner_member"]
    action = services.action_create(
        member, world.partnership, title="Book the hall", owner_user=member, due=_days(1)
    )
    action_reminders_send.call()

    services.action_update(member, action, due=_days(2))
    action_reminders_send.call()

    assert [v for v, _ in _reminders()] == ["action.due_soon", "action.due_soon"]


def test_it_leaves_closed_actions_and_closed_partnerships_alone(world):
    ActionFactory(partnership=world.partnership, due=_days(0), status="done", closed_at=timezone.now())
    closed = ActionFactory(due=_days(0))
    closed.partnership.status = "closed"
    closed.partnership.save()

    assert action_reminders_send.call() == 0
    assert _reminders() == []
