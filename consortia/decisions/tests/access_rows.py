"""The decisions' rows for the access table (consortia/core/tests/test_access.py):
every decisions URL, GET and POST, for every persona, and `scene(world, s)`, which
adds the polls the rows name and puts their ids on `s`.

Who may do what (consortia/decisions/rules.py): everyone who sees the partnership reads
polls and the decision log (site admins too); members of the convener and core
partners open polls; the poll's electorate votes (here: all partners and individual
participants, one vote per person, so observers do not); whoever opened a poll
(here the convener's admin) closes it and writes the outcome. All else is a 404.
"""

from datetime import timedelta
from types import SimpleNamespace

from django.utils import timezone

from consortia.core.access_table import GET, LOGIN, OK, POST, Row
from consortia.core.factories import PartnershipFactory, PollFactory

P = "partnership"
SIGN_IN_THEN_NOT_ALLOWED = (LOGIN,) + (405,) * 7
READ = (LOGIN, 404, 200, 200, 200, 200, 200, 200)
OPEN_PAGE = (LOGIN, 404, 404, 200, 200, 200, 404, 404)
OPENED = (LOGIN, 404, 404, OK, OK, OK, 404, 404)
OPEN_REFUSED = (LOGIN, 404, 404, 400, 400, 400, 404, 404)
VOTED = (LOGIN, 404, 404, OK, OK, OK, OK, 404)
VOTE_REFUSED = (LOGIN, 404, 404, 400, 400, 400, 400, 404)
VOTE_TOO_LATE = (LOGIN, 404, 404, 409, 409, 409, 409, 404)
NOT_FOUND = (LOGIN, 404, 404, 404, 404, 404, 404, 404)
MANAGE_PAGE = (LOGIN, 404, 404, 404, 404, 200, 404, 404)
MANAGED = (LOGIN, 404, 404, 404, 404, OK, 404, 404)
MANAGE_CONFLICT = (LOGIN, 404, 404, 404, 404, 409, 404, 404)


def poll(s, **overrides):
    closes = timezone.localtime(timezone.now() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    return {
        "title": "Move the drop-in to Thursdays",
        "details": "",
        "kind": "consent",
        "options": "",
        "electorate": "partners",
        "basis": "organisation",
        "quorum_by": "organisations",
        "quorum_percent": "",
        "closes_at": closes,
        **overrides,
    }


# fmt: off
ROWS = [
    #                                                  anon   outsider observer member p.admin c.admin particip. site admin
    Row("decisions:list", GET,                         READ, args=(P,)),
    Row("decisions:list", POST,                        SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),
    Row("decisions:detail", GET,                       READ, args=(P, "poll")),
    Row("decisions:detail", GET,                       READ, args=(P, "closed_poll"), label="closed"),
    Row("decisions:detail", GET,                       NOT_FOUND, args=(P, "other_poll"),
        label="another partnership's poll"),
    Row("decisions:detail", POST,                      SIGN_IN_THEN_NOT_ALLOWED, args=(P, "poll")),

    # --- opening: the convener's and core partners' members ----------------------------------------
    Row("decisions:create", GET,                       OPEN_PAGE, args=(P,)),
    Row("decisions:create", POST,                      OPENED, args=(P,), data=poll, done="poll.opened"),
    Row("decisions:create", POST,                      OPEN_REFUSED, args=(P,),
        data=lambda s: poll(s, kind="poll", options="Only one"), label="one option"),
    Row("decisions:create", POST,                      OPEN_REFUSED, args=(P,),
        data=lambda s: poll(s, closes_at="2001-01-01T10:00"), label="closing in the past"),

    # --- voting: the poll's electorate ---------------------------------------------------------------
    Row("decisions:vote", GET,                         SIGN_IN_THEN_NOT_ALLOWED, args=(P, "poll")),
    Row("decisions:vote", POST,                        VOTED, args=(P, "poll"),
        data=lambda s: {"choice": "agree", "reason": ""}, done="vote.cast"),
    Row("decisions:vote", POST,                        VOTE_REFUSED, args=(P, "poll"),
        data=lambda s: {"choice": "maybe"}, label="unknown option"),
    Row("decisions:vote", POST,                        VOTE_TOO_LATE, args=(P, "closed_poll"),
        data=lambda s: {"choice": "agree"}, label="after close"),
    Row("decisions:vote", POST,                        NOT_FOUND, args=(P, "other_poll"),
        data=lambda s: {"choice": "agree"}, label="another partnership's poll"),

    # --- closing and the outcome: whoever opened the poll --------------------------------------------
    Row("decisions:close", GET,                        SIGN_IN_THEN_NOT_ALLOWED, args=(P, "poll")),
    Row("decisions:close", POST,                       MANAGED, args=(P, "poll"), done="poll.closed"),
    Row("decisions:close", POST,                       MANAGE_CONFLICT, args=(P, "closed_poll"), label="already closed"),
    Row("decisions:outcome", GET,                      MANAGE_PAGE, args=(P, "closed_poll")),
    Row("decisions:outcome", POST,                     MANAGED, args=(P, "closed_poll"),
        data=lambda s: {"outcome": "Agreed: Thursdays from June."}, done="poll.outcome_written"),
    Row("decisions:outcome", POST,                     MANAGE_CONFLICT, args=(P, "poll"),
        data=lambda s: {"outcome": "Agreed."}, label="still open"),
]
# fmt: on

# A plain member of a core partner opens polls (decisions.open_poll_in_partnership is not for admins
# only); plain members and individual participants vote. Observers change nothing.
ALLOWED_CHANGES = {
    ("partner_member", "decisions:create"),
    ("partner_member", "decisions:vote"),
    ("participant", "decisions:vote"),
}


def scene(world, s: SimpleNamespace) -> None:
    """An open proposal and a closed one, both opened by the convener's admin for
    all partners and individual participants, and another partnership's poll."""
    opener = world.users["convener_admin"]
    open_poll = PollFactory(partnership=world.partnership, created_by=opener, electorate="everyone")
    closed_poll = PollFactory(
        partnership=world.partnership,
        created_by=opener,
        electorate="everyone",
        status="closed",
        closed_at=timezone.now(),
    )
    other_poll = PollFactory(partnership=PartnershipFactory(), electorate="everyone")
    s.poll = str(open_poll.uuid)
    s.closed_poll = str(closed_poll.uuid)
    s.other_poll = str(other_poll.uuid)
