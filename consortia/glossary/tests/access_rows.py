"""The glossary rows for the access table (consortia/core/tests/test_access.py): every
glossary URL, GET and POST, for every persona, and `scene(world, s)`, which adds the
terms and the working group the rows name and puts their ids on `s`.

Who may do what (consortia/glossary/rules.py): everyone who sees the partnership reads
its glossary (observers, participants and site admins too). Its members (partners'
people and individual participants, not site admins) suggest terms. The approvers
(here the convener's admin, who speaks for the convening partner; no stewards group
is named in the scene) approve, reject, change and retire terms; the convener's
admins name the stewards. All else is a 404.
"""

from types import SimpleNamespace

from consortia.core.access_table import GET, LOGIN, OK, POST, SIGN_IN_THEN_NOT_ALLOWED, Row
from consortia.core.factories import DefinitionFactory, PartnershipFactory, TermFactory, WorkingGroupFactory

P = "partnership"
READ = (LOGIN, 404, 200, 200, 200, 200, 200, 200)
NOT_FOUND = (LOGIN, 404, 404, 404, 404, 404, 404, 404)
SUGGEST_PAGE = (LOGIN, 404, 200, 200, 200, 200, 200, 404)
SUGGESTED = (LOGIN, 404, OK, OK, OK, OK, OK, 404)
SUGGEST_REFUSED = (LOGIN, 404, 400, 400, 400, 400, 400, 404)
SUGGEST_CONFLICT = (LOGIN, 404, 409, 409, 409, 409, 409, 404)
APPROVER_PAGE = (LOGIN, 404, 404, 404, 404, 200, 404, 404)
APPROVED = (LOGIN, 404, 404, 404, 404, OK, 404, 404)
APPROVER_REFUSED = (LOGIN, 404, 404, 404, 404, 400, 404, 404)
APPROVER_CONFLICT = (LOGIN, 404, 404, 404, 404, 409, 404, 404)


def term(s, **overrides):
    return {"name": "Commissioning", "expansion": "", "definition_council": "Buying services.", **overrides}


# fmt: off
ROWS = [
    #                                                  anon   outsider observer member p.admin c.admin particip. site admin
    Row("glossary:list", GET,                          READ, args=(P,)),
    Row("glossary:list", POST,                         SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),

    # --- suggesting a term: every member ------------------------------------------------------------
    Row("glossary:suggest", GET,                       SUGGEST_PAGE, args=(P,)),
    Row("glossary:suggest", POST,                      SUGGESTED, args=(P,), data=term,
        done="glossary.term_suggested"),
    Row("glossary:suggest", POST,                      SUGGEST_REFUSED, args=(P,),
        data=lambda s: term(s, name=""), label="no name"),
    Row("glossary:suggest", POST,                      SUGGEST_REFUSED, args=(P,),
        data=lambda s: term(s, name="x" * 81), label="overlong name"),
    Row("glossary:suggest", POST,                      SUGGEST_REFUSED, args=(P,),
        data=lambda s: term(s, definition_council=""), label="no definition"),
    Row("glossary:suggest", POST,                      SUGGEST_CONFLICT, args=(P,),
        data=lambda s: term(s, name="CARER'S ASSESSMENT"), label="a duplicate"),

    # --- naming the stewards: the convener's admins -------------------------------------------------
    Row("glossary:stewards", GET,                      APPROVER_PAGE, args=(P,)),
    Row("glossary:stewards", POST,                     APPROVED, args=(P,),
        data=lambda s: {"stewards": s.glossary_group}, done="glossary.stewards_named"),
    Row("glossary:stewards", POST,                     APPROVER_REFUSED, args=(P,),
        data=lambda s: {"stewards": s.glossary_other_group}, label="another partnership's group"),

    # --- the approvers: change, approve, reject, retire ---------------------------------------------
    Row("glossary:edit", GET,                          APPROVER_PAGE, args=(P, "glossary_term")),
    Row("glossary:edit", POST,                         APPROVED, args=(P, "glossary_term"),
        data=lambda s: term(s, name="Carer's assessment"), done="glossary.term_changed"),
    Row("glossary:edit", POST,                         APPROVER_REFUSED, args=(P, "glossary_term"),
        data=lambda s: term(s, name=""), label="no name"),
    Row("glossary:edit", POST,                         APPROVER_CONFLICT, args=(P, "glossary_term"),
        data=lambda s: term(s, name="case"), label="another term's name"),
    Row("glossary:edit", GET,                          NOT_FOUND, args=(P, "glossary_other_term"),
        label="another partnership's term"),
    Row("glossary:approve", GET,                       SIGN_IN_THEN_NOT_ALLOWED, args=(P, "glossary_suggested")),
    Row("glossary:approve", POST,                      APPROVED, args=(P, "glossary_suggested"),
        done="glossary.term_approved"),
    Row("glossary:approve", POST,                      APPROVER_CONFLICT, args=(P, "glossary_term"),
        label="already approved"),
    Row("glossary:approve", POST,                      NOT_FOUND, args=(P, "glossary_other_term"),
        label="another partnership's term"),
    Row("glossary:reject", GET,                        SIGN_IN_THEN_NOT_ALLOWED, args=(P, "glossary_suggested")),
    Row("glossary:reject", POST,                       APPROVED, args=(P, "glossary_suggested"),
        done="glossary.term_rejected"),
    Row("glossary:reject", POST,                       NOT_FOUND, args=(P, "glossary_other_term"),
        label="another partnership's term"),
    Row("glossary:retire", GET,                        SIGN_IN_THEN_NOT_ALLOWED, args=(P, "glossary_term")),
    Row("glossary:retire", POST,                       APPROVED, args=(P, "glossary_term"),
        done="glossary.term_retired"),
    Row("glossary:retire", POST,                       APPROVER_CONFLICT, args=(P, "glossary_suggested"),
        label="not approved"),
]
# fmt: on

ALLOWED_CHANGES = {
    ("observer", "glossary:suggest"),
    ("partner_member", "glossary:suggest"),
    ("participant", "glossary:suggest"),
}


def scene(world, s: SimpleNamespace) -> None:
    """An approved term ("Carer's assessment") and another ("Case"), a suggestion, a
    working group of the partnership and one of another, and another partnership's term."""
    approved = TermFactory(partnership=world.partnership, name="Carer's assessment")
    DefinitionFactory(term=approved, sector="council", text="Under the Care Act 2014.")
    DefinitionFactory(term=TermFactory(partnership=world.partnership, name="Case"))
    suggested = TermFactory(partnership=world.partnership, name="Referral", status="suggested")
    DefinitionFactory(term=suggested, sector="health")
    s.glossary_term = str(approved.uuid)
    s.glossary_suggested = str(suggested.uuid)
    s.glossary_group = str(WorkingGroupFactory(partnership=world.partnership).uuid)
    s.glossary_other_group = str(WorkingGroupFactory().uuid)
    s.glossary_other_term = str(
        DefinitionFactory(term=TermFactory(partnership=PartnershipFactory())).term.uuid
    )
