"""The fund's rows for the access table (consortia/core/tests/test_access.py): every
fund URL, GET and POST, for every persona, and `scene(world, s)`, which sets up the
world's pooled fund and the requests the rows name and puts their ids on `s`.

Who may do what (consortia/fund/rules.py): everyone in the partnership (observers,
participants) and site admins see the fund; exports only its partners' members (not
participants, not site admins). The convener's admins set it up; the convener is the
fiscal host here, so its admin records income and pays. The core partner's plain
member asked for every request (for Core Org): they and Core Org's admin submit,
withdraw and reconcile them. Approving takes someone who speaks for a contributing
partner other than the requester's: the convener's admin; Core Org's admin speaks only
for the requester (400, with the message). All else is a 404.

A second partnership (`fund_other_partnership`, with its own fund, convened by the
outsider's organisation) proves a request id from another partnership answers 404.
"""

from decimal import Decimal
from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from consortia.core.access_table import GET, LOGIN, OK, POST, SIGN_IN_THEN_NOT_ALLOWED, Row
from consortia.core.factories import PartnerFactory, PartnershipFactory, SpendingRequestFactory
from consortia.fund import services

P = "partnership"
READ = (LOGIN, 404, 200, 200, 200, 200, 200, 200)
EXPORT = (LOGIN, 404, 200, 200, 200, 200, 404, 404)
NOT_FOUND = (LOGIN, 404, 404, 404, 404, 404, 404, 404)
CONVENER_PAGE = (LOGIN, 404, 404, 404, 404, 200, 404, 404)
CONVENER_DONE = (LOGIN, 404, 404, 404, 404, OK, 404, 404)
CONVENER_REFUSED = (LOGIN, 404, 404, 404, 404, 400, 404, 404)
CONVENER_CONFLICT = (LOGIN, 404, 404, 404, 404, 409, 404, 404)
# Asking for spending: members of contributing partners (not observers, not participants).
ASK_PAGE = (LOGIN, 404, 404, 200, 200, 200, 404, 404)
ASKED = (LOGIN, 404, 404, OK, OK, OK, 404, 404)
ASK_REFUSED = (LOGIN, 404, 404, 400, 400, 400, 404, 404)
# The requester (the core partner's plain member) and Core Org's admin.
OWNER_DONE = (LOGIN, 404, 404, OK, OK, 404, 404, 404)
OWNER_PAGE = (LOGIN, 404, 404, 200, 200, 404, 404, 404)
OWNER_CONFLICT = (LOGIN, 404, 404, 409, 409, 404, 404, 404)
OWNER_REFUSED = (LOGIN, 404, 404, 400, 400, 404, 404, 404)
# Reconciling: the requester, Core Org's admin, and the host's admin.
RECONCILE_PAGE = (LOGIN, 404, 404, 200, 200, 200, 404, 404)
RECONCILED = (LOGIN, 404, 404, OK, OK, OK, 404, 404)
RECONCILE_REFUSED = (LOGIN, 404, 404, 400, 400, 400, 404, 404)
# Approving: the convener's admin (for Convener Org); Core Org's admin speaks only for the requester.
APPROVED = (LOGIN, 404, 404, 404, 400, OK, 404, 404)
# Whoever speaks for a contributing partner reaches the request's state first.
SPEAKER_CONFLICT = (LOGIN, 404, 404, 404, 409, 409, 404, 404)
PDF = b"%PDF-1.4\n%%EOF\n"


def request_form(s, **overrides):
    return {
        "budget_line": s.fund_line,
        "payee": "Riverside Hall",
        "payee_partner": "",
        "description": "Room hire for the carers' café",
        "amount": "120.00",
        "vat": "20.00",
        "currency": "GBP",
        **overrides,
    }


def income(s, **overrides):
    return {
        "kind": "grant",
        "payer": "National Lottery Community Fund",
        "partner": "",
        "amount": "500",
        "currency": "GBP",
        "description": "Second grant payment",
        "on": "",
        **overrides,
    }


def receipt(s):
    return {"receipt": SimpleUploadedFile("receipt.pdf", PDF, content_type="application/pdf")}


