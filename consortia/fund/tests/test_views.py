"""The fund's pages as people see them: the overview's figures and budget versus
actual, a request's approvals so far and needed with the agreement's rules in words and
the buttons for who may press them, the whole path through the pages, and the receipt
served only as a download."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from consortia.core.testing import text
from consortia.fund import services
from consortia.fund.models import SpendingRequest

from .conftest import approved, submitted

pytestmark = pytest.mark.django_db


def test_it_shows_the_balance_and_budget_versus_actual(fw, world, client_for):
    spending = approved(fw, world)
    services.spending_request_pay(actor=world.users["convener_admin"], spending=spending)

    page = text(client_for("observer").get(reverse("fund:overview", args=[world.partnership.uuid])))

    assert "£9,880.00" in page
    assert "Carers&#x27; café" in page and "£4,880.00" in page
    assert "needs approval from 2 partner organisations other than the one asking" in page


def test_it_offers_the_convener_the_fund_to_set_up(world, client_for):
    page = text(client_for("convener_admin").get(reverse("fund:overview", args=[world.partnership.uuid])))
    assert "Set up the pooled fund" in page


def test_it_shows_who_approved_and_offers_approval_to_who_may(fw, world, client_for):
    spending = submitted(fw, world)
    services.spending_request_approve(
        actor=world.users["convener_admin"], spending=spending, partner=world.convener_partner
    )
    url = reverse("fund:request", args=[world.partnership.uuid, spending.uuid])

    assert "1 of 2 approvals so far" in text(client_for("observer").get(url))
    third = client_for("observer")
    third.force_login(fw.third_admin)
    assert "Approve for Third Org" in text(third.get(url))
    assert "Approve for" not in text(client_for("partner_admin").get(url))  # the requester's own organisation


def test_it_takes_a_request_through_the_pages(fw, world, client_for):
    member, convener = client_for("partner_member"), client_for("convener_admin")
    p = world.partnership.uuid
    response = member.post(
        reverse("fund:request_create", args=[p]),
        {
            "budget_line": str(fw.line.uuid),
            "payee": "Riverside Hall",
            "description": "Room hire",
            "amount": "80",
            "vat": "",
            "currency": "GBP",
            "payee_partner": "",
        },
    )
    spending = SpendingRequest.objects.get()
    assert response.status_code == 302
    member.post(reverse("fund:request_submit", args=[p, spending.uuid]))
    convener.post(
        reverse("fund:request_approve", args=[p, spending.uuid]),
        {"partner": str(world.convener_partner.uuid)},
    )
    third = client_for("observer")
    third.force_login(fw.third_admin)
    third.post(
        reverse("fund:request_approve", args=[p, spending.uuid]), {"partner": str(fw.third_partner.uuid)}
    )
    convener.post(reverse("fund:request_pay", args=[p, spending.uuid]))
    response = member.post(
        reverse("fund:request_reconcile", args=[p, spending.uuid]),
        {"receipt": SimpleUploadedFile("receipt.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")},
    )
    spending.refresh_from_db()
    assert (response.status_code, spending.status) == (302, "reconciled")

    download = client_for("participant").get(reverse("fund:receipt", args=[p, spending.uuid]))
    assert download["Content-Disposition"] == 'attachment; filename="receipt.pdf"'
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_it_shows_a_refused_approval_with_its_reason(fw, world, client_for):
    spending = submitted(fw, world)
    response = client_for("partner_admin").post(
        reverse("fund:request_approve", args=[world.partnership.uuid, spending.uuid]),
        {"partner": str(world.core_partner.uuid)},
    )
    assert response.status_code == 400
    assert "Nobody approves their own organisation" in text(response)
