"""`consortia worker`: runs background tasks, and enqueues the recurring ones.

It is django-tasks-db's `db_worker` (same options) plus the scheduler of
core/scheduler.py in a thread beside it, so one process (and one Ctrl-C) covers
both. `--no-scheduler` runs tasks only, for extra workers beside one that schedules
(scheduling from several is safe too: each firing is claimed once).
"""

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from consortia.core.scheduler import scheduler_build


class Command(DbWorkerCommand):
    help = "Run background tasks, and enqueue the recurring ones on their schedule."

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--no-scheduler",
            action="store_false",
            dest="scheduler",
            help="Run tasks only; do not enqueue the recurring jobs.",
        )
        # Code reloading would start a second process (and a second scheduler); the
        # worker reloads when it is restarted, like the web server.
        parser.set_defaults(reload=False)

    # django-tasks-db types **options as dict, so an option of our own cannot be named.
    def handle(self, *args, scheduler: bool = True, **options) -> None:  # type: ignore[override]
        jobs = scheduler_build() if scheduler else None
        if jobs is not None:
            jobs.start()
            for job in jobs.get_jobs():
                self.stdout.write(f"Scheduled {job.name!r}: next at {job.next_run_time:%Y-%m-%d %H:%M %Z}")
        try:
            super().handle(*args, **options)
        finally:
            if jobs is not None:
                jobs.shutdown(wait=False)
