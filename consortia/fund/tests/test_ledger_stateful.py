"""A hypothesis stateful test of the fund and its ledger: any sequence of grants,
partners' contributions, spending requests taken to payment, refused input, unbalanced
postings and failures part-way through a service keeps the books true:

- every transaction's legs sum to zero, and so do all legs;
- each account's balance is the sum of its legs and equals what a plain model of the
  fund (a few Decimals) expects: the bank, each income account, each budget line;
- a refusal or a failure part-way leaves nothing written (no transaction, no leg, no
  request changed).

Each example runs in its own database transaction, rolled back at its end."""

from decimal import Decimal
from unittest import mock

import pytest
from django.db import transaction
from django.db.models import Sum
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from consortia.core.errors import ServiceError
from consortia.core.factories import partnership_with_partners
from consortia.fund import ledger, services
from consortia.fund.models import Account, Leg, SpendingRequest, Transaction
from consortia.fund.selectors import fund_balance, fund_summary
from consortia.partnerships.models import Representative
from consortia.partnerships.rules import active_partners

pytestmark = pytest.mark.django_db

pence = st.integers(min_value=-5_000_00, max_value=20_000_00).map(lambda p: Decimal(p) / 100)
small = st.integers(min_value=1, max_value=500_00).map(lambda p: Decimal(p) / 100)


class Rollback(Exception):
    pass


class FundMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        partnership, self.host_admin = partnership_with_partners(3)
        self.partners = active_partners(partnership)
        speaker = {r.partner_id: r.user for r in Representative.objects.filter(partner__in=self.partners)}
        self.requester, self.approver = speaker[self.partners[1].pk], speaker[self.partners[2].pk]
        self.fund = services.fund_set_up(
            actor=self.host_admin, partnership=partnership, host=self.partners[0]
        )
        self.lines = [
            services.budget_line_create(actor=self.host_admin, fund=self.fund, name=name, amount="1000")
            for name in ("Café", "Travel")
        ]
        self.bank = Decimal(0)
        self.income = {Account.GRANTS: Decimal(0), Account.CONTRIBUTIONS: Decimal(0)}
        self.spent = {line.pk: Decimal(0) for line in self.lines}

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    def _written(self) -> tuple[int, int, int]:
        return (
            Transaction.objects.count(),
            Leg.objects.count(),
            SpendingRequest.objects.exclude(status="draft").count(),
        )

    def _refused(self, call) -> None:
        before = self._written()
        with pytest.raises(ServiceError):
            call()
        assert self._written() == before

    @rule(amount=pence)
    def grant(self, amount: Decimal) -> None:
        call = lambda: services.income_record(  # noqa: E731
            actor=self.host_admin,
            fund=self.fund,
            kind="grant",
            amount=amount,
            description="Grant",
            payer="Funder",
        )
        if amount <= 0:
            self._refused(call)
            return
        call()
        self.bank += amount
        self.income[Account.GRANTS] += amount

    @rule(amount=pence, which=st.integers(min_value=0, max_value=2))
    def contribution(self, amount: Decimal, which: int) -> None:
        call = lambda: services.income_record(  # noqa: E731
            actor=self.host_admin,
            fund=self.fund,
            kind="contribution",
            amount=amount,
            description="Share",
            partner=self.partners[which],
        )
        if amount <= 0:
            self._refused(call)
            return
        call()
        self.bank += amount
        self.income[Account.CONTRIBUTIONS] += amount

    @rule(amount=small, line=st.integers(min_value=0, max_value=1))
    def spend(self, amount: Decimal, line: int) -> None:
        spending = services.spending_request_create(
            actor=self.requester,
            fund=self.fund,
            requesting_partner=self.partners[1],
            budget_line=self.lines[line],
            payee="Payee",
            description="Spending",
            amount=amount,
        )
        services.spending_request_submit(actor=self.requester, spending=spending)
        services.spending_request_approve(actor=self.host_admin, spending=spending, partner=self.partners[0])
        services.spending_request_approve(actor=self.approver, spending=spending, partner=self.partners[2])
        pay = lambda: services.spending_request_pay(actor=self.host_admin, spending=spending)  # noqa: E731
        if amount > self.bank:
            self._refused(pay)  # not enough money: nothing posted, still approved
            spending.refresh_from_db()
            assert spending.status == SpendingRequest.Status.APPROVED
            return
        pay()
        self.bank -= amount
        self.spent[self.lines[line].pk] += amount

    @rule(amount=small, skew=st.sampled_from([Decimal("0.01"), Decimal("-0.01"), Decimal("1")]))
    def unbalanced_posting(self, amount: Decimal, skew: Decimal) -> None:
        bank = self.fund.accounts.get(name=Account.BANK)
        grants = self.fund.accounts.get(name=Account.GRANTS)
        self._refused(
            lambda: ledger.post(
                fund=self.fund,
                date=self.fund.created_at.date(),
                description="Wrong",
                kind="grant",
                legs=[(bank, amount), (grants, -amount + skew)],
                amount=amount,
            )
        )

    @rule(amount=small)
    def failure_part_way(self, amount: Decimal) -> None:
        """The event after the posting fails: the posting is rolled back with it."""
        before = self._written()
        failing = mock.patch.object(services, "event_record", side_effect=RuntimeError("the disk is full"))
        with failing, pytest.raises(RuntimeError):
            services.income_record(
                actor=self.host_admin, fund=self.fund, kind="grant", amount=amount, description="G", payer="F"
            )
        assert self._written() == before

    @invariant()
    def every_transaction_balances(self) -> None:
        unbalanced = (
            Leg.objects.filter(transaction__fund=self.fund)
            .values("transaction")
            .annotate(total=Sum("amount"))
            .exclude(total=0)
        )
        assert list(unbalanced) == []
        assert (
            ledger.pence(Leg.objects.filter(transaction__fund=self.fund).aggregate(t=Sum("amount"))["t"]) == 0
        )
        assert Transaction.objects.filter(fund=self.fund, legs__isnull=True).count() == 0

    @invariant()
    def balances_are_the_sums_of_entries(self) -> None:
        assert fund_balance(self.fund) == self.bank
        by_account = ledger.balances(self.fund)
        for account in self.fund.accounts.all():
            legs = sum(account.legs.values_list("amount", flat=True), Decimal(0))
            assert by_account.get(account.pk, Decimal(0)) == legs == ledger.balance(account)
            if account.name in self.income:
                assert -legs == self.income[account.name]
        summary = fund_summary(self.fund)
        assert summary.balance == self.bank
        assert {row.line.pk: row.actual for row in summary.lines} == self.spent
        assert summary.income - summary.spending == self.bank


def test_the_books_stay_true_whatever_happens(db):
    run_state_machine_as_test(
        FundMachine,
        settings=settings(
            max_examples=20,
            stateful_step_count=12,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
