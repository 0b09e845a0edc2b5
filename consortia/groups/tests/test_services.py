"""The working group services: who may do what, the event each writes, and what
each refuses (a 4xx, nothing written)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from consortia.core.errors import Conflict, ServiceError
from consortia.core.factories import GroupMembershipFactory, PartnershipFactory, WorkingGroupFactory
from consortia.core.models import Event
from consortia.core.testing import assert_event, snapshot
from consortia.groups import services
from consortia.groups.models import GroupMembership
from consortia.groups.rules import is_group_member
from consortia.groups.selectors import group_list, group_members, groups_of_user

pytestmark = pytest.mark.django_db


def _group(world, *, members=("participant",), **fields):
    lead = world.users["convener_admin"]
    group = WorkingGroupFactory(partnership=world.partnership, name="Referral pathway", lead=lead, **fields)
    GroupMembershipFactory(group=group, user=lead)
    for persona in members:
        GroupMembershipFactory(group=group, user=world.users[persona])
    return group


def test_it_sets_up_a_group_with_its_lead_and_creator_as_members(world):
    creator, lead = world.users["partner_member"], world.users["participant"]

    group = services.group_create(
        actor=creator, partnership=world.partnership, name=" Training ", purpose="Train volunteers", lead=lead
    )

    assert (group.name, group.lead, group.is_open) == ("Training", lead, True)
    assert {m.user for m in group_members(group)} == {creator, lead}
    assert_event("group.created", actor=creator, organisation=world.core_org, partnership=world.partnership)


@pytest.mark.parametrize("persona", ["observer", "participant", "outsider"])
def test_it_lets_only_convener_and_core_members_set_up_a_group(world, persona):
    with pytest.raises(PermissionDenied):
        services.group_create(actor=world.users[persona], partnership=world.partnership, name="Training")

    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("name", "lead", "message"),
    [
        ("   ", None, "Enter a name for the group"),
        ("referral PATHWAY", None, "The partnership already has a working group called referral PATHWAY"),
        ("Training", "observer", "Choose a lead who takes part in the partnership"),
        ("Training", "outsider", "Choose a lead who takes part in the partnership"),
    ],
)
def test_it_refuses_a_bad_group_and_writes_nothing(world, name, lead, message):
    _group(world)
    before = snapshot()

    with pytest.raises(ServiceError) as refused:
        services.group_create(
            actor=world.users["convener_admin"],
            partnership=world.partnership,
            name=name,
            lead=world.users[lead] if lead else None,
        )

    assert (refused.value.message, refused.value.status_code) == (message, 400)
    assert snapshot() == before


def test_it_refuses_a_group_in_a_closed_partnership(world):
    world.partnership.status = "closed"
    world.partnership.save()

    with pytest.raises(Conflict):
        services.group_create(
            actor=world.users["convener_admin"], partnership=world.partnership, name="Training"
        )


def test_it_lets_an_archived_groups_name_be_used_again(world):
    _group(world, archived_at=timezone.now())

    group = services.group_create(
        actor=world.users["convener_admin"], partnership=world.partnership, name="Referral pathway"
    )

    assert group.archived_at is None


def test_it_edits_a_group_and_writes_no_event_when_nothing_changed(world):
    group = _group(world)
    lead = world.users["convener_admin"]
    fields = {"name": group.name, "purpose": group.purpose, "is_open": True, "lead": lead}

    assert services.group_update(actor=lead, group=group, **fields) == []
    assert not Event.objects.exists()

    changed = services.group_update(actor=lead, group=group, **(fields | {"is_open": False}))

    assert changed == ["is_open"]
    assert_event("group.updated", actor=lead, organisation=world.convener_org, partnership=world.partnership)


def test_it_hands_the_lead_only_to_a_member(world):
    group = _group(world)
    lead = world.users["convener_admin"]

    with pytest.raises(ServiceError, match="Choose a lead from the group's members"):
        services.group_update(
            actor=lead, group=group, name="X", purpose="", is_open=True, lead=world.users["partner_member"]
        )

    services.group_update(
        actor=lead, group=group, name="X", purpose="", is_open=True, lead=world.users["participant"]
    )
    group.refresh_from_db()
    assert group.lead == world.users["participant"]


def test_it_lets_the_lead_run_the_group_and_not_other_members(world):
    group = _group(world, members=("participant", "partner_admin"))
    group.lead = world.users["participant"]
    group.save()

    services.group_member_add(
        actor=world.users["participant"], group=group, user=world.users["partner_member"]
    )
    assert_event(
        "group.member_added",
        actor=world.users["participant"],
        organisation=None,
        partnership=world.partnership,
    )
    with pytest.raises(PermissionDenied):
        services.group_archive(actor=world.users["partner_admin"], group=group)


def test_it_lets_a_member_join_an_open_group_and_leave_it(world):
    group = _group(world)
    member = world.users["partner_member"]

    services.group_join(actor=member, group=group)
    assert is_group_member(member, group)
    assert_event(
        "group.member_joined", actor=member, organisation=world.core_org, partnership=world.partnership
    )

    services.group_leave(actor=member, group=group)
    group = type(group).objects.get(pk=group.pk)
    assert not is_group_member(member, group)
    assert_event(
        "group.member_left", actor=member, organisation=world.core_org, partnership=world.partnership
    )
    # The row stays, closed, for the group's history.
    assert GroupMembership.objects.filter(group=group, user=member, left_at__isnull=False).exists()


@pytest.mark.parametrize(
    ("fields", "persona", "message"),
    [
        ({"is_open": False}, "partner_member", "Referral pathway is closed: ask its lead to add you."),
        ({}, "participant", "Participant"),
        ({"archived_at": timezone.now()}, "partner_member", "Referral pathway is archived"),
    ],
)
def test_it_refuses_to_join_a_closed_or_archived_group_or_twice(world, fields, persona, message):
    group = _group(world, **fields)
    before = snapshot()

    with pytest.raises(Conflict) as refused:
        services.group_join(actor=world.users[persona], group=group)

    if persona == "participant":
        message = f"{world.users['participant'].name} is already a member of Referral pathway."
    assert refused.value.message.startswith(message)
    assert snapshot() == before


def test_it_refuses_observers_joining(world):
    with pytest.raises(PermissionDenied):
        services.group_join(actor=world.users["observer"], group=_group(world))


def test_it_keeps_the_lead_until_another_is_chosen(world):
    group = _group(world)
    lead_membership = group.memberships.get(user=world.users["convener_admin"])

    with pytest.raises(Conflict, match="choose another lead"):
        services.group_leave(actor=world.users["convener_admin"], group=group)
    with pytest.raises(Conflict, match="choose another lead"):
        services.group_member_remove(
            actor=world.users["convener_admin"], group=group, membership=lead_membership
        )


def test_it_adds_and_removes_a_member(world):
    group = _group(world, is_open=False)
    lead = world.users["convener_admin"]

    membership = services.group_member_add(actor=lead, group=group, user=world.users["partner_member"])
    services.group_member_remove(actor=lead, group=group, membership=membership)

    assert [e.verb for e in Event.objects.order_by("id")] == ["group.member_added", "group.member_removed"]
    assert world.users["partner_member"] not in {m.user for m in group_members(group)}


def test_it_refuses_to_add_someone_outside_the_partnership(world):
    group = _group(world)

    with pytest.raises(ServiceError, match="Choose someone who takes part in the partnership"):
        services.group_member_add(
            actor=world.users["convener_admin"], group=group, user=world.users["outsider"]
        )


def test_it_refuses_to_remove_a_membership_of_another_group(world):
    group = _group(world)
    other = GroupMembershipFactory(group=WorkingGroupFactory(partnership=PartnershipFactory()))

    with pytest.raises(Conflict):
        services.group_member_remove(actor=world.users["convener_admin"], group=group, membership=other)


def test_it_archives_and_reopens_a_group(world):
    group = _group(world)
    lead = world.users["convener_admin"]

    services.group_archive(actor=lead, group=group)
    assert group_list(world.partnership) == []
    with pytest.raises(Conflict):
        services.group_member_add(actor=lead, group=group, user=world.users["partner_member"])
    services.group_reopen(actor=lead, group=group)

    assert [g.pk for g in group_list(world.partnership)] == [group.pk]
    assert [e.verb for e in Event.objects.order_by("id")] == ["group.archived", "group.reopened"]


def test_it_refuses_to_reopen_when_an_active_group_took_the_name(world):
    group = _group(world, archived_at=timezone.now())
    WorkingGroupFactory(partnership=world.partnership, name="Referral Pathway")

    with pytest.raises(Conflict, match="rename that one first"):
        services.group_reopen(actor=world.users["convener_admin"], group=group)


def test_it_stops_counting_someone_who_left_the_partnership(world):
    group = _group(world, members=("participant", "partner_member"))
    world.participant.left_at = timezone.now()
    world.participant.save()
    world.core_partner.left_at = timezone.now()
    world.core_partner.save()
    group = type(group).objects.get(pk=group.pk)

    assert [m.user for m in group_members(group)] == [world.users["convener_admin"]]
    assert not is_group_member(world.users["participant"], group)
    assert groups_of_user(world.users["partner_member"], group.partnership) == []
    assert group_list(group.partnership)[0].member_count == 1


def test_it_lists_the_groups_of_a_user(world):
    group = _group(world)
    WorkingGroupFactory(partnership=world.partnership, name="Training")

    assert groups_of_user(world.users["participant"], world.partnership) == [group]
    assert groups_of_user(world.users["outsider"], world.partnership) == []
