"""The radar's rows for the access table (consortia/core/tests/test_access.py): the
radar page and its one button, GET and POST, for every persona. Nothing to add to the
scene: the meetings' scene has the partnership's next meeting, which the convener's
admin may change.

Who may do what: everyone who sees the partnership sees its radar (observers,
participants and site admins too). A remedy goes on the next meeting's agenda by
those who may change that meeting (meetings/rules.py: here the convener's admin);
everyone else gets a 404. With the contract selectors' stubs (and, after the merge,
with no health check, signals or measurements in the scene) no cause is raised, so
the convener's click is refused with a 409 and nothing is written; a bad remedy is
a 400. The click that succeeds is proved in radar/tests/test_remedy_add.py, with the
radar's inputs set by a fixture.
"""

from types import SimpleNamespace

from consortia.core.access_table import GET, LOGIN, POST, SIGN_IN_THEN_NOT_ALLOWED, Row

P = "partnership"
READ = (LOGIN, 404, 200, 200, 200, 200, 200, 200)
NOT_RAISED = (LOGIN, 404, 404, 404, 404, 409, 404, 404)
BAD_REMEDY = (LOGIN, 404, 404, 404, 404, 400, 404, 404)

# fmt: off
ROWS = [
    #                                                  anon   outsider observer member p.admin c.admin particip. site admin
    Row("radar:radar", GET,                            READ, args=(P,)),
    Row("radar:radar", POST,                           SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),
    Row("radar:remedy_add", GET,                       SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),
    Row("radar:remedy_add", POST,                      NOT_RAISED, args=(P,),
        data=lambda s: {"remedy": "modest_aim", "cause": "trust"}),
    Row("radar:remedy_add", POST,                      BAD_REMEDY, args=(P,),
        data=lambda s: {"remedy": "no_such_remedy", "cause": "trust"}, label="unknown remedy"),
]
# fmt: on

ALLOWED_CHANGES: set[tuple[str, str]] = set()


def scene(world, s: SimpleNamespace) -> None:
    """Nothing of the radar's own: it reads the other apps' scenes."""
