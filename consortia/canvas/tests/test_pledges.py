"""Pledges and partners' statements, and a closed partnership's canvas: each
service checks permission, keeps its invariant, writes exactly one event (for the
right organisation) and, when it refuses, writes nothing."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from consortia.canvas import services
from consortia.canvas.models import PartnerStatement, Pledge
from consortia.core.errors import Conflict, ServiceError
from consortia.core.factories import (
    MembershipFactory,
    NeedFactory,
    OutcomeFactory,
    PartnershipFactory,
    PledgeFactory,
)
from consortia.core.models import Event
from consortia.core.testing import assert_event, snapshot
from consortia.partnerships.rules import active_partners

from .conftest import core_partner, pledge_kwargs

# --- pledges and statements ------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["partner_member", "partner_admin"])
def test_it_records_a_pledge_for_the_pledging_partners_organisation(world, persona):
    need = NeedFactory(partnership=world.partnership)
    actor = world.users[persona]

    pledge = services.pledge_add(actor=actor, partner=core_partner(world), **pledge_kwargs(need=need))

    assert (pledge.partnership, pledge.partner, pledge.need, pledge.created_by) == (
        world.partnership,
        world.core_partner,
        need,
        actor,
    )
    assert_event("pledge.added", actor=actor, organisation=world.core_org, partnership=world.partnership)


@pytest.mark.parametrize("persona", ["convener_admin", "observer", "participant", "outsider", "site_admin"])
def test_it_lets_only_members_of_the_partner_pledge_for_it(world, persona):
    before = snapshot()

    with pytest.raises(PermissionDenied):
        services.pledge_add(actor=world.users[persona], partner=core_partner(world), **pledge_kwargs())

    assert snapshot() == before


def test_it_lets_no_one_pledge_for_an_observer(world):
    observer = next(p for p in active_partners(world.partnership) if p.role == "observer")
    before = snapshot()

    with pytest.raises(PermissionDenied):
        services.pledge_add(actor=world.users["observer"], partner=observer, **pledge_kwargs())

    assert snapshot() == before


def test_it_refuses_a_pledge_against_another_partnerships_need(world):
    elsewhere = NeedFactory(partnership=PartnershipFactory())
    before = snapshot()

    with pytest.raises(ServiceError) as refused:
        services.pledge_add(
            actor=world.users["partner_admin"], partner=core_partner(world), **pledge_kwargs(need=elsewhere)
        )

    assert refused.value.field == "need"
    assert snapshot() == before


@pytest.mark.parametrize(
    ("field", "value"), [("unit", "gbp"), ("quantity", Decimal("0")), ("value_gbp", Decimal("-5"))]
)
def test_it_refuses_a_pledge_with_bad_numbers_or_units(world, field, value):
    before = snapshot()

    with pytest.raises(ValidationError) as refused:
        services.pledge_add(
            actor=world.users["partner_admin"], partner=core_partner(world), **pledge_kwargs(**{field: value})
        )

    assert field in refused.value.error_dict
    assert snapshot() == before


def test_it_changes_and_withdraws_a_pledge_as_the_partner(world):
    pledge = PledgeFactory(partner=world.core_partner)
    pledge.partner = core_partner(world)
    actor = world.users["partner_member"]

    services.pledge_update(actor=actor, pledge=pledge, **pledge_kwargs(description="Our hall on Thursdays"))
    services.pledge_remove(actor=actor, pledge=pledge)

    assert not Pledge.objects.exists()
    assert list(Event.objects.order_by("id").values_list("verb", "organisation")) == [
        ("pledge.updated", world.core_org.pk),
        ("pledge.removed", world.core_org.pk),
    ]


def test_it_lets_a_partner_say_what_it_wants_and_change_it(world):
    actor = world.users["partner_member"]

    services.partner_statement_set(
        actor=actor, partner=core_partner(world), wants="Reach carers we never see."
    )
    services.partner_statement_set(
        actor=actor, partner=core_partner(world), wants="Reach carers we never see."
    )
    statement = services.partner_statement_set(
        actor=actor, partner=core_partner(world), wants="Learn from data."
    )

    assert PartnerStatement.objects.get() == statement and statement.wants == "Learn from data."
    assert (
        list(Event.objects.values_list("verb", "organisation"))
        == [("partner.statement_updated", world.core_org.pk)] * 2
    )


def test_it_refuses_a_statement_for_another_partner(world):
    convener = next(p for p in active_partners(world.partnership) if p.role == "convener")
    before = snapshot()

    with pytest.raises(PermissionDenied):
        services.partner_statement_set(
            actor=world.users["partner_admin"], partner=convener, wants="Everything"
        )

    assert snapshot() == before


# --- a closed partnership --------------------------------------------------------------------


def test_it_refuses_every_change_once_the_partnership_has_closed(world):
    world.partnership.status = "closed"
    world.partnership.save()
    outcome = OutcomeFactory(partnership=world.partnership)
    partner = core_partner(world)
    before = snapshot()

    for attempt in [
        lambda: services.outcome_add(
            actor=world.users["convener_admin"], partnership=world.partnership, statement="X"
        ),
        lambda: services.outcome_remove(actor=world.users["convener_admin"], outcome=outcome),
        lambda: services.pledge_add(actor=world.users["partner_admin"], partner=partner, **pledge_kwargs()),
        lambda: services.canvas_comment_add(
            actor=world.users["participant"], partnership=world.partnership, step="purpose", body="Hi"
        ),
    ]:
        with pytest.raises(Conflict, match="has closed"):
            attempt()

    assert snapshot() == before


def test_it_records_the_chosen_partner_for_someone_in_two_partner_organisations(world):
    actor = world.users["convener_admin"]
    MembershipFactory(organisation=world.core_org, user=actor)

    services.pledge_add(actor=actor, partner=core_partner(world), **pledge_kwargs())
    services.outcome_add(actor=actor, partnership=world.partnership, statement="Carers feel heard")

    assert list(Event.objects.order_by("id").values_list("verb", "organisation")) == [
        ("pledge.added", world.core_org.pk),
        ("outcome.added", world.convener_org.pk),  # edits are recorded for the convener first
    ]
