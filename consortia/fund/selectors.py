"""Reading the pooled fund: its balance, budget versus actual, requests and
transactions, the export's rows, and what other apps read (`fund_balance`,
`spending_by_payee_partner`, for fair shares). Money sums are rounded to pence
(SQLite sums decimals as floats)."""

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum

from consortia.agreements.selectors import agreement_defaults
from consortia.partnerships.models import Partnership

from .ledger import pence
from .models import Account, Approval, BudgetLine, Fund, Leg, SpendingRequest, Transaction

PAID = (SpendingRequest.Status.PAID, SpendingRequest.Status.RECONCILED)


def fund_get(partnership: Partnership) -> Fund | None:
    """The partnership's fund with its host's organisation, or None (one query)."""
    return Fund.objects.filter(partnership=partnership).select_related("host__organisation").first()


def fund_balance(fund: Fund) -> Decimal:
    """The money the fund holds: the sum of its bank account's legs (one query)."""
    total = Leg.objects.filter(account__fund=fund, account__name=Account.BANK).aggregate(t=Sum("amount"))["t"]
    return pence(total)


def spending_by_payee_partner(partnership: Partnership) -> dict[int, Decimal]:
    """Paid spending per payee partner id (the partner organisations paid for their
    services), for fair shares; partners never paid are absent (one query)."""
    rows = (
        Transaction.objects.filter(
            fund__partnership=partnership, kind=Transaction.Kind.PAYMENT, partner__isnull=False
        )
        .values_list("partner_id")
        .annotate(total=Sum("amount"))
    )
    return {partner_id: pence(total) for partner_id, total in rows}


@dataclass
class LineRow:
    line: BudgetLine
    actual: Decimal
    waiting: int

    @property
    def remaining(self) -> Decimal:
        return self.line.amount - self.actual

    @property
    def over(self) -> bool:
        return self.actual > self.line.amount


@dataclass
class Summary:
    balance: Decimal
    income: Decimal
    spending: Decimal
    lines: list[LineRow]
    budgeted: Decimal
    waiting: int


def fund_summary(fund: Fund) -> Summary:
    """The overview's figures: balance, income and spending (sums of legs by account
    type, one query), and budget versus actual per line with the requests waiting on
    each (one query)."""
    by_type = dict(
        Leg.objects.filter(account__fund=fund).values_list("account__type").annotate(total=Sum("amount"))
    )
    balance = pence(by_type.get(Account.Type.ASSET))
    lines = list(
        fund.budget_lines.select_related("outcome").annotate(
            # A subquery, not a join: joined with the requests it would count each leg
            # once per request on the line (the stateful test found it).
            actual=Subquery(
                Leg.objects.filter(account__budget_line=OuterRef("pk"))
                .values("account__budget_line")
                .annotate(total=Sum("amount"))
                .values("total")
            ),
            waiting=Count(
                "requests", filter=Q(requests__status=SpendingRequest.Status.SUBMITTED), distinct=True
            ),
        )
    )
    rows = [LineRow(line, pence(line.actual), line.waiting) for line in lines]
    return Summary(
        balance=balance,
        income=-pence(by_type.get(Account.Type.INCOME)),
        spending=pence(by_type.get(Account.Type.EXPENSE)),
        lines=rows,
        budgeted=pence(sum((r.line.amount for r in rows), Decimal(0))),
        waiting=sum(r.waiting for r in rows),
    )


def request_list(fund: Fund, *, status: str = "") -> QuerySet[SpendingRequest]:
    """The fund's requests, newest first, with what the list shows (one query)."""
    requests = fund.requests.select_related(
        "requesting_partner__organisation", "budget_line", "payee_partner__organisation"
    ).annotate(approval_count=Count("approvals"))
    return requests.filter(status=status) if status else requests


def request_get(fund: Fund, uuid: Any) -> SpendingRequest | None:
    """One request with its approvals (two queries)."""
    return (
        fund.requests.filter(uuid=uuid)
        .select_related(
            "requesting_partner__organisation",
            "budget_line__outcome",
            "payee_partner__organisation",
            "created_by",
            "poll",
            "transaction",
        )
        .prefetch_related(
            Prefetch("approvals", queryset=Approval.objects.select_related("partner__organisation", "user"))
        )
        .first()
    )


def transaction_list(fund: Fund) -> QuerySet[Transaction]:
    """The fund's transactions, newest first, each with its request, budget line and
    the organisations that approved it (two queries)."""
    return fund.transactions.select_related(
        "spending_request__budget_line", "partner__organisation"
    ).prefetch_related(
        Prefetch(
            "spending_request__approvals",
            queryset=Approval.objects.select_related("partner__organisation"),
        )
    )


def approval_rules(fund: Fund) -> dict[str, Any]:
    """The agreement's spending rules, for the pages to say in words."""
    defaults = agreement_defaults(fund.partnership)
    return {
        "threshold": defaults["spending_threshold_gbp"],
        "approvals": defaults["spending_approvals"],
        "version": defaults["version"],
    }


EXPORT_HEADER = [
    "Date",
    "Type",
    "Description",
    "Budget line",
    "Payer or payee",
    "Amount (GBP)",
    "VAT (GBP)",
    "Status",
    "Approved by",
]


def export_rows(fund: Fund) -> Iterator[list[Any]]:
    """One row per transaction for the accountant, oldest first: money in is
    positive, money out negative; a payment's status and the organisations that
    approved it (or the poll that decided it)."""
    for record in transaction_list(fund).order_by("date", "pk"):
        request = getattr(record, "spending_request", None)
        out = record.kind == Transaction.Kind.PAYMENT
        approvers = ""
        status = "received"
        if request is not None:
            status = request.get_status_display().lower()
            names = [a.partner.organisation.name for a in request.approvals.all()]
            approvers = "; ".join(names) or ("decided by poll" if request.needs_decision else "")
        yield [
            record.date,
            record.get_kind_display(),
            record.description,
            request.budget_line.name if request else "",
            record.payee,
            -record.amount if out else record.amount,
            record.vat,
            status,
            approvers,
        ]
