"""The fund's world: the shared world (conftest.py at the root) with a third partner,
"Third Org" (core, its admin Tess speaks for it), and a pooled fund held by the
convener ("Convener Org", whose admin Cora is the host's admin) with one budget line
and a grant of £10,000 received. Under the default agreement a request up to £500
needs two approvals from organisations other than the requester's; above it, a poll."""

from dataclasses import dataclass
from decimal import Decimal

import pytest

from consortia.core.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnerFactory,
    RepresentativeFactory,
    UserFactory,
)
from consortia.fund import services
from consortia.fund.models import BudgetLine, Fund


@dataclass
class FundWorld:
    fund: Fund
    line: BudgetLine
    third_partner: object
    third_admin: object


def draft(fw, world, **overrides):
    """A draft request by the core partner's plain member for Core Org."""
    kwargs = {
        "actor": world.users["partner_member"],
        "fund": fw.fund,
        "requesting_partner": world.core_partner,
        "budget_line": fw.line,
        "payee": "Riverside Hall",
        "description": "Room hire for the carers' café",
        "amount": "120.00",
        "vat": "20.00",
        **overrides,
    }
    return services.spending_request_create(**kwargs)


def submitted(fw, world, **overrides):
    spending = draft(fw, world, **overrides)
    return services.spending_request_submit(actor=world.users["partner_member"], spending=spending)


def approved(fw, world, **overrides):
    spending = submitted(fw, world, **overrides)
    services.spending_request_approve(
        actor=world.users["convener_admin"], spending=spending, partner=world.convener_partner
    )
    services.spending_request_approve(actor=fw.third_admin, spending=spending, partner=fw.third_partner)
    spending.refresh_from_db()
    return spending


@pytest.fixture
def fw(world) -> FundWorld:
    third_org = OrganisationFactory(name="Third Org")
    third = PartnerFactory(partnership=world.partnership, organisation=third_org, role="core")
    tess = UserFactory(email="third-admin@example.org", name="Tess Third")
    MembershipFactory(organisation=third_org, user=tess, role="admin")
    RepresentativeFactory(partner=third, user=tess)
    world.partnership.__dict__.pop("_active_partners", None)
    convener = world.users["convener_admin"]
    fund = services.fund_set_up(actor=convener, partnership=world.partnership, host=world.convener_partner)
    line = services.budget_line_create(actor=convener, fund=fund, name="Carers' café", amount="5000")
    services.income_record(
        actor=convener,
        fund=fund,
        kind="grant",
        amount=Decimal("10000"),
        description="Lottery grant",
        payer="National Lottery Community Fund",
    )
    return FundWorld(fund, line, third, tess)
