"""One open membership per person and group, proved with real threads on real
connections: the same person joins from two tabs at once, and exactly one
membership and one event result; the other tab gets a 409."""

import pytest

from consortia.accounts.models import User
from consortia.core.factories import GroupMembershipFactory, WorkingGroupFactory
from consortia.core.models import Event
from consortia.core.testing import one_success_one_conflict, run_at_once
from consortia.groups.models import GroupMembership, WorkingGroup
from consortia.groups.services import group_join

pytestmark = pytest.mark.django_db(transaction=True)


def joining(group_pk: int, user_pk: int):
    def prepare():
        group = WorkingGroup.objects.select_related("partnership").get(pk=group_pk)
        user = User.objects.get(pk=user_pk)
        return lambda: group_join(actor=user, group=group)

    return prepare


def test_it_lets_only_one_of_two_simultaneous_joins_succeed(world):
    lead = world.users["convener_admin"]
    group = WorkingGroupFactory(partnership=world.partnership, lead=lead)
    GroupMembershipFactory(group=group, user=lead)
    member = world.users["partner_member"]

    results = run_at_once(joining(group.pk, member.pk), joining(group.pk, member.pk))

    one_success_one_conflict(results)
    assert GroupMembership.objects.filter(group=group, user=member, left_at__isnull=True).count() == 1
    assert Event.objects.filter(verb="group.member_joined").count() == 1
