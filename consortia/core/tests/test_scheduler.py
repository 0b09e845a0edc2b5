"""Recurring jobs (core/scheduler.py): one cron job per SCHEDULED_TASKS entry, and
each firing enqueued once however many workers schedule it."""

from datetime import datetime, timedelta

import pytest
from django.core.cache import cache
from django_tasks_db.models import DBTaskResult

from consortia.core.scheduler import fire, scheduler_build

CLOSE_DUE = "consortia.decisions.services.poll_close_due"


@pytest.fixture
def database_tasks(settings, db):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    cache.clear()
    yield
    cache.clear()


def test_the_worker_schedules_closing_due_polls_every_five_minutes(settings):
    jobs = {job.id: job for job in scheduler_build().get_jobs()}

    assert set(jobs) == set(settings.SCHEDULED_TASKS)
    trigger = jobs["close due polls"].trigger
    assert str(trigger.fields[trigger.FIELD_NAMES.index("minute")]) == "*/5"
    assert jobs["close due polls"].args == ("close due polls", CLOSE_DUE)


def test_a_job_whose_task_does_not_exist_fails_when_the_worker_starts(settings):
    settings.SCHEDULED_TASKS = {
        "typo": {"task": "consortia.decisions.services.no_such_task", "cron": "* * * * *"}
    }

    with pytest.raises(ImportError):
        scheduler_build()


def test_a_firing_is_enqueued_once_however_many_workers_fire_it(database_tasks, db):
    when = datetime(2026, 12, 1, 9, 5, 0).astimezone()

    first = fire("close due polls", CLOSE_DUE, when)
    second = fire("close due polls", CLOSE_DUE, when + timedelta(seconds=20))

    assert (first, second) == (True, False)
    assert DBTaskResult.objects.filter(task_path=CLOSE_DUE).count() == 1


def test_the_next_firing_is_enqueued_again(database_tasks, db):
    when = datetime(2026, 12, 1, 9, 5, 0).astimezone()

    assert fire("close due polls", CLOSE_DUE, when)
    assert fire("close due polls", CLOSE_DUE, when + timedelta(minutes=5))
    assert DBTaskResult.objects.filter(task_path=CLOSE_DUE).count() == 2
