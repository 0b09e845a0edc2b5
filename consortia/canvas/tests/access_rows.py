"""The canvas's rows for the access table (consortia/core/tests/test_access.py): every
canvas URL, GET and POST, for every persona, and `scene(world, s)`, which adds what
the rows name to the world and puts their ids on `s`.

Who may do what (consortia/canvas/rules.py): everyone who sees the partnership reads
the canvas (site admins too); members of the convener and core partners edit it;
members of a contributing partner pledge for it and say what it wants; those and
individual participants comment; observers only read. Downloads are for the
partnership's members and participants, not site admins. All else is a 404.
"""

from datetime import timedelta
from types import SimpleNamespace

from django.utils import timezone

from consortia.canvas.models import CanvasComment
from consortia.core.access_table import GET, LOGIN, OK, POST, Row
from consortia.core.factories import (
    IndicatorFactory,
    NeedFactory,
    OutcomeFactory,
    PartnershipFactory,
    PledgeFactory,
)

P, CORE, CONVENER = "partnership", "core_partner", "convener_partner"
SIGN_IN_THEN_NOT_ALLOWED = (LOGIN,) + (405,) * 7
READ = (LOGIN, 404, 200, 200, 200, 200, 200, 200)
DOWNLOAD = (LOGIN, 404, 200, 200, 200, 200, 200, 404)
EDIT_PAGE = (LOGIN, 404, 404, 200, 200, 200, 404, 404)
EDITED = (LOGIN, 404, 404, OK, OK, OK, 404, 404)
EDIT_REFUSED = (LOGIN, 404, 404, 400, 400, 400, 404, 404)
CORE_PAGE = (LOGIN, 404, 404, 200, 200, 404, 404, 404)  # members of Core Org
CORE_DONE = (LOGIN, 404, 404, OK, OK, 404, 404, 404)
CORE_REFUSED = (LOGIN, 404, 404, 400, 400, 404, 404, 404)
CONVENER_DONE = (LOGIN, 404, 404, 404, 404, OK, 404, 404)  # members of Convener Org
COMMENTED = (LOGIN, 404, 404, OK, OK, OK, OK, 404)


def next_year() -> str:
    return (timezone.localdate() + timedelta(days=365)).isoformat()


def purpose(s):
    return {"purpose": "Carers get one joined-up service.", "beneficiaries": "Carers", "area": "Northshire"}


def outcome(s):
    return {"statement": "Carers feel heard", "description": ""}


def indicator(s, **overrides):
    return {
        "question": "how_much",
        "name": "Carers advised",
        "unit": "carers",
        "baseline": "",
        "target": "300",
        "target_date": next_year(),
        **overrides,
    }


def need(s, **overrides):
    return {
        "category": "volunteer_time",
        "description": "Volunteers for the helpline",
        "quantity": "40",
        "unit": "hours",
        "priority": "essential",
        "outcomes": [s.outcome],
        **overrides,
    }


def pledge(s, **overrides):
    return {
        "need": s.need,
        "category": "premises",
        "description": "Our hall on Thursdays",
        "quantity": "12",
        "unit": "hours",
        "value_gbp": "240",
        **overrides,
    }


