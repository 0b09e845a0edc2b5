"""The accountant's exports: one row per transaction (date, type, description, budget
line, payer or payee, amount, VAT, status, approvers), CSV and XLSX, only the
partnership's own data, only for its partners' members; a payee's name cannot run as
a spreadsheet formula."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from consortia.core.factories import FundFactory, MembershipFactory, PartnerFactory, PartnershipFactory
from consortia.fund import services

from .conftest import approved

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid(fw, world):
    spending = approved(fw, world, payee='=HYPERLINK("http://evil")')
    services.spending_request_pay(actor=world.users["convener_admin"], spending=spending)
    # Another partnership's fund, with money of its own: never in this export.
    other = PartnershipFactory()
    host = PartnerFactory(partnership=other)
    fund = FundFactory(partnership=other, host=host)
    admin = MembershipFactory(organisation=host.organisation, role="admin").user
    services.income_record(
        actor=admin, fund=fund, kind="grant", amount="777", description="Elsewhere", payer="Other funder"
    )
    return spending


def test_it_exports_one_csv_row_per_transaction_of_this_partnership_only(paid, world, client_for):
    response = client_for("observer").get(reverse("fund:export_csv", args=[world.partnership.uuid]))

    assert response["Content-Disposition"].startswith('attachment; filename="fund-')
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
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
    assert len(rows) == 3
    grant, payment = rows[1], rows[2]
    assert grant[1:3] == ["Grant received", "Lottery grant"] and grant[5] == "10000.00"
    assert payment[3] == "Carers' café"
    assert payment[4].startswith("'=")  # written as text, not a formula
    assert payment[5:] == ["-120.00", "20.00", "paid", "Convener Org; Third Org"]
    assert "Elsewhere" not in response.content.decode()


def test_it_exports_the_same_rows_as_xlsx(paid, world, client_for):
    response = client_for("partner_member").get(reverse("fund:export_xlsx", args=[world.partnership.uuid]))

    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert len(values) == 3
    assert values[2][5] == -120 and values[2][8] == "Convener Org; Third Org"
    assert all("Elsewhere" not in str(v) for row in values for v in row)


@pytest.mark.parametrize("persona", ["participant", "site_admin", "outsider"])
@pytest.mark.parametrize("name", ["fund:export_csv", "fund:export_xlsx"])
def test_it_gives_the_exports_only_to_the_partners_members(paid, world, client_for, persona, name):
    assert client_for(persona).get(reverse(name, args=[world.partnership.uuid])).status_code == 404
