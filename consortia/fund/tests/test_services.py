"""The fund's services: the whole path of a request (draft, submitted, approved by two
other organisations, paid, reconciled), the ledger they write, and every bad input the
issue names, each refused with a message and nothing written."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from consortia.core.errors import Conflict, ServiceError
from consortia.core.models import Event
from consortia.core.testing import snapshot
from consortia.fund import ledger, services
from consortia.fund.models import Account, Approval, Leg, SpendingRequest, Transaction
from consortia.fund.selectors import fund_balance, fund_summary, spending_by_payee_partner

from .conftest import approved, draft, submitted

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def receipt(content=PDF, name="receipt.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def refused(call, error=ServiceError, match=""):
    """`call` raises `error` (with `match` in its message) and writes nothing."""
    before = snapshot()
    with pytest.raises(error) as raised:
        call()
    assert snapshot() == before
    assert match in str(getattr(raised.value, "message", raised.value))
    return raised.value


def test_it_sets_up_the_fund_with_its_bank_and_income_accounts(fw):
    assert set(fw.fund.accounts.values_list("name", "type")) == {
        ("Bank", "asset"),
        ("Grants", "income"),
        ("Partner contributions", "income"),
        ("Carers' café", "expense"),
    }
    assert fund_balance(fw.fund) == Decimal("10000.00")
    assert Event.objects.filter(verb="fund.set_up").count() == 1


def test_it_lets_only_the_conveners_admins_set_up_the_fund(world):
    refused(
        lambda: services.fund_set_up(
            actor=world.users["partner_admin"], partnership=world.partnership, host=world.core_partner
        ),
        PermissionDenied,
    )


def test_it_takes_a_request_from_draft_to_reconciled(fw, world):
    spending = approved(fw, world)
    assert spending.status == SpendingRequest.Status.APPROVED
    assert spending.approvals.count() == 2

    record = services.spending_request_pay(actor=world.users["convener_admin"], spending=spending)
    assert [leg.amount for leg in record.legs.order_by("amount")] == [Decimal("-120.00"), Decimal("120.00")]
    assert fund_balance(fw.fund) == Decimal("9880.00")
    summary = fund_summary(fw.fund)
    assert (summary.lines[0].actual, summary.income, summary.spending) == (
        Decimal("120.00"),
        Decimal("10000.00"),
        Decimal("120.00"),
    )

    spending = services.spending_request_reconcile(
        actor=world.users["partner_member"], spending=spending, receipt=receipt()
    )
    assert spending.status == SpendingRequest.Status.RECONCILED
    assert spending.receipt_name == "receipt.pdf"
    verbs = list(Event.objects.filter(verb__startswith="spending_request.").values_list("verb", flat=True))
    assert sorted(verbs) == sorted(
        [
            "spending_request.created",
            "spending_request.submitted",
            "spending_request.approval_given",
            "spending_request.approved",
            "spending_request.paid",
            "spending_request.reconciled",
        ]
    )


def test_it_counts_paid_spending_per_payee_partner(fw, world):
    # An observing partner paid for its services (the approvers are the convener and Third Org).
    spending = approved(fw, world, payee="Observer Org", payee_partner=world.observer_partner)
    services.spending_request_pay(actor=world.users["convener_admin"], spending=spending)
    assert spending_by_payee_partner(world.partnership) == {world.observer_partner.pk: Decimal("120.00")}


def test_it_records_a_partners_contribution_in_the_bank(fw, world):
    record = services.income_record(
        actor=world.users["convener_admin"],
        fund=fw.fund,
        kind="contribution",
        amount="250.50",
        description="Core Org's share for 2027",
        partner=world.core_partner,
    )
    assert record.payee == "Core Org"
    assert fund_balance(fw.fund) == Decimal("10250.50")
    assert ledger.balance(fw.fund.accounts.get(name=Account.CONTRIBUTIONS)) == Decimal("-250.50")


@pytest.mark.parametrize(
    "amount", ["0", "-5", "0.001", "abc", "1e30"], ids=["zero", "negative", "mills", "text", "huge"]
)
def test_it_refuses_a_request_for_a_wrong_amount(fw, world, amount):
    refused(lambda: draft(fw, world, amount=amount))


def test_it_refuses_vat_above_the_amount(fw, world):
    refused(lambda: draft(fw, world, amount="100", vat="120"), match="VAT")


@pytest.mark.parametrize("where", ["request", "income", "budget line"])
def test_it_refuses_a_currency_other_than_pounds(fw, world, where):
    convener = world.users["convener_admin"]
    calls = {
        "request": lambda: draft(fw, world, currency="EUR"),
        "income": lambda: services.income_record(
            actor=convener,
            fund=fw.fund,
            kind="grant",
            amount="10",
            description="x",
            payer="y",
            currency="USD",
        ),
        "budget line": lambda: services.budget_line_create(
            actor=convener, fund=fw.fund, name="Travel", amount="10", currency="EUR"
        ),
    }
    refused(calls[where], match="GBP")


@pytest.mark.parametrize("amount", ["0", "-100"], ids=["zero", "negative"])
def test_it_refuses_income_of_no_money(fw, world, amount):
    refused(
        lambda: services.income_record(
            actor=world.users["convener_admin"],
            fund=fw.fund,
            kind="grant",
            amount=amount,
            description="x",
            payer="y",
        )
    )


def test_it_refuses_approval_for_ones_own_organisations_request(fw, world):
    spending = submitted(fw, world)
    refused(
        lambda: services.spending_request_approve(
            actor=world.users["partner_admin"], spending=spending, partner=world.core_partner
        ),
        match="own organisation",
    )


def test_it_refuses_approval_for_the_partner_to_be_paid(fw, world):
    spending = submitted(fw, world, payee="Third Org", payee_partner=fw.third_partner)
    refused(
        lambda: services.spending_request_approve(
            actor=fw.third_admin, spending=spending, partner=fw.third_partner
        ),
        match="payment to their own organisation",
    )
    assert services.approving_partners(spending) == [world.convener_partner]


def test_it_refuses_approving_twice_for_one_organisation(fw, world):
    spending = submitted(fw, world)
    convener = world.users["convener_admin"]
    services.spending_request_approve(actor=convener, spending=spending, partner=world.convener_partner)
    refused(
        lambda: services.spending_request_approve(
            actor=convener, spending=spending, partner=world.convener_partner
        ),
        Conflict,
        match="already approved",
    )
    assert Approval.objects.count() == 1


def test_it_refuses_approval_for_an_organisation_one_does_not_speak_for(fw, world):
    spending = submitted(fw, world)
    refused(
        lambda: services.spending_request_approve(
            actor=world.users["convener_admin"], spending=spending, partner=fw.third_partner
        ),
        match="speak for",
    )


def test_it_refuses_approval_from_someone_who_speaks_for_no_organisation(fw, world):
    spending = submitted(fw, world)
    refused(
        lambda: services.spending_request_approve(
            actor=world.users["observer"], spending=spending, partner=world.observer_partner
        ),
        PermissionDenied,
    )


def test_it_refuses_to_pay_an_unapproved_request(fw, world):
    spending = submitted(fw, world)
    refused(
        lambda: services.spending_request_pay(actor=world.users["convener_admin"], spending=spending),
        Conflict,
        match="approved",
    )


def test_it_lets_only_the_hosts_admins_pay(fw, world):
    spending = approved(fw, world)
    refused(lambda: services.spending_request_pay(actor=fw.third_admin, spending=spending), PermissionDenied)


def test_it_refuses_to_pay_more_than_the_fund_holds(fw, world):
    services.budget_line_create(actor=world.users["convener_admin"], fund=fw.fund, name="Big", amount="1")
    spending = approved(fw, world)
    SpendingRequest.objects.filter(pk=spending.pk).update(amount=Decimal("20000"))
    spending.refresh_from_db()
    refused(
        lambda: services.spending_request_pay(actor=world.users["convener_admin"], spending=spending),
        Conflict,
        match="not enough",
    )


def test_it_refuses_to_reconcile_without_a_receipt(fw, world):
    spending = approved(fw, world)
    services.spending_request_pay(actor=world.users["convener_admin"], spending=spending)
    refused(
        lambda: services.spending_request_reconcile(
            actor=world.users["partner_member"], spending=spending, receipt=None
        ),
        match="receipt",
    )


def test_it_refuses_a_receipt_that_is_not_what_its_name_says(fw, world):
    spending = approved(fw, world)
    services.spending_request_pay(actor=world.users["convener_admin"], spending=spending)
    error = refused(
        lambda: services.spending_request_reconcile(
            actor=world.users["partner_member"], spending=spending, receipt=receipt(b"<html>hi</html>")
        )
    )
    assert error.field == "receipt"


def test_it_refuses_to_reconcile_an_unpaid_request(fw, world):
    spending = approved(fw, world)
    refused(
        lambda: services.spending_request_reconcile(
            actor=world.users["partner_member"], spending=spending, receipt=receipt()
        ),
        Conflict,
    )


def test_it_lets_the_requester_withdraw_while_waiting(fw, world):
    spending = submitted(fw, world)
    spending = services.spending_request_withdraw(actor=world.users["partner_member"], spending=spending)
    assert spending.status == SpendingRequest.Status.WITHDRAWN
    refused(
        lambda: services.spending_request_approve(
            actor=world.users["convener_admin"], spending=spending, partner=world.convener_partner
        ),
        Conflict,
    )


def test_it_rejects_with_a_reason_only(fw, world):
    spending = submitted(fw, world)
    refused(
        lambda: services.spending_request_reject(actor=fw.third_admin, spending=spending, reason="  "),
        match="why",
    )
    spending = services.spending_request_reject(
        actor=fw.third_admin, spending=spending, reason="Not in the plan"
    )
    assert (spending.status, spending.reason) == ("rejected", "Not in the plan")


def test_it_refuses_a_request_for_another_organisation(fw, world):
    refused(lambda: draft(fw, world, requesting_partner=fw.third_partner), match="your own organisation")


def test_it_refuses_a_request_from_an_observer(fw, world):
    refused(
        lambda: draft(fw, world, actor=world.users["observer"], requesting_partner=world.observer_partner),
        PermissionDenied,
    )


def test_it_leaves_nothing_written_when_a_leg_is_wrong(fw):
    bank = fw.fund.accounts.get(name=Account.BANK)
    grants = fw.fund.accounts.get(name=Account.GRANTS)
    before = (Transaction.objects.count(), Leg.objects.count())
    for legs in (
        [(bank, Decimal("10.00"))],
        [(bank, Decimal("10.00")), (grants, Decimal("-9.99"))],
        [(bank, Decimal("10.00")), (grants, Decimal("-10.00")), (grants, Decimal("0.00"))],
        [(bank, Decimal("10.005")), (grants, Decimal("-10.005"))],
    ):
        with pytest.raises(ServiceError):
            ledger.post(
                fund=fw.fund,
                date=fw.fund.created_at.date(),
                description="x",
                kind="grant",
                legs=legs,
                amount=Decimal("10"),
            )
    assert (Transaction.objects.count(), Leg.objects.count()) == before


def test_it_counts_a_partners_cash_contribution_in_the_contributions_ledger_once(fw, world):
    from consortia.contributions.models import Entry
    from consortia.contributions.selectors import totals_by_partner
    from consortia.fund.services import _count_in_ledger

    record = services.income_record(
        actor=world.users["convener_admin"],
        fund=fw.fund,
        kind="contribution",
        amount="300",
        description="Core Org's share",
        partner=world.core_partner,
    )
    entry = Entry.objects.get(source_key=f"fund.transaction:{record.pk}")
    assert (entry.partner, entry.kind, entry.value_gbp) == (
        world.core_partner,
        Entry.Kind.MONEY,
        Decimal("300.00"),
    )
    _count_in_ledger(record, world.core_partner)  # again: the source key makes it a no-op
    assert Entry.objects.filter(source_key=f"fund.transaction:{record.pk}").count() == 1
    assert totals_by_partner(world.partnership) == {world.core_partner.pk: Decimal("300.00")}


def test_it_leaves_grants_out_of_the_contributions_ledger(fw):
    from consortia.contributions.models import Entry

    assert not Entry.objects.exists()