# fmt: off
ROWS = [
    #                                                  anon   outsider observer member p.admin c.admin particip. site admin
    Row("canvas:overview", GET,                        READ, args=(P,)),
    Row("canvas:overview", POST,                       SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),
    Row("canvas:purpose", GET,                         READ, args=(P,)),
    Row("canvas:purpose", POST,                        SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),
    Row("canvas:outcomes", GET,                        READ, args=(P,)),
    Row("canvas:outcomes", POST,                       SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),
    Row("canvas:needs", GET,                           READ, args=(P,)),
    Row("canvas:needs", POST,                          SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),
    Row("canvas:pledges", GET,                         READ, args=(P,)),
    Row("canvas:pledges", POST,                        SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),
    Row("canvas:gaps", GET,                            READ, args=(P,)),
    Row("canvas:gaps", POST,                           SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),

    # --- editing: the convener's and core partners' members ------------------------------------
    Row("canvas:purpose_edit", GET,                    EDIT_PAGE, args=(P,)),
    Row("canvas:purpose_edit", POST,                   EDITED, args=(P,), data=purpose, done="canvas.purpose_updated"),
    Row("canvas:purpose_edit", POST,                   EDIT_REFUSED, args=(P,), data=lambda s: {"purpose": ""},
        label="no purpose"),
    Row("canvas:outcome_add", GET,                     EDIT_PAGE, args=(P,)),
    Row("canvas:outcome_add", POST,                    EDITED, args=(P,), data=outcome, done="outcome.added"),
    Row("canvas:outcome_add", POST,                    EDIT_REFUSED, args=(P,), data=lambda s: {"statement": "x" * 301},
        label="too long"),
    Row("canvas:outcome_edit", GET,                    EDIT_PAGE, args=(P, "outcome")),
    Row("canvas:outcome_edit", POST,                   EDITED, args=(P, "outcome"), data=outcome, done="outcome.updated"),
    Row("canvas:outcome_remove", GET,                  SIGN_IN_THEN_NOT_ALLOWED, args=(P, "outcome")),
    Row("canvas:outcome_remove", POST,                 EDITED, args=(P, "outcome"), done="outcome.removed"),
    Row("canvas:indicator_add", GET,                   EDIT_PAGE, args=(P, "outcome")),
    Row("canvas:indicator_add", POST,                  EDITED, args=(P, "outcome"), data=indicator, done="indicator.added"),
    Row("canvas:indicator_add", POST,                  EDIT_REFUSED, args=(P, "outcome"),
        data=lambda s: indicator(s, target_date="2001-01-01"), label="target date in the past"),
    Row("canvas:indicator_edit", GET,                  EDIT_PAGE, args=(P, "indicator")),
    Row("canvas:indicator_edit", POST,                 EDITED, args=(P, "indicator"), data=indicator,
        done="indicator.updated"),
    Row("canvas:indicator_remove", GET,                SIGN_IN_THEN_NOT_ALLOWED, args=(P, "indicator")),
    Row("canvas:indicator_remove", POST,               EDITED, args=(P, "indicator"), done="indicator.removed"),
    Row("canvas:need_add", GET,                        EDIT_PAGE, args=(P,)),
    Row("canvas:need_add", POST,                       EDITED, args=(P,), data=need, done="need.added"),
    Row("canvas:need_add", POST,                       EDIT_REFUSED, args=(P,), data=lambda s: need(s, unit="gbp"),
        label="unit does not fit"),
    Row("canvas:need_add", POST,                       EDIT_REFUSED, args=(P,), data=lambda s: need(s, quantity="-1"),
        label="negative quantity"),
    Row("canvas:need_edit", GET,                       EDIT_PAGE, args=(P, "need")),
    Row("canvas:need_edit", POST,                      EDITED, args=(P, "need"), data=need, done="need.updated"),
    Row("canvas:need_remove", GET,                     SIGN_IN_THEN_NOT_ALLOWED, args=(P, "need")),
    Row("canvas:need_remove", POST,                    EDITED, args=(P, "need"), done="need.removed"),
    Row("canvas:step_complete", GET,                   SIGN_IN_THEN_NOT_ALLOWED, args=(P, "step")),
    Row("canvas:step_complete", POST,                  EDITED, args=(P, "step"), data=lambda s: {"completed": "yes"},
        done="canvas.step_completed"),
    Row("canvas:step_complete", POST,                  EDIT_REFUSED, args=(P, "step"), data=lambda s: {},
        label="no answer"),

    # --- pledging: members of the partner, for their own organisation ---------------------------
    Row("canvas:pledge_add", GET,                      CORE_PAGE, args=(P, CORE)),
    Row("canvas:pledge_add", POST,                     CORE_DONE, args=(P, CORE), data=pledge, done="pledge.added"),
    Row("canvas:pledge_add", POST,                     CONVENER_DONE, args=(P, CONVENER), data=pledge,
        done="pledge.added", label="for the convener"),
    Row("canvas:pledge_add", POST,                     CORE_REFUSED, args=(P, CORE),
        data=lambda s: pledge(s, need=s.other_need), label="against another partnership's need"),
    Row("canvas:pledge_add", POST,                     CORE_REFUSED, args=(P, CORE),
        data=lambda s: pledge(s, quantity="1e12"), label="absurd quantity"),
    Row("canvas:pledge_edit", GET,                     CORE_PAGE, args=(P, "pledge")),
    Row("canvas:pledge_edit", POST,                    CORE_DONE, args=(P, "pledge"),
        data=lambda s: pledge(s, description="Our hall on Fridays"), done="pledge.updated"),
    Row("canvas:pledge_remove", GET,                   SIGN_IN_THEN_NOT_ALLOWED, args=(P, "pledge")),
    Row("canvas:pledge_remove", POST,                  CORE_DONE, args=(P, "pledge"), done="pledge.removed"),
    Row("canvas:statement_edit", GET,                  CORE_PAGE, args=(P, CORE)),
    Row("canvas:statement_edit", POST,                 CORE_DONE, args=(P, CORE),
        data=lambda s: {"wants": "To reach carers we never see"}, done="partner.statement_updated"),

    # --- comments: contributing members and individual participants; observers read --------------
    Row("canvas:comment_add", GET,                     SIGN_IN_THEN_NOT_ALLOWED, args=(P, "step")),
    Row("canvas:comment_add", POST,                    COMMENTED, args=(P, "step"),
        data=lambda s: {"body": "Could we meet in Eastbridge?"}, done="canvas.commented"),
    Row("canvas:comment_add", POST,                    (LOGIN, 404,   404,   400,   400,   400,   400,   404),
        args=(P, "step"), data=lambda s: {"body": ""}, label="empty"),

    # --- downloads: members and participants ----------------------------------------------------
    Row("canvas:export_csv", GET,                      DOWNLOAD, args=(P, "section")),
    Row("canvas:export_csv", POST,                     SIGN_IN_THEN_NOT_ALLOWED, args=(P, "section")),
    Row("canvas:export_json", GET,                     DOWNLOAD, args=(P,)),
    Row("canvas:export_json", POST,                    SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),
]
# fmt: on


