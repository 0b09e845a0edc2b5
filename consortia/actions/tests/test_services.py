"""The actions' services: adding, changing, closing and reopening an action, each bad
input refused with its field and nothing written."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from consortia.actions import services
from consortia.actions.models import Action
from consortia.actions.selectors import open_actions
from consortia.core.errors import Conflict, ServiceError
from consortia.core.factories import (
    ActionFactory,
    AgreementObjectiveFactory,
    AgreementVersionFactory,
    OutcomeFactory,
    PartnerFactory,
    PartnershipFactory,
    ThreadFactory,
    WorkingGroupFactory,
)
from consortia.core.models import Event
from consortia.core.testing import snapshot

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _create(world, persona="partner_member", **kwargs):
    kwargs.setdefault("owner_user", world.users["partner_member"])
    return services.action_create(
        world.users[persona], world.partnership, title="Send the referral form", **kwargs
    )


def test_it_adds_an_action_owned_by_a_person(world):
    action = _create(world, due=TODAY() + datetime.timedelta(days=7))

    assert action.status == "open" and action.created_by == world.users["partner_member"]
    event = Event.objects.get(verb="action.created")
    assert event.organisation == world.core_org
    assert event.payload["owner_user"] == world.users["partner_member"].pk
    assert event.payload["owner_partner"] is None


def test_it_adds_an_action_owned_by_a_partner_organisation(world):
    action = _create(world, "participant", owner_user=None, owner_partner=world.core_partner)

    assert action.owner_partner == world.core_partner
    assert Event.objects.get(verb="action.created").organisation is None


def test_it_links_the_thread_outcome_objective_and_group(world):
    thread = ThreadFactory(partnership=world.partnership)
    outcome = OutcomeFactory(partnership=world.partnership)
    objective = AgreementObjectiveFactory(version=AgreementVersionFactory(partnership=world.partnership))
    group = WorkingGroupFactory(partnership=world.partnership)

    action = _create(world, thread=thread, outcome=outcome, objective=objective, working_group=group)

    assert (action.thread, action.outcome, action.objective, action.working_group) == (
        thread,
        outcome,
        objective,
        group,
    )
    assert Event.objects.get(verb="action.created").payload["thread"] == str(thread.uuid)


def test_it_allows_a_due_date_in_the_past(world):
    action = _create(world, due=TODAY() - datetime.timedelta(days=3))

    assert action.due < TODAY()


def test_open_actions_lists_only_open_ones_soonest_first(world):
    later = ActionFactory(partnership=world.partnership, due=TODAY() + datetime.timedelta(days=9))
    sooner = ActionFactory(partnership=world.partnership, due=TODAY() + datetime.timedelta(days=2))
    undated = ActionFactory(partnership=world.partnership, due=None)
    ActionFactory(partnership=world.partnership, status="done", closed_at=timezone.now())
    group = WorkingGroupFactory(partnership=world.partnership)
    grouped = ActionFactory(partnership=world.partnership, working_group=group, due=None)
    ActionFactory()  # another partnership's

    assert list(open_actions(world.partnership)) == [sooner, later, undated, grouped]
    assert list(open_actions(world.partnership, working_group=group)) == [grouped]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"title": "   "}, "title"),
        ({"title": "x" * 301}, "title"),
        ({"details": "x" * 10_001}, "details"),
        ({"owner_user": None}, "owner"),
        ({"owner_user": "outsider"}, "owner"),
        ({"owner_partner": "core_partner"}, "owner"),  # both a person and a partner
        ({"owner_user": None, "owner_partner": "other_partner"}, "owner"),
        ({"owner_user": None, "owner_partner": "left_partner"}, "owner"),
        ({"due": "far"}, "due"),
        ({"outcome": "other"}, "outcome"),
        ({"objective": "other"}, "objective"),
        ({"working_group": "other"}, "working_group"),
        ({"working_group": "archived"}, "working_group"),
        ({"thread": "other"}, "thread"),
    ],
)
def test_it_refuses_bad_input_and_writes_nothing(world, kwargs, field):
    other = PartnershipFactory()
    made = {
        "outsider": world.users["outsider"],
        "core_partner": world.core_partner,
        "other_partner": PartnerFactory(partnership=other),
        "left_partner": PartnerFactory(partnership=world.partnership, left_at=timezone.now()),
        "far": TODAY() + datetime.timedelta(days=6 * 366),
    }
    others = {
        "outcome": lambda: OutcomeFactory(partnership=other),
        "objective": lambda: AgreementObjectiveFactory(version=AgreementVersionFactory(partnership=other)),
        "working_group": lambda: WorkingGroupFactory(partnership=other),
        "thread": lambda: ThreadFactory(partnership=other),
    }
    archived = WorkingGroupFactory(partnership=world.partnership, archived_at=timezone.now())
    resolved = {}
    for key, value in kwargs.items():
        if value == "other":
            resolved[key] = others[key]()
        elif value == "archived":
            resolved[key] = archived
        else:
            resolved[key] = (
                made.get(value, value)
                if isinstance(value, str) and key != "title" and key != "details"
                else value
            )
    title = resolved.pop("title", "Send the referral form")
    resolved.setdefault("owner_user", world.users["partner_member"])
    before = snapshot()

    with pytest.raises(ServiceError) as refused:
        services.action_create(world.users["partner_member"], world.partnership, title=title, **resolved)

    assert refused.value.field == field and refused.value.status_code == 400
    assert snapshot() == before


@pytest.mark.parametrize("persona", ["observer", "outsider", "site_admin"])
def test_it_refuses_someone_who_may_not_add_actions(world, persona):
    with pytest.raises(PermissionDenied):
        _create(world, persona)
    assert not Action.objects.exists()


def test_it_refuses_a_closed_partnership(world):
    world.partnership.status = "closed"
    world.partnership.save()

    with pytest.raises(Conflict):
        _create(world)
    assert not Action.objects.exists()


# --- changing an action ----------------------------------------------------------------------


def test_it_changes_an_action_and_names_the_fields_that_changed(world):
    action = _create(world)

    services.action_update(world.users["partner_member"], action, title="Send the new form", due=TODAY())

    action.refresh_from_db()
    assert action.title == "Send the new form" and action.due == TODAY()
    event = Event.objects.get(verb="action.updated")
    assert event.payload["changed"] == ["title", "due"] and event.payload["reassigned"] is False


def test_it_writes_nothing_when_nothing_changed(world):
    action = _create(world)
    before = snapshot()

    services.action_update(world.users["partner_member"], action, title="  Send the referral form ")

    assert snapshot() == before


def test_it_hands_an_action_to_a_partner_organisation(world):
    action = _create(world)

    services.action_update(
        world.users["convener_admin"], action, owner_user=None, owner_partner=world.convener_partner
    )

    event = Event.objects.get(verb="action.updated")
    assert event.payload["reassigned"] is True
    assert event.payload["owner_partner"] == world.convener_partner.pk
    assert event.payload["owner_user"] is None


def test_a_new_due_date_gets_its_own_reminders(world):
    action = _create(world, due=TODAY())
    Action.objects.filter(pk=action.pk).update(reminded_before_on=TODAY(), reminded_due_on=TODAY())
    action.refresh_from_db()

    services.action_update(world.users["partner_member"], action, due=TODAY() + datetime.timedelta(days=5))

    action.refresh_from_db()
    assert action.reminded_before_on is None and action.reminded_due_on is None


def test_it_keeps_a_past_due_date_that_is_not_changed(world):
    action = ActionFactory(
        partnership=world.partnership,
        owner_user=world.users["partner_member"],
        due=TODAY() - datetime.timedelta(days=9 * 366),
    )

    services.action_update(world.users["partner_member"], action, title="Still to do")

    assert Event.objects.filter(verb="action.updated").count() == 1


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": ""}, "title"),
        ({"owner_user": None}, "owner"),
        ({"due": datetime.date(2199, 1, 1)}, "due"),
    ],
)
def test_it_refuses_a_bad_change_and_writes_nothing(world, fields, field):
    action = _create(world)
    before = snapshot()

    with pytest.raises(ServiceError) as refused:
        services.action_update(world.users["partner_member"], action, **fields)

    assert refused.value.field == field
    assert snapshot() == before


def test_it_refuses_to_change_a_field_it_does_not_know(world):
    action = _create(world)

    with pytest.raises(TypeError):
        services.action_update(world.users["partner_member"], action, status="done")


def test_it_refuses_to_change_a_closed_action(world):
    action = _create(world)
    services.action_done(world.users["partner_member"], action)

    with pytest.raises(Conflict):
        services.action_update(world.users["partner_member"], action, title="Late change")


@pytest.mark.parametrize("persona", ["partner_admin", "observer", "participant", "site_admin", "outsider"])
def test_it_refuses_a_change_by_someone_else(world, persona):
    action = _create(world)
    before = snapshot()

    with pytest.raises(PermissionDenied):
        services.action_update(world.users[persona], action, title="Not mine to change")
    assert snapshot() == before


# --- done, dropped, reopened -----------------------------------------------------------------


def test_it_marks_an_action_done(world):
    action = _create(world, "participant")

    services.action_done(world.users["partner_member"], action)

    action.refresh_from_db()
    assert action.status == "done" and action.closed_by == world.users["partner_member"]
    assert action.closed_at is not None
    event = Event.objects.get(verb="action.done")
    assert event.payload["created_by"] == world.users["participant"].pk


def test_it_drops_an_action_with_its_reason(world):
    action = _create(world)

    services.action_drop(world.users["convener_admin"], action, "  The surgeries have their own form. ")

    action.refresh_from_db()
    assert action.status == "dropped" and action.drop_reason == "The surgeries have their own form."
    assert Event.objects.filter(verb="action.dropped").count() == 1


@pytest.mark.parametrize("reason", ["", "   ", "x" * 1001])
def test_it_refuses_to_drop_without_a_proper_reason(world, reason):
    action = _create(world)
    before = snapshot()

    with pytest.raises(ServiceError) as refused:
        services.action_drop(world.users["partner_member"], action, reason)

    assert refused.value.field == "reason" and refused.value.status_code == 400
    assert snapshot() == before


@pytest.mark.parametrize("close", ["done", "drop"])
def test_closing_a_closed_action_is_a_conflict_and_writes_nothing(world, close):
    action = _create(world)
    services.action_done(world.users["partner_member"], action)
    stale = Action.objects.get(pk=action.pk)
    stale.status = "open"  # a page loaded before the first close
    before = snapshot()

    with pytest.raises(Conflict) as refused:
        if close == "done":
            services.action_done(world.users["convener_admin"], stale)
        else:
            services.action_drop(world.users["convener_admin"], stale, "No longer needed")

    assert refused.value.status_code == 409
    assert snapshot() == before


def test_it_reopens_a_dropped_action(world):
    action = _create(world)
    services.action_drop(world.users["partner_member"], action, "Not needed")

    services.action_reopen(world.users["partner_member"], action)

    action.refresh_from_db()
    assert (action.status, action.drop_reason, action.closed_at, action.closed_by) == ("open", "", None, None)
    assert Event.objects.filter(verb="action.reopened").count() == 1


def test_reopening_an_open_action_is_a_conflict(world):
    action = _create(world)

    with pytest.raises(Conflict):
        services.action_reopen(world.users["partner_member"], action)
    assert not Event.objects.filter(verb="action.reopened").exists()


@pytest.mark.parametrize(
    "change",
    [
        lambda a, u: services.action_update(u, a, title="Changed"),
        lambda a, u: services.action_done(u, a),
        lambda a, u: services.action_drop(u, a, "Closed partnership"),
    ],
)
def test_it_refuses_changes_once_the_partnership_has_closed(world, change):
    action = _create(world)
    world.partnership.status = "closed"
    world.partnership.save()
    before = snapshot()

    with pytest.raises(Conflict):
        change(action, world.users["convener_admin"])
    assert snapshot() == before
