"""The state machine: proposed -> agreed (one side) -> confirmed (both, and the DBS
check when needed) -> completed or cancelled, through each side's admins only, and
the database refusing a status the agreements do not allow."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from consortia.core.errors import Conflict, ServiceError
from consortia.core.factories import MembershipFactory, RepresentativeFactory
from consortia.core.models import Event
from consortia.core.testing import snapshot
from consortia.exchanges import services
from consortia.exchanges.models import Exchange

from .conftest import make_past

pytestmark = pytest.mark.django_db


def test_one_side_agreeing_makes_it_agreed_and_both_confirm_it(world, exchange):
    services.exchange_agree(actor=world.users["convener_admin"], exchange=exchange, side="host")
    assert exchange.status == "agreed"
    assert (
        Event.objects.get(verb="exchanges.exchange_agreed").payload["notify_partner"] == world.core_partner.pk
    )

    services.exchange_agree(actor=world.users["partner_admin"], exchange=exchange, side="sender")

    exchange.refresh_from_db()
    assert exchange.status == "confirmed"
    assert exchange.sender_agreed_by == world.users["partner_admin"]
    assert Event.objects.filter(verb="exchanges.exchange_confirmed").count() == 1


def test_it_refuses_agreeing_for_an_organisation_one_is_not_admin_of(world, exchange):
    before = snapshot()

    with pytest.raises(ServiceError) as refused:  # the convener's admin, for the core partner
        services.exchange_agree(actor=world.users["convener_admin"], exchange=exchange, side="sender")

    assert refused.value.status_code == 400
    assert snapshot() == before


def test_a_representative_who_is_not_an_admin_does_not_agree(world, exchange):
    rep = MembershipFactory(organisation=world.core_org, role="member").user
    RepresentativeFactory(partner=world.core_partner, user=rep)
    before = snapshot()
    with pytest.raises(PermissionDenied):
        services.exchange_agree(actor=rep, exchange=exchange, side="sender")
    assert snapshot() == before


def test_it_refuses_an_unknown_side_and_agreeing_twice(world, exchange):
    admin = world.users["convener_admin"]
    with pytest.raises(ServiceError) as refused:
        services.exchange_agree(actor=admin, exchange=exchange, side="both")
    assert refused.value.status_code == 400

    services.exchange_agree(actor=admin, exchange=exchange, side="host")
    with pytest.raises(Conflict):
        services.exchange_agree(actor=admin, exchange=exchange, side="host")


def test_with_a_dbs_check_both_agreements_wait_for_the_named_organisation(world, exchange):
    exchange.dbs_needed, exchange.dbs_confirmer = True, "sender"
    exchange.save(update_fields=["dbs_needed", "dbs_confirmer"])
    services.exchange_agree(actor=world.users["convener_admin"], exchange=exchange, side="host")
    services.exchange_agree(actor=world.users["partner_admin"], exchange=exchange, side="sender")
    assert exchange.status == "agreed"

    with pytest.raises(ServiceError) as refused:  # the host may not confirm the sender's check
        services.exchange_dbs_confirm(actor=world.users["convener_admin"], exchange=exchange)
    assert refused.value.status_code == 400

    services.exchange_dbs_confirm(actor=world.users["partner_admin"], exchange=exchange)

    exchange.refresh_from_db()
    assert exchange.status == "confirmed" and exchange.dbs_confirmed_by == world.users["partner_admin"]
    assert Event.objects.filter(verb="exchanges.exchange_confirmed").count() == 1


def test_it_refuses_completing_before_the_dbs_check_is_confirmed(world, exchange):
    exchange.dbs_needed, exchange.dbs_confirmer = True, "host"
    exchange.save(update_fields=["dbs_needed", "dbs_confirmer"])
    make_past(exchange)
    services.exchange_agree(actor=world.users["convener_admin"], exchange=exchange, side="host")
    services.exchange_agree(actor=world.users["partner_admin"], exchange=exchange, side="sender")
    before = snapshot()

    with pytest.raises(Conflict, match="DBS"):
        services.exchange_complete(actor=world.users["convener_admin"], exchange=exchange)

    assert snapshot() == before


def _confirm(world, exchange):
    services.exchange_agree(actor=world.users["convener_admin"], exchange=exchange, side="host")
    services.exchange_agree(actor=world.users["partner_admin"], exchange=exchange, side="sender")


def test_it_refuses_completing_before_the_end_date(world, exchange):
    _confirm(world, exchange)
    before = snapshot()

    with pytest.raises(Conflict, match="ends on"):
        services.exchange_complete(actor=world.users["partner_admin"], exchange=exchange)

    assert snapshot() == before


def test_it_refuses_completing_an_exchange_not_confirmed(world, exchange):
    make_past(exchange)
    with pytest.raises(Conflict):
        services.exchange_complete(actor=world.users["partner_admin"], exchange=exchange)


def test_it_completes_a_confirmed_exchange_on_its_last_day(world, exchange):
    _confirm(world, exchange)
    exchange.ends_on = timezone.localdate()
    exchange.starts_on = exchange.ends_on - timedelta(days=1)
    exchange.save(update_fields=["starts_on", "ends_on"])

    services.exchange_complete(actor=world.users["partner_admin"], exchange=exchange)

    assert Exchange.objects.get(pk=exchange.pk).status == "completed"


def test_cancelling_ends_it_and_nothing_moves_it_afterwards(world, exchange):
    services.exchange_cancel(actor=world.users["partner_admin"], exchange=exchange)
    assert exchange.status == "cancelled"

    for attempt in (
        lambda: services.exchange_agree(actor=world.users["convener_admin"], exchange=exchange, side="host"),
        lambda: services.exchange_cancel(actor=world.users["convener_admin"], exchange=exchange),
        lambda: services.exchange_complete(actor=world.users["convener_admin"], exchange=exchange),
    ):
        with pytest.raises(Conflict):
            attempt()


def test_a_closed_partnership_refuses_changes(world, exchange):
    world.partnership.status = "closed"
    world.partnership.save(update_fields=["status"])
    with pytest.raises(Conflict, match="closed"):
        services.exchange_agree(actor=world.users["convener_admin"], exchange=exchange, side="host")


@pytest.mark.parametrize(
    "changes",
    [
        {"status": "confirmed"},
        {"status": "agreed"},
        {"status": "completed"},
        {"status": "proposed", "host_agreed_at": "now"},
        {"status": "nonsense"},
        {"dbs_needed": True},
    ],
    ids=[
        "confirmed-unagreed",
        "agreed-by-nobody",
        "completed-unagreed",
        "proposed-but-agreed",
        "unknown",
        "dbs-without-confirmer",
    ],
)
def test_the_database_refuses_a_state_the_agreements_do_not_allow(exchange, changes):
    for key, value in changes.items():
        setattr(exchange, key, timezone.now() if value == "now" else value)
    with pytest.raises(IntegrityError), transaction.atomic():
        exchange.save()


def test_the_database_refuses_a_confirmed_exchange_without_its_dbs_check(world, exchange):
    now = timezone.now()
    exchange.host_agreed_at = exchange.sender_agreed_at = now
    exchange.dbs_needed, exchange.dbs_confirmer, exchange.status = True, "host", "confirmed"
    with pytest.raises(IntegrityError), transaction.atomic():
        exchange.save()