# fmt: off
ROWS = [
    #                                                  anon   outsider observer member p.admin c.admin particip. site admin
    Row("fund:overview", GET,                          READ, args=(P,)),
    # Only its own members (the outsider's organisation convenes it) and site admins see it.
    Row("fund:overview", GET,                          (LOGIN, 200, 404, 404, 404, 404, 404, 200),
        args=("fund_other_partnership",), label="another partnership's fund"),
    Row("fund:overview", POST,                         SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),
    Row("fund:budget", GET,                            READ, args=(P,)),
    Row("fund:budget", POST,                           SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),
    Row("fund:transactions", GET,                      READ, args=(P,)),
    Row("fund:transactions", POST,                     SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),
    Row("fund:requests", GET,                          READ, args=(P,)),
    Row("fund:requests", POST,                         SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),
    Row("fund:export_csv", GET,                        EXPORT, args=(P,)),
    Row("fund:export_csv", POST,                       SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),
    Row("fund:export_xlsx", GET,                       EXPORT, args=(P,)),
    Row("fund:export_xlsx", POST,                      SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),

    # --- the convener's admins set up the fund and choose its host -------------------------------
    Row("fund:set_up", GET,                            CONVENER_PAGE, args=(P,)),
    Row("fund:set_up", POST,                           CONVENER_DONE, args=(P,),
        data=lambda s: {"host": s.core_partner}, done="fund.host_changed"),
    Row("fund:set_up", POST,                           CONVENER_REFUSED, args=(P,),
        data=lambda s: {"host": ""}, label="no host"),

    # --- the host's (here the convener's) admins: budget lines and income -------------------------
    Row("fund:budget_line_create", GET,                CONVENER_PAGE, args=(P,)),
    Row("fund:budget_line_create", POST,               CONVENER_DONE, args=(P,),
        data=lambda s: {"name": "Travel", "amount": "800", "currency": "GBP", "outcome": ""},
        done="fund.budget_line_added"),
    Row("fund:budget_line_create", POST,               CONVENER_REFUSED, args=(P,),
        data=lambda s: {"name": "Travel", "amount": "-5", "currency": "GBP", "outcome": ""},
        label="negative amount"),
    Row("fund:income_record", GET,                     CONVENER_PAGE, args=(P,)),
    Row("fund:income_record", POST,                    CONVENER_DONE, args=(P,), data=income,
        done="fund.income_recorded"),
    Row("fund:income_record", POST,                    CONVENER_REFUSED, args=(P,),
        data=lambda s: income(s, amount="0"), label="zero"),
    Row("fund:income_record", POST,                    CONVENER_REFUSED, args=(P,),
        data=lambda s: income(s, currency="EUR"), label="in euros"),

    # --- asking for spending -----------------------------------------------------------------------
    Row("fund:request_create", GET,                    ASK_PAGE, args=(P,)),
    Row("fund:request_create", POST,                   ASKED, args=(P,), data=request_form,
        done="spending_request.created"),
    Row("fund:request_create", POST,                   ASK_REFUSED, args=(P,),
        data=lambda s: request_form(s, amount="0"), label="zero"),
    Row("fund:request_create", POST,                   ASK_REFUSED, args=(P,),
        data=lambda s: request_form(s, currency="USD"), label="in dollars"),
    Row("fund:request_create", POST,                   ASK_REFUSED, args=(P,),
        data=lambda s: request_form(s, vat="500"), label="VAT above the amount"),

    # --- a request's page, and its buttons ---------------------------------------------------------
    Row("fund:request", GET,                           READ, args=(P, "fund_waiting")),
    Row("fund:request", GET,                           NOT_FOUND, args=(P, "fund_other_request"),
        label="another partnership's request"),
    Row("fund:request", POST,                          SIGN_IN_THEN_NOT_ALLOWED, args=(P, "fund_waiting")),
    Row("fund:request_submit", GET,                    SIGN_IN_THEN_NOT_ALLOWED, args=(P, "fund_draft")),
    Row("fund:request_submit", POST,                   OWNER_DONE, args=(P, "fund_draft"),
        done="spending_request.submitted"),
    Row("fund:request_submit", POST,                   OWNER_CONFLICT, args=(P, "fund_waiting"),
        label="already submitted"),
    Row("fund:request_withdraw", GET,                  SIGN_IN_THEN_NOT_ALLOWED, args=(P, "fund_waiting")),
    Row("fund:request_withdraw", POST,                 OWNER_DONE, args=(P, "fund_waiting"),
        done="spending_request.withdrawn"),
    Row("fund:request_withdraw", POST,                 OWNER_CONFLICT, args=(P, "fund_paid"), label="paid"),
    Row("fund:request_approve", GET,                   SIGN_IN_THEN_NOT_ALLOWED, args=(P, "fund_waiting")),
    Row("fund:request_approve", POST,                  APPROVED, args=(P, "fund_waiting"),
        data=lambda s: {"partner": s.convener_partner}, done="spending_request.approval_given"),
    Row("fund:request_approve", POST,                  (LOGIN, 404, 404, 404, 400, 400, 404, 404),
        args=(P, "fund_waiting"), data=lambda s: {"partner": s.core_partner},
        label="for the requester's own organisation"),
    Row("fund:request_approve", POST,                  (LOGIN, 404, 404, 404, 400, 400, 404, 404),
        args=(P, "fund_waiting"), data=lambda s: {"partner": "not-a-partner"}, label="for no organisation"),
    Row("fund:request_approve", POST,                  SPEAKER_CONFLICT, args=(P, "fund_approved"),
        data=lambda s: {"partner": s.convener_partner}, label="already approved"),
    Row("fund:request_approve", POST,                  SPEAKER_CONFLICT, args=(P, "fund_big"),
        data=lambda s: {"partner": s.convener_partner}, label="above the threshold"),
    Row("fund:request_reject", GET,                    CONVENER_PAGE, args=(P, "fund_waiting")),
    Row("fund:request_reject", POST,                   CONVENER_DONE, args=(P, "fund_waiting"),
        data=lambda s: {"reason": "Not in this year's plan"}, done="spending_request.rejected"),
    Row("fund:request_reject", POST,                   CONVENER_REFUSED, args=(P, "fund_waiting"),
        data=lambda s: {"reason": " "}, label="no reason"),
    Row("fund:request_decision_open", GET,             SIGN_IN_THEN_NOT_ALLOWED, args=(P, "fund_big")),
    Row("fund:request_decision_open", POST,            (LOGIN, 404, 404, OK, OK, OK, 404, 404),
        args=(P, "fund_big"), done="poll.opened"),
    Row("fund:request_decision_open", POST,            (LOGIN, 404, 404, 409, 409, 409, 404, 404),
        args=(P, "fund_waiting"), label="below the threshold"),
    Row("fund:request_pay", GET,                       SIGN_IN_THEN_NOT_ALLOWED, args=(P, "fund_approved")),
    Row("fund:request_pay", POST,                      CONVENER_DONE, args=(P, "fund_approved"),
        done="spending_request.paid"),
    Row("fund:request_pay", POST,                      CONVENER_CONFLICT, args=(P, "fund_waiting"),
        label="not approved"),
    Row("fund:request_reconcile", GET,                 RECONCILE_PAGE, args=(P, "fund_paid")),
    Row("fund:request_reconcile", POST,                RECONCILED, args=(P, "fund_paid"), data=receipt,
        done="spending_request.reconciled"),
    Row("fund:request_reconcile", POST,                RECONCILE_REFUSED, args=(P, "fund_paid"),
        data=lambda s: {}, label="no receipt"),
    Row("fund:receipt", GET,                           READ, args=(P, "fund_reconciled")),
    Row("fund:receipt", GET,                           NOT_FOUND, args=(P, "fund_paid"), label="no receipt yet"),
    Row("fund:receipt", POST,                          SIGN_IN_THEN_NOT_ALLOWED, args=(P, "fund_reconciled")),
]
# fmt: on

