"""The activity rows for the access table (consortia/core/tests/test_access.py).

The signals page and the network page are read by everyone who sees the partnership
(observers, participants and site admins too, as the fair-shares page is); both are
read-only, so a POST is refused. All else is a 404.
"""

from consortia.core.access_table import GET, LOGIN, POST, SIGN_IN_THEN_NOT_ALLOWED, Row

P = "partnership"
READ = (LOGIN, 404, 200, 200, 200, 200, 200, 200)

# fmt: off
ROWS = [
    #                                                  anon   outsider observer member p.admin c.admin particip. site admin
    Row("activity:signals", GET,                       READ, args=(P,)),
    Row("activity:signals", POST,                      SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),
    Row("activity:network", GET,                       READ, args=(P,)),
    Row("activity:network", POST,                      SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),
]
# fmt: on

ALLOWED_CHANGES: set[tuple[str, str]] = set()


def scene(world, s) -> None:
    """The activity pages need nothing of their own."""
