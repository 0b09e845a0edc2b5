"""The partnership's needs: each service checks permission, keeps its invariant,
writes exactly one event (for the right organisation) and, when it refuses, writes
nothing."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from consortia.canvas import services
from consortia.canvas.models import Need
from consortia.core.errors import ServiceError
from consortia.core.factories import NeedFactory, OutcomeFactory, PartnershipFactory, PledgeFactory
from consortia.core.testing import assert_event, snapshot

from .conftest import TODAY, need_kwargs

# --- needs -----------------------------------------------------------------------------------


def test_it_adds_a_need_serving_the_partnerships_outcomes(world):
    outcomes = OutcomeFactory.create_batch(2, partnership=world.partnership)
    actor = world.users["convener_admin"]

    need = services.need_add(
        actor=actor,
        partnership=world.partnership,
        **need_kwargs(outcomes=outcomes, needed_by=TODAY() + timedelta(days=30)),
    )

    assert set(need.outcomes.all()) == set(outcomes)
    assert_event("need.added", actor=actor, organisation=world.convener_org, partnership=world.partnership)


@pytest.mark.parametrize(
    ("category", "unit", "says"),
    [
        ("funding", "hours", "For funding, choose £"),
        ("paid_staff", "gbp", "For paid staff time, choose hours or days"),
        ("access", "items", "For access to service users and communities, choose sessions, places or people"),
    ],
)
def test_it_refuses_a_unit_that_does_not_fit_the_category_naming_the_allowed_ones(
    world, category, unit, says
):
    before = snapshot()

    with pytest.raises(ValidationError) as refused:
        services.need_add(
            actor=world.users["convener_admin"],
            partnership=world.partnership,
            **need_kwargs(category=category, unit=unit),
        )

    assert refused.value.message_dict["unit"] == [says]
    assert snapshot() == before


def test_it_has_the_database_refuse_a_unit_that_does_not_fit_the_category(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Need.objects.create(
            partnership=world.partnership, category="funding", description="x", quantity=1, unit="hours"
        )


@pytest.mark.parametrize("quantity", ["0", "-1", "1e12", "0.001"])
def test_it_refuses_a_quantity_out_of_bounds(world, quantity):
    before = snapshot()

    with pytest.raises(ValidationError) as refused:
        services.need_add(
            actor=world.users["convener_admin"],
            partnership=world.partnership,
            **need_kwargs(quantity=Decimal(quantity)),
        )

    assert "quantity" in refused.value.error_dict
    assert snapshot() == before


def test_it_refuses_a_need_needed_by_a_date_that_has_passed(world):
    before = snapshot()

    with pytest.raises(ServiceError) as refused:
        services.need_add(
            actor=world.users["convener_admin"],
            partnership=world.partnership,
            **need_kwargs(needed_by=TODAY() - timedelta(days=1)),
        )

    assert refused.value.field == "needed_by"
    assert snapshot() == before


def test_it_refuses_a_need_serving_another_partnerships_outcome(world):
    elsewhere = OutcomeFactory(partnership=PartnershipFactory())
    before = snapshot()

    with pytest.raises(ServiceError) as refused:
        services.need_add(
            actor=world.users["convener_admin"],
            partnership=world.partnership,
            **need_kwargs(outcomes=[elsewhere]),
        )

    assert refused.value.field == "outcomes"
    assert snapshot() == before


def test_it_changes_a_need_and_its_outcomes_in_one_event(world):
    need = NeedFactory(partnership=world.partnership)
    outcome = OutcomeFactory(partnership=world.partnership)
    actor = world.users["partner_admin"]

    services.need_update(
        actor=actor, need=need, **need_kwargs(description=need.description, outcomes=[outcome])
    )

    need.refresh_from_db()
    assert list(need.outcomes.all()) == [outcome]
    event = assert_event(
        "need.updated", actor=actor, organisation=world.core_org, partnership=world.partnership
    )
    assert event.payload == {"fields": ["priority", "outcomes"]}


def test_it_keeps_the_pledges_of_a_removed_need_as_unprompted(world):
    need = NeedFactory(partnership=world.partnership)
    pledge = PledgeFactory(partner=world.core_partner, need=need)
    actor = world.users["convener_admin"]

    services.need_remove(actor=actor, need=need)

    pledge.refresh_from_db()
    assert pledge.need is None
    event = assert_event(
        "need.removed", actor=actor, organisation=world.convener_org, partnership=world.partnership
    )
    assert event.payload == {"pledges_kept": 1}
