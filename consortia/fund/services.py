"""Every change to a partnership's pooled fund: setting it up with its fiscal host,
budget lines, income, and spending requests from draft to reconciled.

Each service runs in one transaction, checks the actor's permission (fund/rules.py:
missing and forbidden both answer 404), refuses a closed partnership, checks its input
before anything is written (amounts in pence above zero, VAT within the amount, pounds
only, this fund's lines and partners) and writes exactly one event. Money moves only
through `ledger.post`, the only writer of legs.

Approval follows the agreement in force (agreements.selectors.agreement_defaults): up to
`spending_threshold_gbp`, `spending_approvals` approvals from distinct contributing
partner organisations, never the requester's own, each given by someone who speaks for
the organisation; above it, a decision by a poll in the decisions app, opened from the
request (`spending_request_decision_open`). A request decided by a poll is settled
(`spending_request_settle`) when the poll closes: `on_event_recorded` hears
`poll.closed` after its commit and runs `spending_requests_settle_due`, which the
scheduler also runs every quarter of an hour for any the listener missed. Settling is
not done on viewing the request's page, so a GET never writes.
"""

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import rules
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from consortia.accounts.models import User
from consortia.agreements.selectors import agreement_defaults
from consortia.canvas.models import Outcome
from consortia.contributions.services import entry_record
from consortia.core.attachments import attachment_check
from consortia.core.choices import ContributionCategory, Unit
from consortia.core.errors import Conflict, ServiceError
from consortia.core.events import event_record
from consortia.core.services import refuse_if_closed, require
from consortia.decisions import services as decisions
from consortia.decisions.models import Kind, Poll
from consortia.decisions.selectors import poll_ballots, poll_options, poll_results
from consortia.partnerships.credit import CONTRIBUTING_ROLES, EVERY_ROLE, credited_organisation
from consortia.partnerships.models import Partner, Partnership
from consortia.partnerships.rules import active_partners, speaks_for

from . import ledger
from .models import (
    CURRENCY,
    NAME_MAX,
    TEXT_MAX,
    Account,
    Approval,
    BudgetLine,
    Fund,
    SpendingRequest,
    Transaction,
)

SET_UP = "fund.set_up_fund_in_partnership"
VIEW = "fund.view_fund"
MANAGE = "fund.manage_fund"
HOST = "fund.host_fund"
REQUEST = "fund.request_spending_fund"
APPROVE = "fund.approve_in_fund"
CHANGE = "fund.change_spendingrequest"
DECISION_DAYS = 7
Status = SpendingRequest.Status


# --- checking input ----------------------------------------------------------------------------


def _money(value: Any, *, field: str, what: str, zero: bool = False) -> Decimal:
    """A sum of money in pounds and pence: above zero (or zero when `zero`), below a
    trillion."""
    try:
        amount = Decimal(str(value).strip().replace(",", "").lstrip("£"))
    except (InvalidOperation, ValueError) as wrong:
        raise ServiceError(f"Enter the {what} in pounds, like 120.50", field=field) from wrong
    if not amount.is_finite():
        raise ServiceError(f"Enter the {what} in pounds, like 120.50", field=field)
    if amount < 0 or (amount == 0 and not zero):
        raise ServiceError(f"The {what} must be more than £0", field=field)
    if amount > ledger.LIMIT:
        raise ServiceError(f"The {what} must be less than a trillion pounds", field=field)
    if amount != amount.quantize(ledger.PENCE):
        raise ServiceError(f"Enter the {what} in pounds and pence, like 120.50", field=field)
    return amount.quantize(ledger.PENCE)


def _currency(currency: str) -> None:
    if (currency or "").strip().upper() != CURRENCY:
        raise ServiceError("The partnership's fund is kept in pounds (GBP) only", field="currency")


def _text(value: str, *, field: str, what: str, limit: int, required: bool = True) -> str:
    value = " ".join((value or "").split()) if limit <= NAME_MAX else (value or "").strip()
    if required and not value:
        raise ServiceError(f"Enter {what}", field=field)
    if len(value) > limit:
        raise ServiceError(
            f"The {field.replace('_', ' ')} must be {limit:,} characters or fewer", field=field
        )
    return value


def _partner_of(fund: Fund, partner: Partner | None, *, field: str) -> None:
    if partner is not None and (partner.partnership_id != fund.partnership_id or partner.left_at is not None):
        raise ServiceError("Choose one of this partnership's partners", field=field)


