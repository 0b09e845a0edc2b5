"""The health check's rows for the access table (consortia/core/tests/test_access.py):
every health URL, GET and POST, for every persona, and `scene(world, s)`, which adds
the rounds the rows name and puts their ids on `s`.

Who may do what (consortia/health/rules.py): everyone who sees the partnership sees
its rounds and, once closed, their results and CSV (observers, participants and site
admins too). The convener's admin opens and closes rounds. Every member of an active
partner and every individual participant answers, once (the core partner's plain
member has answered the open round already: a second answer is a 409); site admins
hold no place in the partnership, so they do not answer. Those who speak for a
partner (its admins and named representatives) rate the other partners for it: the
core partner's admin rates the convener for the core partner. All else is a 404.
"""

from types import SimpleNamespace

from django.utils import timezone

from consortia.core.access_table import GET, LOGIN, OK, POST, SIGN_IN_THEN_NOT_ALLOWED, Row
from consortia.core.factories import PartnershipFactory, RatingFactory, RoundFactory, health_response
from consortia.health.questions import QUESTIONS

P = "partnership"
R, CLOSED, OTHER = "health_round", "health_closed_round", "health_other_round"
CORE, CONVENER, OBSERVER = "core_partner", "convener_partner", "health_observer_partner"
READ = (LOGIN, 404, 200, 200, 200, 200, 200, 200)
NOT_FOUND = (LOGIN, 404, 404, 404, 404, 404, 404, 404)
CONVENE_PAGE = (LOGIN, 404, 404, 404, 404, 200, 404, 404)
CONVENE_DONE = (LOGIN, 404, 404, 404, 404, OK, 404, 404)
CONVENE_REFUSED = (LOGIN, 404, 404, 404, 404, 400, 404, 404)
CONVENE_CONFLICT = (LOGIN, 404, 404, 404, 404, 409, 404, 404)
# The plain member of the core partner has answered the open round already.
ANSWER_PAGE = (LOGIN, 404, 200, 409, 200, 200, 200, 404)
ANSWERED = (LOGIN, 404, OK, 409, OK, OK, OK, 404)
ANSWER_REFUSED = (LOGIN, 404, 400, 400, 400, 400, 400, 404)
ANSWER_CLOSED = (LOGIN, 404, 409, 409, 409, 409, 409, 404)
RATINGS_PAGE = (LOGIN, 404, 404, 404, 200, 200, 404, 404)
# Rating the convener for the core partner: only who speaks for the core partner.
RATE_PAGE = (LOGIN, 404, 404, 404, 200, 404, 404, 404)
RATED = (LOGIN, 404, 404, 404, OK, 404, 404, 404)
RATE_REFUSED = (LOGIN, 404, 404, 404, 400, 404, 404, 404)
RATE_CLOSED = (LOGIN, 404, 404, 404, 409, 404, 404, 404)
NOT_YET = (LOGIN, 404, 409, 409, 409, 409, 409, 409)


def answers(s, **overrides):
    return {q.key: "4" for q in QUESTIONS} | {"trust_1": "dk"} | overrides


def ratings(s, **overrides):
    values = {"reliable": "4", "mission": "3", "openness": "3", "influence": "2", "involvement": "4"}
    return values | {"resources": "1"} | overrides


