"""The pooled fund: one partner (the fiscal host) holds the partnership's money, and
every movement of it is kept in double entry.

Why our own small ledger and not django-hordak: hordak refuses to run on SQLite, our
default database for development and tests, and we need only a few accounts per fund.
So: `Account`s, `Transaction`s and their `Leg`s (signed amounts, debit +, credit -).
`consortia/fund/ledger.py` `post()` is the only writer of legs; it checks that a
transaction's legs sum to zero, and on PostgreSQL a deferred constraint trigger
(migration 0002) checks the same at commit, so a hand-written fix cannot unbalance the
books either. A balance is always the sum of an account's legs, never a stored total.

Budget lines (each with its own expense account) may serve a canvas outcome. Spending
requests go draft → submitted → approved → paid → reconciled (with a receipt), or end
rejected (with a reason) or withdrawn by the requester. Each partner organisation
approves a request at most once (a unique constraint holds it).
"""

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from consortia.canvas.models import Outcome
from consortia.core.models import BaseModel
from consortia.decisions.models import Poll
from consortia.partnerships.models import Partner, Partnership

CURRENCY = "GBP"
MONEY: dict[str, Any] = {"max_digits": 14, "decimal_places": 2}
NAME_MAX = 200
TEXT_MAX = 2_000


class Fund(BaseModel):
    """A partnership's pooled fund, held by its fiscal host (one of its partners)."""

    partnership = models.OneToOneField(Partnership, on_delete=models.CASCADE, related_name="fund")
    host = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="funds_hosted")
    currency = models.CharField(max_length=3, default=CURRENCY)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(currency=CURRENCY), name="fund_currency_gbp")]

    def __str__(self) -> str:
        return f"pooled fund of {self.partnership}"


class BudgetLine(BaseModel):
    """What the partnership plans to spend on something, optionally for a canvas outcome."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="budget_lines")
    name = models.CharField(max_length=NAME_MAX)
    amount = models.DecimalField("amount budgeted", **MONEY)
    outcome = models.ForeignKey(
        Outcome, null=True, blank=True, on_delete=models.SET_NULL, related_name="budget_lines"
    )

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "name"], name="budget_line_name_unique"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_line_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return self.name


class Account(BaseModel):
    class Type(models.TextChoices):
        ASSET = "asset", "Asset"
        LIABILITY = "liability", "Liability"
        INCOME = "income", "Income"
        EXPENSE = "expense", "Expense"
        EQUITY = "equity", "Equity"

    # The fund's standing accounts, made with it (services.fund_setup); a budget line's
    # expense account is made with the line.
    BANK, GRANTS, CONTRIBUTIONS = "Bank", "Grants", "Partner contributions"

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="accounts")
    name = models.CharField(max_length=NAME_MAX)
    type = models.CharField(max_length=16, choices=Type.choices)
    budget_line = models.OneToOneField(
        BudgetLine, null=True, blank=True, on_delete=models.PROTECT, related_name="account"
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "name"], name="account_name_unique"),
            models.CheckConstraint(
                condition=Q(type__in=["asset", "liability", "income", "expense", "equity"]),
                name="account_type_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Transaction(BaseModel):
    class Kind(models.TextChoices):
        GRANT = "grant", "Grant received"
        CONTRIBUTION = "contribution", "Partner contribution"
        PAYMENT = "payment", "Payment"

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="transactions")
    date = models.DateField()
    description = models.CharField(max_length=NAME_MAX)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    # Who paid in (a grant's funder, a partner) or was paid (a payment's payee).
    payee = models.CharField("payer or payee", max_length=NAME_MAX, blank=True)
    # The partner who paid in a contribution.
    partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.PROTECT, related_name="fund_transactions"
    )
    # The gross amount (what left or reached the bank) and the VAT within it.
    amount = models.DecimalField(**MONEY)
    vat = models.DecimalField("VAT", default=0, **MONEY)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["fund", "date"], name="fund_transaction_date")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="transaction_amount_positive"),
            models.CheckConstraint(
                condition=Q(vat__gte=0, vat__lte=models.F("amount")), name="transaction_vat"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["grant", "contribution", "payment"]), name="transaction_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date}: {self.description}"


class Leg(models.Model):
    """One side of a transaction: a signed amount on one account (debit +, credit -).
    Written only by ledger.post()."""

    transaction = models.ForeignKey(Transaction, on_delete=models.CASCADE, related_name="legs")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="legs")
    amount = models.DecimalField(**MONEY)

    class Meta:
        ordering = ["pk"]
        constraints = [models.CheckConstraint(condition=~Q(amount=0), name="leg_amount_not_zero")]

    def __str__(self) -> str:
        return f"{self.account}: {self.amount}"


def _receipt_name(instance: "SpendingRequest", filename: str) -> str:
    """A random name, nothing of the uploader's: the shown name is `receipt_name`."""
    return f"fund-receipts/{secrets.token_hex(16)}"


class SpendingRequest(BaseModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Waiting for approval"
        APPROVED = "approved", "Approved"
        PAID = "paid", "Paid"
        RECONCILED = "reconciled", "Reconciled"
        REJECTED = "rejected", "Rejected"
        WITHDRAWN = "withdrawn", "Withdrawn"

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="requests")
    requesting_partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="spending_requests"
    )
    budget_line = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="requests")
    payee = models.CharField(max_length=NAME_MAX)
    # A partner organisation paid for its services (counted in fair shares).
    payee_partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.PROTECT, related_name="spending_received"
    )
    description = models.TextField(max_length=TEXT_MAX)
    amount = models.DecimalField(**MONEY)
    vat = models.DecimalField("VAT", default=0, **MONEY)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    reason = models.TextField("reason for rejecting", max_length=TEXT_MAX, blank=True)
    # Above the agreement's threshold the partnership decides by a poll.
    poll = models.OneToOneField(Poll, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    needs_decision = models.BooleanField(default=False)
    transaction = models.OneToOneField(
        Transaction, null=True, blank=True, on_delete=models.PROTECT, related_name="spending_request"
    )
    receipt = models.FileField(upload_to=_receipt_name, max_length=200, blank=True)
    receipt_name = models.CharField(max_length=200, blank=True)
    receipt_content_type = models.CharField(max_length=100, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["fund", "status"], name="spending_request_status")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="spending_amount_positive"),
            models.CheckConstraint(condition=Q(vat__gte=0, vat__lte=models.F("amount")), name="spending_vat"),
            models.CheckConstraint(
                condition=Q(
                    status__in=[
                        "draft",
                        "submitted",
                        "approved",
                        "paid",
                        "reconciled",
                        "rejected",
                        "withdrawn",
                    ]
                ),
                name="spending_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(reason=""), name="spending_rejected_has_reason"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["paid", "reconciled"]) | Q(transaction__isnull=False),
                name="spending_paid_has_transaction",
            ),
            models.CheckConstraint(
                condition=~Q(status="reconciled") | ~Q(receipt=""), name="spending_reconciled_has_receipt"
            ),
        ]

    def __str__(self) -> str:
        return f"£{self.amount} to {self.payee}"

    @property
    def is_waiting(self) -> bool:
        return self.status == self.Status.SUBMITTED


class Approval(BaseModel):
    """One partner organisation's approval of a spending request, given by someone who
    speaks for it. At most one per organisation per request (the constraint holds it
    even when two of its people press the button at once)."""

    request = models.ForeignKey(SpendingRequest, on_delete=models.CASCADE, related_name="approvals")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="spending_approvals")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "partner"], name="approval_one_per_organisation")
        ]

    def __str__(self) -> str:
        return f"approval of {self.request} by {self.partner}"
