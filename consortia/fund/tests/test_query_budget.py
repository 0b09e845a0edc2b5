"""The fund's overview, its requests and its transactions cost the same number of
queries with 10 or 2,000 transactions (made with bulk_create: grants in, payments out,
each payment a paid request approved by two organisations)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from consortia.core.factories import (
    FundFactory,
    partnership_with_partners,
)
from consortia.core.testing import query_budget
from consortia.fund.models import Account, Approval, BudgetLine, Leg, SpendingRequest, Transaction
from consortia.partnerships.rules import active_partners

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("locmem_cache")]

# The session's user, the partnership, the viewer's memberships, the active partners with
# their organisations and representatives (shared by the permission checks and the page),
# the fund with its host's organisation, the sums of legs by account type, the budget
# lines with their spending and waiting requests, the requests waiting (with their
# organisations, lines and approval counts), the agreement in force (its rules in words),
# + the header's unread notifications count.
OVERVIEW = 11
# The session's user, the partnership, the viewer's memberships, the active partners,
# their representatives, the fund, the requests with their organisations, lines and
# approval counts (one query), + the header's unread count.
REQUESTS = 8
# The session's user, the partnership, the viewer's memberships, the active partners,
# their representatives, the fund, the transactions with their requests and budget lines and the paying
# partners' organisations (one query), the requests' approvals with their organisations
# (one prefetch), + the header's unread count.
TRANSACTIONS = 9
# Table rows that are not the listed items: the header rows (and the overview's budget line).
ROWS_BESIDE = {"fund:overview": 3, "fund:requests": 1, "fund:transactions": 1}


def _fund_with(n):
    partnership, convener_admin = partnership_with_partners(3)
    partners = active_partners(partnership)
    fund = FundFactory(partnership=partnership, host=partners[0])
    bank = fund.accounts.get(name=Account.BANK)
    grants = fund.accounts.get(name=Account.GRANTS)
    line = BudgetLine.objects.create(fund=fund, name="Café", amount=Decimal("5000"))
    expense = Account.objects.create(fund=fund, name="Café", type="expense", budget_line=line)
    day = datetime.date(2027, 1, 1)
    records = Transaction.objects.bulk_create(
        Transaction(
            fund=fund,
            date=day,
            description=f"t{i}",
            kind="grant" if i % 2 else "payment",
            payee="Payee",
            amount=Decimal("10"),
            partner=partners[2] if i % 4 == 0 else None,
        )
        for i in range(n)
    )
    legs = []
    for record in records:
        debit, credit = (bank, grants) if record.kind == "grant" else (expense, bank)
        legs += [
            Leg(transaction=record, account=debit, amount=Decimal("10")),
            Leg(transaction=record, account=credit, amount=Decimal("-10")),
        ]
    Leg.objects.bulk_create(legs)
    requests = SpendingRequest.objects.bulk_create(
        SpendingRequest(
            fund=fund,
            requesting_partner=partners[1],
            budget_line=line,
            payee="Payee",
            description="d",
            amount=Decimal("10"),
            status="paid",
            transaction=record,
        )
        for record in records
        if record.kind == "payment"
    )
    waiting = SpendingRequest.objects.bulk_create(
        SpendingRequest(
            fund=fund,
            requesting_partner=partners[1],
            budget_line=line,
            payee="P",
            description="d",
            amount=Decimal("5"),
            status="submitted",
        )
        for _ in range(max(1, n // 20))
    )
    Approval.objects.bulk_create(
        Approval(request=r, partner=p) for r in requests + waiting for p in (partners[0], partners[2])
    )
    return partnership, convener_admin


@pytest.mark.parametrize("n", [10, 2000])
@pytest.mark.parametrize(
    ("name", "budget"),
    [("fund:overview", OVERVIEW), ("fund:requests", REQUESTS), ("fund:transactions", TRANSACTIONS)],
)
def test_the_fund_pages_cost_the_same_with_10_or_2000_transactions(client, n, name, budget):
    partnership, convener_admin = _fund_with(n)
    client.force_login(convener_admin)

    with query_budget(budget):
        response = client.get(reverse(name, args=[partnership.uuid]))

    assert response.status_code == 200
    shown = {"fund:overview": n // 20 or 1, "fund:requests": n // 2 + (n // 20 or 1), "fund:transactions": n}
    assert response.content.decode().count('<tr class="govuk-table__row">') - ROWS_BESIDE[name] == shown[name]