def _date(on: datetime.date | None) -> datetime.date:
    today = timezone.localdate()
    on = on or today
    if on > today:
        raise ServiceError("The date cannot be in the future", field="on")
    return on


def _bank(fund: Fund) -> Account:
    return fund.accounts.get(name=Account.BANK)


# --- the fund and its budget -------------------------------------------------------------------


@transaction.atomic
def fund_set_up(*, actor: User, partnership: Partnership, host: Partner) -> Fund:
    """Set up the partnership's pooled fund with `host` as fiscal host, or change the
    host (the convener's admins). Makes the bank and income accounts once. One
    `fund.set_up` or `fund.host_changed` event."""
    require(SET_UP, actor, partnership)
    refuse_if_closed(partnership, "change its fund")
    if (
        host.partnership_id != partnership.pk
        or host.left_at is not None
        or host.role == Partner.Role.OBSERVER
    ):
        raise ServiceError("Choose one of the partnership's partners (not an observer) as host", field="host")
    fund = Fund.objects.select_for_update().filter(partnership=partnership).first()
    verb = "fund.host_changed"
    if fund is None:
        fund = Fund.objects.create(partnership=partnership, host=host)
        Account.objects.bulk_create(
            [
                Account(fund=fund, name=Account.BANK, type=Account.Type.ASSET),
                Account(fund=fund, name=Account.GRANTS, type=Account.Type.INCOME),
                Account(fund=fund, name=Account.CONTRIBUTIONS, type=Account.Type.INCOME),
            ]
        )
        verb = "fund.set_up"
    elif fund.host_id == host.pk:
        return fund
    else:
        fund.host = host
        fund.save(update_fields=["host", "updated_at"])
    event_record(
        actor=actor,
        verb=verb,
        obj=fund,
        organisation=credited_organisation(actor, partnership, roles=EVERY_ROLE),
        partnership=partnership,
        payload={"host": host.pk},
    )
    return fund


@transaction.atomic
def budget_line_create(
    *,
    actor: User,
    fund: Fund,
    name: str,
    amount: Any,
    outcome: Outcome | None = None,
    currency: str = CURRENCY,
) -> BudgetLine:
    """Add a budget line with its expense account (the host's and the convener's
    admins); it may serve one of the partnership's canvas outcomes. One
    `fund.budget_line_added` event."""
    require(MANAGE, actor, fund)
    refuse_if_closed(fund.partnership, "change its budget")
    _currency(currency)
    name = _text(name, field="name", what="the budget line's name", limit=NAME_MAX)
    value = _money(amount, field="amount", what="amount budgeted", zero=True)
    if outcome is not None and outcome.partnership_id != fund.partnership_id:
        raise ServiceError("Choose one of this partnership's outcomes", field="outcome")
    if (
        fund.budget_lines.filter(name__iexact=name).exists()
        or fund.accounts.filter(name__iexact=name).exists()
    ):
        raise ServiceError("There is already a budget line or account with that name", field="name")
    line = BudgetLine.objects.create(fund=fund, name=name, amount=value, outcome=outcome)
    Account.objects.create(fund=fund, name=name, type=Account.Type.EXPENSE, budget_line=line)
    event_record(
        actor=actor,
        verb="fund.budget_line_added",
        obj=line,
        organisation=credited_organisation(actor, fund.partnership, roles=EVERY_ROLE),
        partnership=fund.partnership,
        payload={"amount": str(value)},
    )
    return line


# --- income ------------------------------------------------------------------------------------


def _count_in_ledger(record: Transaction, partner: Partner) -> None:
    """A partner's cash contribution counts in the contributions ledger too (as money,
    valued at itself), in the same database transaction, once: the source key makes a
    second call return the entry already there. The system records it (actor None):
    the host's admin has been checked for the fund, and need not speak for the partner."""
    entry_record(
        actor=None,
        partnership=record.fund.partnership,
        partner=partner,
        category=ContributionCategory.FUNDING,
        unit=Unit.GBP,
        quantity=record.amount,
        on=record.date,
        note=f"Paid into the pooled fund: {record.description}"[:500],
        source_key=f"fund.transaction:{record.pk}",
    )


