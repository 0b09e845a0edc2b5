"""The matching rows for the access table (consortia/core/tests/test_access.py): the
"Who could help" page of the canvas's needs, GET and POST, for every persona, and
`scene(world, s)`, which adds a need not covered and someone who could help.

Who may see it (consortia/matching/rules.py): the partnership's members only
(observers' and partners' people, participants); outsiders and site admins, who hold no
place in it, get a 404, as a POST does for everyone signed in (a page, not a button)."""

from types import SimpleNamespace

from consortia.core.access_table import GET, LOGIN, POST, SIGN_IN_THEN_NOT_ALLOWED, Row
from consortia.core.factories import NeedFactory, OfferFactory, PersonExpertiseFactory, TopicFactory

P = "partnership"
MEMBERS = (LOGIN, 404, 200, 200, 200, 200, 200, 404)

# fmt: off
ROWS = [
    #                                                  anon   outsider observer member p.admin c.admin particip. site admin
    Row("matching:needs", GET,                         MEMBERS, args=(P,)),
    Row("matching:needs", POST,                        SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),
]
# fmt: on

ALLOWED_CHANGES: set[tuple[str, str]] = set()  # a page of suggestions changes nothing


def scene(world, s: SimpleNamespace) -> None:
    """A need for transport with nothing pledged, a partner that offers it and a member
    whose expertise is transport."""
    NeedFactory(
        partnership=world.partnership, category="volunteer_time", description="Drivers for appointments"
    )
    OfferFactory(organisation=world.core_org, category="volunteer_time", description="Volunteer drivers")
    PersonExpertiseFactory(
        partnership=world.partnership,
        user=world.users["partner_member"],
        topic=TopicFactory(name="Transport"),
    )
