"""Recurring jobs: `consortia worker` enqueues each task of settings.SCHEDULED_TASKS
when its cron expression says, and runs it like any other task.

APScheduler keeps the time (a well-kept library; django-crontask, made for Django's
task framework, wraps it too but needs Python 3.12). Several workers may run at
once, one per machine: each firing is claimed once in the shared cache
(`cache.add` succeeds for one caller only), so a job is enqueued once per firing
however many workers there are. The jobs are written to be safe to run twice
anyway, should the cache be cleared at the wrong moment.
"""

import logging
from datetime import UTC, datetime

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.text import slugify

logger = logging.getLogger(__name__)

# Long enough that no worker's clock is still in the same minute when it expires.
CLAIM_SECONDS = 6 * 60 * 60


def fire(name: str, task_path: str, when: datetime | None = None) -> bool:
    """Enqueue job `name` for the firing at `when` (the current minute), unless
    another worker already did: True when this call enqueued it."""
    minute = (when or timezone.now()).astimezone(UTC).strftime("%Y%m%dT%H%M")
    key = f"consortia:schedule:{slugify(name)}:{minute}"
    if not cache.add(key, True, timeout=CLAIM_SECONDS):
        return False
    result = import_string(task_path).enqueue()
    logger.info("scheduled task enqueued", extra={"job": name, "task_result": str(result.id)})
    return True


def scheduler_build() -> BackgroundScheduler:
    """A scheduler with one cron job per entry of settings.SCHEDULED_TASKS, not started."""
    scheduler = BackgroundScheduler(timezone=settings.TIME_ZONE)
    for name, job in settings.SCHEDULED_TASKS.items():
        import_string(job["task"])  # a typo fails at start, not at the first firing
        scheduler.add_job(
            fire,
            CronTrigger.from_crontab(job["cron"], timezone=settings.TIME_ZONE),
            args=[name, job["task"]],
            id=name,
            name=name,
            coalesce=True,  # after a pause, one catch-up run, not one per missed firing
            misfire_grace_time=5 * 60,
        )
    return scheduler
