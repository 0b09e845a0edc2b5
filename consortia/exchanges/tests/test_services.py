"""Proposing an exchange: who may, what is checked, and nothing written on refusal."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from consortia.core.errors import ServiceError
from consortia.core.factories import PartnerFactory, PartnershipFactory
from consortia.core.models import Event
from consortia.core.testing import snapshot
from consortia.exchanges import services
from consortia.exchanges.models import Exchange

pytestmark = pytest.mark.django_db


def test_it_proposes_an_exchange_offered_by_the_host_with_nobody_agreed(world, details):
    exchange = services.exchange_propose(
        actor=world.users["convener_admin"], **details(dbs_needed=True, dbs_confirmer="sender")
    )

    assert exchange.status == "proposed"
    assert exchange.host_agreed_at is None and exchange.sender_agreed_at is None
    event = Event.objects.get(verb="exchanges.exchange_proposed")
    assert event.organisation == world.convener_org
    assert event.payload["notify_partner"] == world.core_partner.pk


def test_it_proposes_an_exchange_requested_by_the_sender(world, details):
    exchange = services.exchange_propose(actor=world.users["partner_admin"], **details(direction="requested"))

    assert exchange.direction == "requested"
    assert (
        Event.objects.get(verb="exchanges.exchange_proposed").payload["notify_partner"]
        == world.convener_partner.pk
    )


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"ends_on": "before"}, "ends_on"),
        ({"sender": "host"}, "sender"),
        ({"title": "  "}, "title"),
        ({"people": 0}, "people"),
        ({"kind": "holiday"}, "kind"),
        ({"dbs_needed": True, "dbs_confirmer": ""}, "dbs_confirmer"),
        ({"cost_gbp": Decimal("50"), "cost_paid_by": ""}, "cost_paid_by"),
        ({"host_staff_hours": Decimal("-1")}, "host_staff_hours"),
        ({"cost_gbp": "lots", "cost_paid_by": "host"}, "cost_gbp"),
    ],
    ids=[
        "ends-before-it-starts",
        "host-is-sender",
        "no-title",
        "no-people",
        "unknown-kind",
        "dbs-without-confirmer",
        "cost-without-payer",
        "negative-hours",
        "cost-not-a-number",
    ],
)
def test_it_refuses_bad_details_and_writes_nothing(world, details, overrides, field):
    given = details()
    if overrides.get("ends_on") == "before":
        overrides = {"ends_on": given["starts_on"] - timedelta(days=1)}
    if overrides.get("sender") == "host":
        overrides = {"sender": given["host"]}
    before = snapshot()

    with pytest.raises(ServiceError) as refused:
        services.exchange_propose(actor=world.users["convener_admin"], **{**given, **overrides})

    assert refused.value.field == field and refused.value.status_code == 400
    assert snapshot() == before


def test_it_refuses_a_partner_that_is_not_active_in_the_partnership(world, details):
    other = PartnerFactory(partnership=PartnershipFactory())
    gone = PartnerFactory(partnership=world.partnership)
    gone.left_at = gone.joined_at + timedelta(days=1)
    gone.save(update_fields=["left_at"])
    before = snapshot()

    for sender in (other, gone):
        with pytest.raises(ServiceError) as refused:
            services.exchange_propose(actor=world.users["convener_admin"], **details(sender=sender))
        assert refused.value.field == "sender" and refused.value.status_code == 400
    assert snapshot() == before


def test_it_refuses_a_proposal_for_an_organisation_the_actor_is_not_admin_of(world, details):
    before = snapshot()

    with pytest.raises(ServiceError) as refused:  # the core admin offering the convener as host
        services.exchange_propose(actor=world.users["partner_admin"], **details())

    assert refused.value.status_code == 400 and refused.value.field == "host"
    assert snapshot() == before


@pytest.mark.parametrize("persona", ["partner_member", "observer", "participant", "outsider"])
def test_only_partner_admins_propose(world, details, persona):
    with pytest.raises(PermissionDenied):
        services.exchange_propose(actor=world.users[persona], **details())
    assert not Exchange.objects.exists()


def test_hostile_markdown_is_stored_as_typed_and_rendered_harmless(world, details, client_for):
    hostile = "<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>"
    exchange = services.exchange_propose(
        actor=world.users["convener_admin"],
        **details(purpose=hostile, host_expects=hostile, sender_expects=hostile, safeguarding_notes=hostile),
    )

    page = (
        client_for("partner_member")
        .get(f"/partnerships/{world.partnership.uuid}/exchanges/{exchange.uuid}/")
        .content.decode()
    )

    assert "<script>alert" not in page
    assert 'href="javascript:' not in page
    assert "<img src=x" not in page and "onerror=alert" not in page.replace("onerror=alert(1)&gt;", "")