@transaction.atomic
def income_record(
    *,
    actor: User,
    fund: Fund,
    kind: str,
    amount: Any,
    description: str,
    payer: str = "",
    partner: Partner | None = None,
    on: datetime.date | None = None,
    currency: str = CURRENCY,
) -> Transaction:
    """Record money received into the bank (the fiscal host's admins): a grant from a
    funder, or a partner's contribution (which also counts in the contributions
    ledger). Debit bank, credit the income account. One `fund.income_recorded` event."""
    require(HOST, actor, fund)
    refuse_if_closed(fund.partnership, "record income")
    _currency(currency)
    value = _money(amount, field="amount", what="amount")
    description = _text(description, field="description", what="what the money is for", limit=NAME_MAX)
    payer = _text(payer, field="payer", what="who paid", limit=NAME_MAX, required=False)
    on = _date(on)
    if kind == Transaction.Kind.CONTRIBUTION:
        if partner is None:
            raise ServiceError("Choose the partner who contributed", field="partner")
        _partner_of(fund, partner, field="partner")
        payer = partner.organisation.name
        income = fund.accounts.get(name=Account.CONTRIBUTIONS)
    elif kind == Transaction.Kind.GRANT:
        if not payer:
            raise ServiceError("Enter who gave the grant", field="payer")
        partner = None
        income = fund.accounts.get(name=Account.GRANTS)
    else:
        raise ServiceError("Choose a grant or a partner's contribution", field="kind")
    record = ledger.post(
        fund=fund,
        date=on,
        description=description,
        kind=kind,
        legs=[(_bank(fund), value), (income, -value)],
        amount=value,
        payee=payer,
        partner_id=partner.pk if partner else None,
        created_by=actor,
    )
    if partner is not None:
        _count_in_ledger(record, partner)
    event_record(
        actor=actor,
        verb="fund.income_recorded",
        obj=record,
        organisation=credited_organisation(actor, fund.partnership, roles=EVERY_ROLE),
        partnership=fund.partnership,
        payload={"kind": kind, "amount": str(value), "partner": partner.pk if partner else None},
    )
    return record


# --- spending requests -------------------------------------------------------------------------


def _payload(spending: SpendingRequest, **facts: Any) -> dict[str, Any]:
    """The requester, for the notifications."""
    return {"created_by": spending.created_by_id, "amount": str(spending.amount), **facts}


def approving_partners(spending: SpendingRequest) -> list[Partner]:
    """The partners whose approval counts for this request: the partnership's active
    contributing partners other than the requester's and, when a partner is to be
    paid, other than that partner (nobody approves a payment to their own
    organisation: a conflict of interest a finance officer would refuse)."""
    return [
        p
        for p in active_partners(spending.fund.partnership)
        if p.role in CONTRIBUTING_ROLES
        and p.pk not in (spending.requesting_partner_id, spending.payee_partner_id)
    ]


def _locked(spending: SpendingRequest) -> SpendingRequest:
    """The request's row, locked until the end of the transaction, so two changes to
    one request (two approvals, an approval and a withdrawal) run one after the other."""
    locked = SpendingRequest.objects.select_for_update().get(pk=spending.pk)
    locked.fund = spending.fund
    return locked


@transaction.atomic
def spending_request_create(
    *,
    actor: User,
    fund: Fund,
    requesting_partner: Partner | None,
    budget_line: BudgetLine,
    payee: str,
    description: str,
    amount: Any,
    vat: Any = "0",
    payee_partner: Partner | None = None,
    currency: str = CURRENCY,
) -> SpendingRequest:
    """Draft a spending request for the actor's own organisation (members of
    contributing partners): an amount above £0 in pounds, the VAT within it. One
    `spending_request.created` event."""
    require(REQUEST, actor, fund)
    refuse_if_closed(fund.partnership, "ask to spend from its fund")
    _currency(currency)
    if requesting_partner is None:
        raise ServiceError("Choose your organisation", field="requesting_partner")
    _partner_of(fund, requesting_partner, field="requesting_partner")
    if (
        requesting_partner.role not in CONTRIBUTING_ROLES
        or not requesting_partner.organisation.memberships.filter(user=actor).exists()
    ):
        raise ServiceError("Ask for spending for your own organisation", field="requesting_partner")
    _partner_of(fund, payee_partner, field="payee_partner")
    if budget_line.fund_id != fund.pk:
        raise ServiceError("Choose one of this fund's budget lines", field="budget_line")
    value = _money(amount, field="amount", what="amount")
    tax = _money(vat, field="vat", what="VAT", zero=True)
    if tax > value:
        raise ServiceError("The VAT cannot be more than the amount", field="vat")
    spending = SpendingRequest(
        fund=fund,
        requesting_partner=requesting_partner,
        budget_line=budget_line,
        payee=_text(payee, field="payee", what="who is to be paid", limit=NAME_MAX),
        payee_partner=payee_partner,
        description=_text(description, field="description", what="what the money is for", limit=TEXT_MAX),
        amount=value,
        vat=tax,
        created_by=actor,
    )
    spending.full_clean(exclude=["fund", "requesting_partner", "budget_line", "payee_partner", "created_by"])
    spending.save()
    event_record(
        actor=actor,
        verb="spending_request.created",
        obj=spending,
        organisation=requesting_partner.organisation,
        partnership=fund.partnership,
        payload=_payload(spending),
    )
    return spending


