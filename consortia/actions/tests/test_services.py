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
