"""The demo partnership's pooled fund: the council holds it, a grant received, two
budget lines for the canvas's outcomes, one request approved by two other partners and
paid, one waiting for approval."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from consortia.fund.models import Fund, SpendingRequest
from consortia.fund.selectors import fund_balance

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_fund_with_a_paid_request_and_one_waiting():
    call_command("demo")

    fund = Fund.objects.select_related("host__organisation").get()
    assert fund.host.organisation.name == "Northshire County Council"
    assert fund_balance(fund) == Decimal("11760.00")
    assert [line.outcome is not None for line in fund.budget_lines.all()] == [True, True]
    paid = SpendingRequest.objects.get(status="paid")
    assert sorted(a.partner.organisation.name for a in paid.approvals.all()) == [
        "Northshire Carers Centre",
        "Riverside Medical Practice",
    ]
    assert SpendingRequest.objects.filter(status="submitted").count() == 1
