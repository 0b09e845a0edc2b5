"""The canvas services: each checks permission, keeps its invariant, writes exactly
one event (for the right organisation) and, when it refuses, writes nothing."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from consortia.canvas import services
from consortia.canvas.models import Canvas, Indicator, Need, Outcome, PartnerStatement, Pledge
from consortia.core.errors import Conflict, ServiceError
from consortia.core.factories import (
    IndicatorFactory,
    MembershipFactory,
    NeedFactory,
    OutcomeFactory,
    PartnershipFactory,
    PledgeFactory,
)
from consortia.core.models import Event
from consortia.core.testing import assert_event, snapshot
from consortia.partnerships.rules import active_partners

TODAY = timezone.localdate
NOT_EDITORS = ["observer", "participant", "outsider", "site_admin"]


def core_partner(world):
    """The core partner as views get it: from the partnership's active partners."""
    return next(p for p in active_partners(world.partnership) if p.pk == world.core_partner.pk)


def need_kwargs(**overrides):
    return {
        "category": "premises",
        "description": "A room for a weekly drop-in",
        "quantity": Decimal("50"),
        "unit": "hours",
        "needed_by": None,
        "priority": "essential",
        "outcomes": [],
        **overrides,
    }


def pledge_kwargs(**overrides):
    return {
        "need": None,
        "category": "premises",
        "description": "Our hall on Tuesdays",
        "quantity": Decimal("20"),
        "unit": "hours",
        "value_gbp": Decimal("400"),
        "availability": "",
        **overrides,
    }


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


# --- purpose and steps -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "org"), [("convener_admin", "convener_org"), ("partner_member", "core_org")]
)
def test_it_updates_the_purpose_for_the_actors_own_organisation(world, persona, org):
    actor = world.users[persona]

    services.canvas_purpose_update(
        actor=actor,
        partnership=world.partnership,
        purpose=" Carers get one joined-up advice service. ",
        beneficiaries="Carers of people with dementia",
        why_together="No one of us sees every carer.",
        area="Northshire",
    )

    world.partnership.refresh_from_db()
    canvas = Canvas.objects.get(partnership=world.partnership)
    assert world.partnership.purpose == "Carers get one joined-up advice service."
    assert (canvas.beneficiaries, canvas.why_together, canvas.area) == (
        "Carers of people with dementia",
        "No one of us sees every carer.",
        "Northshire",
    )
    event = assert_event(
        "canvas.purpose_updated", actor=actor, organisation=getattr(world, org), partnership=world.partnership
    )
    assert event.payload == {"fields": ["purpose", "beneficiaries", "why_together", "area"]}
    assert Event.objects.count() == 1


def test_it_writes_no_event_when_the_purpose_did_not_change(world):
    purpose = world.partnership.purpose

    services.canvas_purpose_update(
        actor=world.users["convener_admin"],
        partnership=world.partnership,
        purpose=purpose,
        beneficiaries="",
        why_together="",
        area="",
    )

    assert Event.objects.count() == 0


@pytest.mark.parametrize("persona", NOT_EDITORS)
def test_it_lets_only_convener_and_core_members_edit_the_canvas(world, persona):
    before = snapshot()

    with pytest.raises(PermissionDenied):
        services.canvas_purpose_update(
            actor=world.users[persona],
            partnership=world.partnership,
            purpose="Taken over",
            beneficiaries="",
            why_together="",
            area="",
        )
    with pytest.raises(PermissionDenied):
        services.outcome_add(actor=world.users[persona], partnership=world.partnership, statement="X")
    with pytest.raises(PermissionDenied):
        services.need_add(actor=world.users[persona], partnership=world.partnership, **need_kwargs())

    assert snapshot() == before


def test_it_refuses_an_empty_purpose_and_writes_nothing(world):
    before = snapshot()

    with pytest.raises(ValidationError):
        services.canvas_purpose_update(
            actor=world.users["convener_admin"],
            partnership=world.partnership,
            purpose="   ",
            beneficiaries="Carers",
            why_together="",
            area="",
        )

    assert snapshot() == before


def test_it_marks_a_step_done_only_once_it_has_something_in_it(world):
    actor = world.users["convener_admin"]
    before = snapshot()

    with pytest.raises(ServiceError, match="before marking it as done"):
        services.canvas_step_mark(actor=actor, partnership=world.partnership, step="outcomes", completed=True)
    assert snapshot() == before

    OutcomeFactory(partnership=world.partnership)
    canvas = services.canvas_step_mark(
        actor=actor, partnership=world.partnership, step="outcomes", completed=True
    )

    assert canvas.completed_steps == ["outcomes"]
    event = assert_event(
        "canvas.step_completed", actor=actor, organisation=world.convener_org, partnership=world.partnership
    )
    assert event.object_repr == "What do we want to achieve?"


def test_it_reopens_a_step_and_writes_nothing_when_the_answer_is_the_same(world):
    actor = world.users["partner_admin"]
    Canvas.objects.create(partnership=world.partnership, completed_steps=["purpose", "needs"])

    services.canvas_step_mark(actor=actor, partnership=world.partnership, step="purpose", completed=True)
    assert Event.objects.count() == 0

    canvas = services.canvas_step_mark(
        actor=actor, partnership=world.partnership, step="purpose", completed=False
    )

    assert canvas.completed_steps == ["needs"]
    assert_event(
        "canvas.step_reopened", actor=actor, organisation=world.core_org, partnership=world.partnership
    )
    assert Event.objects.count() == 1


# --- comments --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "org"),
    [("participant", None), ("partner_member", "core_org"), ("convener_admin", "convener_org")],
)
def test_it_lets_participants_and_contributing_members_comment(world, persona, org):
    actor = world.users[persona]

    comment = services.canvas_comment_add(
        actor=actor, partnership=world.partnership, step="needs", body="  Do we need the room on Fridays?  "
    )

    assert (comment.body, comment.step, comment.author) == ("Do we need the room on Fridays?", "needs", actor)
    organisation = getattr(world, org) if org else None
    assert_event("canvas.commented", actor=actor, organisation=organisation, partnership=world.partnership)


@pytest.mark.parametrize("persona", ["observer", "outsider", "site_admin"])
def test_it_lets_observers_only_read_comments(world, persona):
    before = snapshot()

    with pytest.raises(PermissionDenied):
        services.canvas_comment_add(
            actor=world.users[persona], partnership=world.partnership, step="needs", body="Hi"
        )

    assert snapshot() == before


def test_it_refuses_a_comment_on_an_unknown_step(world):
    before = snapshot()

    with pytest.raises(ValidationError):
        services.canvas_comment_add(
            actor=world.users["participant"], partnership=world.partnership, step="budget", body="Hi"
        )

    assert snapshot() == before


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
