"""The fund's double-entry ledger: `post()` is the only writer of legs.

A transaction's legs are signed amounts (debit +, credit -) that sum to zero, and a
transaction has at least two of them. `post()` checks both before anything is written,
and writes the transaction and its legs in one database transaction, so a refusal
leaves nothing behind. On PostgreSQL a DEFERRABLE INITIALLY DEFERRED constraint trigger
(migration 0002) checks the sum again at commit, for any writer (a shell, raw SQL).

Balances are sums of legs: `balance(account)` and `balances(fund)`.
"""

import datetime
from collections.abc import Sequence
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum

from consortia.accounts.models import User
from consortia.core.errors import ServiceError

from .models import Account, Fund, Leg, Transaction

PENCE = Decimal("0.01")
# Money is max_digits=14, decimal_places=2: below a trillion pounds.
LIMIT = Decimal("999999999999.99")


def pence(value: Decimal | int | None) -> Decimal:
    """A money sum rounded to pence (SQLite sums decimals as floats)."""
    return Decimal(value or 0).quantize(PENCE)


@transaction.atomic
def post(
    *,
    fund: Fund,
    date: datetime.date,
    description: str,
    kind: str,
    legs: Sequence[tuple[Account, Decimal]],
    amount: Decimal,
    vat: Decimal = Decimal(0),
    payee: str = "",
    partner_id: int | None = None,
    created_by: User | None = None,
) -> Transaction:
    """Write one transaction and its legs, or nothing: ServiceError when there are
    fewer than two legs, a leg is zero, not in pence, too large or on another fund's
    account, or the legs do not sum to zero."""
    if len(legs) < 2:
        raise ServiceError("A transaction needs at least two legs")
    for account, value in legs:
        if account.fund_id != fund.pk:
            raise ServiceError("Every leg must be on one of this fund's accounts")
        if not isinstance(value, Decimal) or not value.is_finite():
            raise ServiceError("Each leg must be an amount in pounds and pence")
        if value == 0 or abs(value) > LIMIT:
            raise ServiceError("Each leg must be a non-zero amount below a trillion pounds")
        if value != value.quantize(PENCE):
            raise ServiceError("Each leg must be an amount in pounds and pence")
    if sum((value for _, value in legs), Decimal(0)) != 0:
        raise ServiceError("The legs of a transaction must sum to zero")
    record = Transaction(
        fund=fund,
        date=date,
        description=description,
        kind=kind,
        payee=payee,
        partner_id=partner_id,
        amount=amount,
        vat=vat,
        created_by=created_by,
    )
    record.full_clean(exclude=["fund", "partner", "created_by"])
    record.save()
    Leg.objects.bulk_create(Leg(transaction=record, account=account, amount=value) for account, value in legs)
    return record


def balance(account: Account) -> Decimal:
    """The account's balance: the sum of its legs (debit +)."""
    return pence(account.legs.aggregate(total=Sum("amount"))["total"])


def balances(fund: Fund) -> dict[int, Decimal]:
    """Every account of the fund that has legs: account id → sum of its legs (one query)."""
    rows = Leg.objects.filter(account__fund=fund).values_list("account_id").annotate(total=Sum("amount"))
    return {account_id: pence(total) for account_id, total in rows}