@transaction.atomic
def spending_request_submit(*, actor: User, spending: SpendingRequest) -> SpendingRequest:
    """Send a draft for approval (its maker or their organisation's admins). Above the
    agreement's threshold it then waits for a decision by poll. One
    `spending_request.submitted` event naming the partners who may approve."""
    require(CHANGE, actor, spending)
    refuse_if_closed(spending.fund.partnership, "ask to spend from its fund")
    locked = _locked(spending)
    if locked.status != Status.DRAFT:
        raise Conflict("Only a draft can be sent for approval.")
    defaults = agreement_defaults(spending.fund.partnership)
    locked.needs_decision = locked.amount > defaults["spending_threshold_gbp"]
    locked.status, locked.submitted_at = Status.SUBMITTED, timezone.now()
    locked.save(update_fields=["needs_decision", "status", "submitted_at", "updated_at"])
    approvers = [] if locked.needs_decision else [p.pk for p in approving_partners(locked)]
    event_record(
        actor=actor,
        verb="spending_request.submitted",
        obj=locked,
        organisation=locked.requesting_partner.organisation,
        partnership=spending.fund.partnership,
        payload=_payload(locked, approvers=approvers, needs_decision=locked.needs_decision),
    )
    return locked


@transaction.atomic
def spending_request_withdraw(*, actor: User, spending: SpendingRequest) -> SpendingRequest:
    """Withdraw a draft or a request waiting for approval (its maker or their
    organisation's admins). One `spending_request.withdrawn` event."""
    require(CHANGE, actor, spending)
    locked = _locked(spending)
    if locked.status not in (Status.DRAFT, Status.SUBMITTED):
        raise Conflict("Only a draft or a request waiting for approval can be withdrawn.")
    locked.status = Status.WITHDRAWN
    locked.save(update_fields=["status", "updated_at"])
    event_record(
        actor=actor,
        verb="spending_request.withdrawn",
        obj=locked,
        organisation=locked.requesting_partner.organisation,
        partnership=spending.fund.partnership,
        payload=_payload(locked),
    )
    return locked


@transaction.atomic
def spending_request_approve(*, actor: User, spending: SpendingRequest, partner: Partner) -> Approval:
    """Approve a request for `partner`, which the actor speaks for: never the
    requester's own organisation nor the partner to be paid, once per organisation (the request's row lock, and
    the unique constraint behind it). The approval that reaches the agreement's count
    approves the request in the same transaction. One event:
    `spending_request.approved` when it did, else `spending_request.approval_given`."""
    require(APPROVE, actor, spending.fund)
    refuse_if_closed(spending.fund.partnership, "approve spending")
    locked = _locked(spending)
    if locked.status != Status.SUBMITTED:
        raise Conflict("Only a request waiting for approval can be approved.")
    if locked.needs_decision:
        raise Conflict(
            "This request is above the agreement's threshold: the partnership decides it by a poll, "
            "not by approvals from organisations."
        )
    if partner.pk == locked.requesting_partner_id:
        raise ServiceError("Nobody approves their own organisation's request", field="partner")
    if partner.pk == locked.payee_partner_id:
        raise ServiceError("Nobody approves a payment to their own organisation", field="partner")
    eligible = {p.pk: p for p in approving_partners(locked)}
    if partner.pk not in eligible or not speaks_for(actor, eligible[partner.pk]):
        raise ServiceError("Approve only for a partner organisation you speak for", field="partner")
    if locked.approvals.filter(partner=partner).exists():
        raise Conflict(f"{partner.organisation} has already approved this request.")
    try:
        with transaction.atomic():
            approval = Approval.objects.create(request=locked, partner=partner, user=actor)
    except IntegrityError as twice:  # the other approval committed between our check and insert
        raise Conflict(f"{partner.organisation} has already approved this request.") from twice
    needed = agreement_defaults(locked.fund.partnership)["spending_approvals"]
    done = locked.approvals.count() >= needed
    if done:
        locked.status, locked.decided_at = Status.APPROVED, timezone.now()
        locked.save(update_fields=["status", "decided_at", "updated_at"])
    event_record(
        actor=actor,
        verb="spending_request.approved" if done else "spending_request.approval_given",
        obj=locked,
        organisation=partner.organisation,
        partnership=locked.fund.partnership,
        payload=_payload(locked, partner=partner.pk),
    )
    spending.status = locked.status
    return approval


