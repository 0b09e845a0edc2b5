from django.core.management.base import BaseCommand

from consortia.decisions.services import poll_close_due


class Command(BaseCommand):
    help = "Close every poll whose closing time has passed (enqueues the poll_close_due task)."

    def handle(self, *args, **options):
        result = poll_close_due.enqueue()
        self.stdout.write(f"Queued the task that closes due polls ({result.id}).")
