"""How the database keeps ledger entries append-only, and the one way to empty it.

Migration 0002 adds triggers on both databases: UPDATE of any column but
`created_by_id` (set to NULL when its user is deleted: Django's SET_NULL) and
`updated_at` is refused, and so is DELETE, unless the connection has switched on the
*ledger purge* flag. Only `ledger_purge()` switches it on, and only the `flush`
command (contributions/management/commands/flush.py: `manage.py flush`, and the
emptying of the database after each transactional test) uses it: it empties every
table of the whole site, so nothing in the ledger is left inconsistent.

- PostgreSQL: the flag is the transaction-local setting `consortia.ledger_purge`
  (`set_config(..., true)`); flush uses TRUNCATE there, which fires no row trigger,
  so the flag is belt and braces.
- SQLite has no session settings: each connection Django opens gets a SQL function
  `consortia_ledger_purge()` answering this thread's flag. A connection that lacks
  the function (the sqlite3 shell) fails the trigger's WHEN clause, so its DELETE is
  refused too.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connections
from django.db.backends.signals import connection_created

_state = threading.local()
PG_SETTING = "consortia.ledger_purge"


def _purging() -> int:
    return 1 if getattr(_state, "purging", False) else 0


def _register(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("consortia_ledger_purge", 0, _purging)


def connect() -> None:
    """Give every SQLite connection the purge flag's function (AppConfig.ready)."""
    connection_created.connect(_register, dispatch_uid="contributions_ledger_purge")


@contextmanager
def ledger_purge(using: str = "default") -> Iterator[None]:
    """Allow deleting ledger rows on `using` for the block: only to empty the whole
    database (the flush command). Never call it from application code."""
    connection = connections[using]
    _state.purging = True
    try:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Session-wide (false): flush runs its own transaction after this.
                cursor.execute("SELECT set_config(%s, 'on', false)", [PG_SETTING])
        yield
    finally:
        _state.purging = False
        if connection.vendor == "postgresql" and connection.connection is not None:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config(%s, 'off', false)", [PG_SETTING])
