"""Outcomes and their indicators: each service checks permission, keeps its
invariant, writes exactly one event (for the right organisation) and, when it
refuses, writes nothing."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from consortia.canvas import services
from consortia.canvas.models import Indicator, Outcome
from consortia.core.errors import ServiceError
from consortia.core.factories import IndicatorFactory, OutcomeFactory
from consortia.core.models import Event
from consortia.core.testing import assert_event, snapshot

from .conftest import TODAY


def indicator_kwargs(**overrides):
    return {
        "question": "better_off",
        "name": "Carers who feel less alone",
        "unit": "%",
        "baseline": Decimal("20"),
        "target": Decimal("60"),
        "target_date": TODAY() + timedelta(days=365),
        **overrides,
    }


# --- outcomes and indicators -------------------------------------------------------------------


def test_it_adds_changes_and_removes_an_outcome_with_one_event_each(world):
    actor = world.users["partner_member"]

    outcome = services.outcome_add(
        actor=actor, partnership=world.partnership, statement=" Carers feel less alone "
    )
    services.outcome_update(
        actor=actor, outcome=outcome, statement="Carers feel less alone", description="Why"
    )
    services.outcome_update(
        actor=actor, outcome=outcome, statement="Carers feel less alone", description="Why"
    )
    IndicatorFactory(outcome=outcome)
    services.outcome_remove(actor=actor, outcome=outcome)

    verbs = list(Event.objects.order_by("id").values_list("verb", "organisation", "object_uuid"))
    assert verbs == [
        ("outcome.added", world.core_org.pk, outcome.uuid),
        ("outcome.updated", world.core_org.pk, outcome.uuid),
        ("outcome.removed", world.core_org.pk, outcome.uuid),
    ]
    assert not Outcome.objects.exists()
    assert not Indicator.objects.exists()


def test_it_adds_an_indicator_with_a_future_target_date(world):
    outcome = OutcomeFactory(partnership=world.partnership)
    actor = world.users["convener_admin"]

    indicator = services.indicator_add(actor=actor, outcome=outcome, **indicator_kwargs(target_date=TODAY()))

    assert indicator.outcome == outcome and indicator.target_date == TODAY()
    assert_event(
        "indicator.added", actor=actor, organisation=world.convener_org, partnership=world.partnership
    )


def test_it_refuses_an_indicator_whose_target_date_has_passed(world):
    outcome = OutcomeFactory(partnership=world.partnership)
    before = snapshot()

    with pytest.raises(ServiceError) as refused:
        services.indicator_add(
            actor=world.users["convener_admin"],
            outcome=outcome,
            **indicator_kwargs(target_date=TODAY() - timedelta(days=1)),
        )

    assert refused.value.field == "target_date"
    assert "today or in the future" in refused.value.message
    assert snapshot() == before


def test_it_refuses_changing_a_target_date_to_the_past_but_keeps_one_that_has_passed(world):
    indicator = IndicatorFactory(outcome=OutcomeFactory(partnership=world.partnership))
    actor = world.users["convener_admin"]
    before = snapshot()

    with pytest.raises(ServiceError):
        services.indicator_update(
            actor=actor, indicator=indicator, **indicator_kwargs(target_date=TODAY() - timedelta(days=3))
        )
    assert snapshot() == before

    # A target date that passed since it was set stays: the indicator can still be corrected.
    Indicator.objects.filter(pk=indicator.pk).update(target_date=TODAY() - timedelta(days=30))
    indicator.refresh_from_db()
    services.indicator_update(
        actor=actor,
        indicator=indicator,
        **indicator_kwargs(target=Decimal("70"), target_date=indicator.target_date),
    )

    indicator.refresh_from_db()
    assert indicator.target == Decimal("70")
    assert_event(
        "indicator.updated", actor=actor, organisation=world.convener_org, partnership=world.partnership
    )


def test_it_refuses_an_absurd_indicator_target(world):
    outcome = OutcomeFactory(partnership=world.partnership)
    before = snapshot()

    with pytest.raises(ValidationError) as refused:
        services.indicator_add(
            actor=world.users["convener_admin"], outcome=outcome, **indicator_kwargs(target=Decimal("1e12"))
        )

    assert "target" in refused.value.error_dict
    assert snapshot() == before