# Changes made by personas that otherwise change only their own standing: a plain
# member of a core partner shapes the canvas and pledges for its organisation
# (canvas.edit_canvas_of_partnership and canvas.pledge_for_partner are not for admins only); an individual
# participant comments. Observers change nothing.
EDITS = {
    "canvas:purpose_edit",
    "canvas:outcome_add",
    "canvas:outcome_edit",
    "canvas:outcome_remove",
    "canvas:indicator_add",
    "canvas:indicator_edit",
    "canvas:indicator_remove",
    "canvas:need_add",
    "canvas:need_edit",
    "canvas:need_remove",
    "canvas:step_complete",
}
PLEDGES = {"canvas:pledge_add", "canvas:pledge_edit", "canvas:pledge_remove", "canvas:statement_edit"}
ALLOWED_CHANGES = {("partner_member", name) for name in EDITS | PLEDGES | {"canvas:comment_add"}} | {
    ("participant", "canvas:comment_add")
}


def scene(world, s: SimpleNamespace) -> None:
    """An outcome with an indicator, a need serving it, a pledge of the core partner
    against it, a comment, and another partnership's need; the step the rows mark
    done and comment on ("outcomes", which has something in it) and the CSV section."""
    outcome = OutcomeFactory(partnership=world.partnership, statement="Carers feel less alone")
    indicator = IndicatorFactory(outcome=outcome)
    need = NeedFactory(partnership=world.partnership)
    need.outcomes.add(outcome)
    pledge = PledgeFactory(partner=world.core_partner, need=need)
    CanvasComment.objects.create(
        partnership=world.partnership, step="outcomes", author=world.users["participant"], body="Yes!"
    )
    other_need = NeedFactory(partnership=PartnershipFactory())
    s.outcome = str(outcome.uuid)
    s.indicator = str(indicator.uuid)
    s.need = str(need.uuid)
    s.pledge = str(pledge.uuid)
    s.other_need = str(other_need.uuid)
    s.step = "outcomes"
    s.section = "needs"