ALLOWED_CHANGES = {
    ("partner_member", "fund:request_create"),
    ("partner_member", "fund:request_submit"),
    ("partner_member", "fund:request_withdraw"),
    ("partner_member", "fund:request_decision_open"),
    ("partner_member", "fund:request_reconcile"),
}


def scene(world, s: SimpleNamespace) -> None:
    """The world's fund, held by the convener, with a budget line and a grant of £1,000;
    requests by the core partner's plain member for Core Org: a draft, one waiting
    for approval, one above the threshold (waiting for a poll), one approved, one paid
    and one reconciled; and another partnership's fund and request."""
    convener, member = world.users["convener_admin"], world.users["partner_member"]
    fund = services.fund_set_up(actor=convener, partnership=world.partnership, host=world.convener_partner)
    line = services.budget_line_create(actor=convener, fund=fund, name="Carers' café", amount="5000")
    services.income_record(
        actor=convener, fund=fund, kind="grant", amount="1000", description="Grant", payer="Lottery"
    )

    def make(status, amount=Decimal("120"), **extra):
        return SpendingRequestFactory(
            fund=fund,
            requesting_partner=world.core_partner,
            budget_line=line,
            created_by=member,
            status=status,
            amount=amount,
            **extra,
        )

    s.fund_line = str(line.uuid)
    s.fund_draft = str(make("draft").uuid)
    s.fund_waiting = str(make("submitted", submitted_at=timezone.now()).uuid)
    s.fund_big = str(make("submitted", amount=Decimal("900"), needs_decision=True).uuid)
    s.fund_approved = str(make("approved").uuid)
    paid = make("approved")
    services.spending_request_pay(actor=convener, spending=paid)
    s.fund_paid = str(paid.uuid)
    done = make("approved")
    services.spending_request_pay(actor=convener, spending=done)
    services.spending_request_reconcile(
        actor=member,
        spending=done,
        receipt=SimpleUploadedFile("receipt.pdf", PDF, content_type="application/pdf"),
    )
    s.fund_reconciled = str(done.uuid)
    other = PartnershipFactory()
    host = PartnerFactory(partnership=other, organisation=world.outsider_org, role="convener")
    other_request = SpendingRequestFactory(fund__partnership=other, fund__host=host, requesting_partner=host)
    s.fund_other_partnership = str(other.uuid)
    s.fund_other_request = str(other_request.uuid)