# fmt: off
ROWS = [
    #                                                  anon   outsider observer member p.admin c.admin particip. site admin
    Row("health:rounds", GET,                          READ, args=(P,)),
    Row("health:rounds", POST,                         SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),

    # --- opening: the convener (one round at a time: the scene's is open) -------------------------
    Row("health:open", GET,                            CONVENE_PAGE, args=(P,)),
    Row("health:open", POST,                           CONVENE_CONFLICT, args=(P,),
        data=lambda s: {"closes_on": timezone.localdate().isoformat()}, label="one is open"),
    Row("health:open", POST,                           CONVENE_REFUSED, args=(P,),
        data=lambda s: {"closes_on": "2020-01-01"}, label="in the past"),

    # --- a round's page: the count while open, the results once closed ---------------------------
    Row("health:round", GET,                           READ, args=(P, R)),
    Row("health:round", GET,                           READ, args=(P, CLOSED), label="closed"),
    Row("health:round", GET,                           NOT_FOUND, args=(P, OTHER), label="another partnership's"),
    Row("health:round", POST,                          SIGN_IN_THEN_NOT_ALLOWED, args=(P, R)),

    # --- answering: every member and participant, once, while open -------------------------------
    Row("health:answer", GET,                          ANSWER_PAGE, args=(P, R)),
    Row("health:answer", POST,                         ANSWERED, args=(P, R), data=answers,
        done="health.round_answered"),
    Row("health:answer", POST,                         ANSWER_REFUSED, args=(P, R),
        data=lambda s: answers(s, trust_2="6"), label="out of range"),
    Row("health:answer", GET,                          ANSWER_CLOSED, args=(P, CLOSED), label="closed"),
    Row("health:answer", POST,                         ANSWER_CLOSED, args=(P, CLOSED), data=answers,
        label="closed"),
    Row("health:answer", POST,                         NOT_FOUND, args=(P, OTHER), data=answers,
        label="another partnership's"),

    # --- relationship ratings: who speaks for a partner, for it ------------------------------------
    Row("health:ratings", GET,                         RATINGS_PAGE, args=(P, R)),
    Row("health:ratings", POST,                        SIGN_IN_THEN_NOT_ALLOWED, args=(P, R)),
    Row("health:rate", GET,                            RATE_PAGE, args=(P, R, CORE, CONVENER)),
    Row("health:rate", POST,                           RATED, args=(P, R, CORE, CONVENER), data=ratings,
        done="health.rating_saved"),
    Row("health:rate", POST,                           RATE_REFUSED, args=(P, R, CORE, CONVENER),
        data=lambda s: ratings(s, mission="5"), label="out of range"),
    Row("health:rate", POST,                           RATE_REFUSED, args=(P, R, CORE, CORE), data=ratings,
        label="its own organisation"),
    Row("health:rate", POST,                           RATE_CLOSED, args=(P, CLOSED, CORE, CONVENER),
        data=ratings, label="closed"),
    Row("health:unrate", GET,                          SIGN_IN_THEN_NOT_ALLOWED, args=(P, R, CORE, OBSERVER)),
    Row("health:unrate", POST,                         RATED, args=(P, R, CORE, OBSERVER),
        done="health.rating_removed"),
    Row("health:unrate", POST,                         NOT_FOUND, args=(P, R, CORE, CONVENER),
        label="not rated"),
    Row("health:unrate", POST,                         RATE_CLOSED, args=(P, CLOSED, CORE, CONVENER),
        label="closed"),

    # --- closing: the convener ---------------------------------------------------------------------
    Row("health:close", GET,                           SIGN_IN_THEN_NOT_ALLOWED, args=(P, R)),
    Row("health:close", POST,                          CONVENE_DONE, args=(P, R), done="health.round_closed"),
    Row("health:close", POST,                          CONVENE_CONFLICT, args=(P, CLOSED), label="closed"),

    # --- the results as CSV, once closed -----------------------------------------------------------
    Row("health:export", GET,                          READ, args=(P, CLOSED)),
    Row("health:export", GET,                          NOT_YET, args=(P, R), label="open"),
    Row("health:export", POST,                         SIGN_IN_THEN_NOT_ALLOWED, args=(P, CLOSED)),
]
# fmt: on

ALLOWED_CHANGES = {
    ("observer", "health:answer"),
    ("partner_member", "health:answer"),
    ("participant", "health:answer"),
}


def scene(world, s: SimpleNamespace) -> None:
    """An open round the core partner's plain member has answered, in which the core
    partner rated the observer; a closed round with three answers from the core partner
    and its rating of the convener; another partnership's round."""
    open_round = RoundFactory(partnership=world.partnership)
    health_response(open_round, world.core_org, 4, user=world.users["partner_member"])
    RatingFactory(round=open_round, rater=world.core_partner, rated=world.observer_partner)
    s.health_observer_partner = str(world.observer_partner.uuid)
    closed = RoundFactory(partnership=world.partnership, status="closed", closed_at=timezone.now())
    for _ in range(3):
        health_response(closed, world.core_org, 4)
    RatingFactory(round=closed, rater=world.core_partner, rated=world.convener_partner)
    s.health_round = str(open_round.uuid)
    s.health_closed_round = str(closed.uuid)
    s.health_other_round = str(RoundFactory(partnership=PartnershipFactory()).uuid)
