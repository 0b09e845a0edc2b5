"""The search page's rows for the access table (consortia/core/tests/test_access.py).

Everyone signed in has the page (it searches only the partnerships they take part in,
so an outsider or a site admin finds nothing: test_views.py's table of personas shows
what each finds); it is read-only, so a POST is refused.
"""

from consortia.core.access_table import ALL_200, GET, LOGIN, POST, SIGN_IN_THEN_NOT_ALLOWED, Row

# fmt: off
ROWS = [
    #                                                  anon   outsider observer member p.admin c.admin particip. site admin
    Row("search:search", GET,                          (LOGIN, *ALL_200[1:])),
    Row("search:search", POST,                         SIGN_IN_THEN_NOT_ALLOWED),
]
# fmt: on

ALLOWED_CHANGES: set[tuple[str, str]] = set()


def scene(world, s) -> None:
    """The search page needs nothing of its own."""
