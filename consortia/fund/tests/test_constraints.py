"""The database holds the fund's invariants itself, so a change made by hand (a shell,
a data migration) cannot break them: amounts above zero and VAT within them, a leg is
never zero, one approval per organisation per request, a rejected request has its
reason, a paid one its transaction, a reconciled one its receipt; and on PostgreSQL a
transaction's legs sum to zero at commit (the deferred constraint trigger)."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from consortia.core.factories import SpendingRequestFactory
from consortia.fund.models import Account, Approval, Leg, SpendingRequest, Transaction

pytestmark = pytest.mark.django_db


def _refused(model, pk, **fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(pk=pk).update(**fields)


@pytest.mark.parametrize(
    "fields",
    [
        {"amount": Decimal("0")},
        {"amount": Decimal("-1")},
        {"vat": Decimal("-1")},
        {"vat": Decimal("500")},
        {"status": "lost"},
        {"status": "rejected"},
        {"status": "paid"},
        {"status": "reconciled"},
    ],
    ids=[
        "zero",
        "negative",
        "negative VAT",
        "VAT above the amount",
        "unknown status",
        "rejected without reason",
        "paid without transaction",
        "reconciled without receipt",
    ],
)
def test_a_spending_request_keeps_its_invariants(fields):
    _refused(SpendingRequest, SpendingRequestFactory().pk, **fields)


def test_an_organisation_approves_a_request_once():
    spending = SpendingRequestFactory(status="submitted")
    Approval.objects.create(request=spending, partner=spending.requesting_partner)
    with pytest.raises(IntegrityError), transaction.atomic():
        Approval.objects.create(request=spending, partner=spending.requesting_partner)


def _transaction(fund):
    return Transaction.objects.create(
        fund=fund, date="2027-01-01", description="x", kind="grant", amount=Decimal("10")
    )


def test_a_leg_is_never_zero():
    spending = SpendingRequestFactory()
    record = _transaction(spending.fund)
    with pytest.raises(IntegrityError), transaction.atomic():
        Leg.objects.create(transaction=record, account=spending.fund.accounts.first(), amount=Decimal("0"))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the deferred trigger is PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_postgresql_refuses_unbalanced_legs_at_commit():
    fund = SpendingRequestFactory().fund
    bank = fund.accounts.get(name=Account.BANK)
    grants = fund.accounts.get(name=Account.GRANTS)
    record = _transaction(fund)
    with pytest.raises(IntegrityError, match="unbalanced"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO fund_leg (transaction_id, account_id, amount) VALUES (%s, %s, 10), (%s, %s, -9)",
                [record.pk, bank.pk, record.pk, grants.pk],
            )
        # The trigger is deferred: the unbalanced rows are accepted until the commit.
        assert Leg.objects.filter(transaction=record).count() == 2
    assert not Leg.objects.filter(transaction=record).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the deferred trigger is PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_postgresql_accepts_balanced_legs_and_refuses_unbalancing_them_later():
    fund = SpendingRequestFactory().fund
    bank = fund.accounts.get(name=Account.BANK)
    grants = fund.accounts.get(name=Account.GRANTS)
    record = _transaction(fund)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO fund_leg (transaction_id, account_id, amount) VALUES (%s, %s, 10), (%s, %s, -10)",
            [record.pk, bank.pk, record.pk, grants.pk],
        )
    with (
        pytest.raises(IntegrityError, match="unbalanced"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE fund_leg SET amount = 11 WHERE account_id = %s", [bank.pk])
    assert sorted(Leg.objects.filter(transaction=record).values_list("amount", flat=True)) == [-10, 10]