@transaction.atomic
def spending_request_reject(*, actor: User, spending: SpendingRequest, reason: str) -> SpendingRequest:
    """Refuse a request waiting for approval, with a reason: someone who speaks for
    another contributing partner, or the host's or convener's admins. One
    `spending_request.rejected` event."""
    fund = spending.fund
    refuse_if_closed(fund.partnership, "refuse spending")
    locked = _locked(spending)
    may_reject = any(speaks_for(actor, p) for p in approving_partners(locked))
    if not may_reject:
        require(MANAGE, actor, fund)
    reason = _text(reason, field="reason", what="why the request is refused", limit=TEXT_MAX)
    if locked.status != Status.SUBMITTED:
        raise Conflict("Only a request waiting for approval can be refused.")
    locked.status, locked.reason, locked.decided_at = Status.REJECTED, reason, timezone.now()
    locked.save(update_fields=["status", "reason", "decided_at", "updated_at"])
    event_record(
        actor=actor,
        verb="spending_request.rejected",
        obj=locked,
        organisation=credited_organisation(actor, fund.partnership, roles=EVERY_ROLE),
        partnership=fund.partnership,
        payload=_payload(locked),
    )
    return locked


@transaction.atomic
def spending_request_decision_open(*, actor: User, spending: SpendingRequest) -> Poll:
    """Open the decisions app's proposal poll on a request above the threshold (whoever
    may open polls: the convener's and core partners' members), closing in a week, and
    keep it on the request. Its one event is the poll's `poll.opened`."""
    require(VIEW, actor, spending.fund)
    locked = _locked(spending)
    if locked.status != Status.SUBMITTED or not locked.needs_decision:
        raise Conflict("Only a request waiting for a decision by poll can have one.")
    if locked.poll_id is not None:
        raise Conflict("This request already has its poll.")
    poll = decisions.poll_open(
        actor=actor,
        partnership=spending.fund.partnership,
        kind=Kind.PROPOSAL,
        title=f"Spend £{locked.amount:,.2f} from the pooled fund: {locked.payee}"[:200],
        details=(
            f"{locked.requesting_partner.organisation} asks to pay {locked.payee} "
            f"£{locked.amount:,.2f} (VAT £{locked.vat:,.2f}) from the budget line "
            f"{locked.budget_line}:\n\n{locked.description}\n\n"
            "If the proposal is agreed when the poll closes, the request is approved; otherwise refused."
        )[:5000],
        closes_at=timezone.now() + datetime.timedelta(days=DECISION_DAYS),
    )
    locked.poll = poll
    locked.save(update_fields=["poll", "updated_at"])
    return poll


def decision_carried(poll: Poll) -> bool:
    """The proposal carried: the quorum was met and "agree" alone leads."""
    results = poll_results(poll, poll_options(poll), poll_ballots(poll))
    return results.quorum_met and [o.key for o in results.leading] == ["agree"]


