"""The canvas's purpose, steps and comments: each service checks
permission, keeps its invariant, writes exactly one event (for the right
organisation) and, when it refuses, writes nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from consortia.canvas import services
from consortia.canvas.models import Canvas
from consortia.core.errors import ServiceError
from consortia.core.factories import OutcomeFactory
from consortia.core.models import Event
from consortia.core.testing import assert_event, snapshot

from .conftest import need_kwargs

NOT_EDITORS = ["observer", "participant", "outsider", "site_admin"]


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
