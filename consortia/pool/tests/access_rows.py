"""The resource pool's rows for the access table (consortia/core/tests/test_access.py).

The fair-shares page is read by everyone who sees the partnership (observers,
participants and site admins too, as the ledger and the fund are); it is read-only,
so a POST is refused. All else is a 404.
"""

from consortia.core.access_table import GET, LOGIN, POST, SIGN_IN_THEN_NOT_ALLOWED, Row

P = "partnership"
READ = (LOGIN, 404, 200, 200, 200, 200, 200, 200)

# fmt: off
ROWS = [
    #                                                  anon   outsider observer member p.admin c.admin particip. site admin
    Row("pool:shares", GET,                            READ, args=(P,)),
    Row("pool:shares", POST,                           SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),
]
# fmt: on

ALLOWED_CHANGES: set[tuple[str, str]] = set()


def scene(world, s) -> None:
    """The fair-shares page needs nothing of its own."""