@transaction.atomic
def spending_request_settle(*, spending: SpendingRequest) -> SpendingRequest:
    """Approve or refuse a request whose poll has closed, from the poll's outcome (the
    system acts: no actor). Nothing for any other request, so it may run at any time
    and as often as wanted. One `spending_request.approved` or `.rejected` event."""
    locked = _locked(spending)
    if locked.status != Status.SUBMITTED or locked.poll_id is None:
        return locked
    poll = Poll.objects.select_related("partnership").get(pk=locked.poll_id)
    if poll.status != Poll.Status.CLOSED:
        return locked
    carried = decision_carried(poll)
    locked.decided_at = timezone.now()
    if carried:
        locked.status = Status.APPROVED
    else:
        locked.status = Status.REJECTED
        locked.reason = f"The partnership's poll “{poll.title}” did not agree to it."
    locked.save(update_fields=["status", "reason", "decided_at", "updated_at"])
    event_record(
        actor=None,
        verb="spending_request.approved" if carried else "spending_request.rejected",
        obj=locked,
        partnership=poll.partnership,
        payload=_payload(locked, by_poll=True, automatic=True),
    )
    return locked


@task()
def spending_requests_settle_due() -> int:
    """Settle every request waiting on a poll that has closed; how many were settled."""
    waiting = SpendingRequest.objects.filter(
        status=Status.SUBMITTED, poll__status=Poll.Status.CLOSED
    ).select_related("fund__partnership")
    settled = 0
    for spending in list(waiting):
        if spending_request_settle(spending=spending).status != Status.SUBMITTED:
            settled += 1
    return settled


def on_event_recorded(sender: object, *, verb: str, **kwargs: object) -> None:
    """A poll closed (after its commit): settle the requests it decides, in a task."""
    if verb == "poll.closed":
        spending_requests_settle_due.enqueue()


@transaction.atomic
def spending_request_pay(
    *, actor: User, spending: SpendingRequest, on: datetime.date | None = None
) -> Transaction:
    """Mark an approved request paid (the fiscal host's admins only): posts the payment,
    debit the budget line's expense account, credit the bank, when the bank holds
    enough. One `spending_request.paid` event."""
    fund = spending.fund
    require(HOST, actor, fund)
    refuse_if_closed(fund.partnership, "pay from its fund")
    locked = _locked(spending)
    if locked.status != Status.APPROVED:
        raise Conflict("Only an approved request can be paid.")
    on = _date(on)
    bank = Account.objects.select_for_update().get(fund=fund, name=Account.BANK)
    held = ledger.balance(bank)
    if held < locked.amount:
        raise Conflict(f"The fund holds £{held:,.2f}, not enough to pay £{locked.amount:,.2f}.")
    record = ledger.post(
        fund=fund,
        date=on,
        description=locked.description[:NAME_MAX],
        kind=Transaction.Kind.PAYMENT,
        legs=[(locked.budget_line.account, locked.amount), (bank, -locked.amount)],
        amount=locked.amount,
        vat=locked.vat,
        payee=locked.payee,
        partner_id=locked.payee_partner_id,
        created_by=actor,
    )
    locked.transaction, locked.status = record, Status.PAID
    locked.save(update_fields=["transaction", "status", "updated_at"])
    event_record(
        actor=actor,
        verb="spending_request.paid",
        obj=locked,
        organisation=fund.host.organisation,
        partnership=fund.partnership,
        payload=_payload(locked),
    )
    spending.status = locked.status
    return record


@transaction.atomic
def spending_request_reconcile(
    *, actor: User, spending: SpendingRequest, receipt: UploadedFile | None
) -> SpendingRequest:
    """Close a paid request with its receipt (its maker, their organisation's admins,
    or the fiscal host's admins): a PDF, image or office file under 10 MB whose content
    matches its name (threads' attachment check), stored under a random name. One
    `spending_request.reconciled` event."""
    fund = spending.fund
    if not rules.has_perm(HOST, actor, fund):
        require(CHANGE, actor, spending)
    locked = _locked(spending)
    if locked.status != Status.PAID:
        raise Conflict("Only a paid request can be reconciled.")
    if receipt is None:
        raise ServiceError("Attach the receipt", field="receipt")
    try:
        name, content_type = attachment_check(receipt)
    except ServiceError as wrong:
        raise ServiceError(wrong.message, field="receipt") from wrong
    locked.receipt.save("receipt", receipt, save=False)
    locked.receipt_name, locked.receipt_content_type = name, content_type
    locked.status = Status.RECONCILED
    locked.save(update_fields=["receipt", "receipt_name", "receipt_content_type", "status", "updated_at"])
    event_record(
        actor=actor,
        verb="spending_request.reconciled",
        obj=locked,
        organisation=credited_organisation(actor, fund.partnership, roles=EVERY_ROLE),
        partnership=fund.partnership,
        payload=_payload(locked),
    )
    return locked
