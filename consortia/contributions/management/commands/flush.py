"""`flush` empties every table, the ledger's included: the one thing allowed to delete
ledger entries (see consortia/contributions/immutability.py). The emptying of the
database after each transactional test calls this command too."""

from typing import Any

from django.core.management.commands.flush import Command as FlushCommand

from consortia.contributions.immutability import ledger_purge


class Command(FlushCommand):
    def handle(self, **options: Any) -> None:
        with ledger_purge(options["database"]):
            super().handle(**options)
