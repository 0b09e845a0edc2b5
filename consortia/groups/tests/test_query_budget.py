"""The working groups list and a group's page cost the same number of queries with
2 or 30 groups, and with 2 or 30 members from several organisations."""

import pytest
from django.urls import reverse

from consortia.core.factories import (
    GroupMembershipFactory,
    MembershipFactory,
    ParticipantFactory,
    WorkingGroupFactory,
    partnership_with_partners,
)
from consortia.core.testing import query_budget
from consortia.partnerships.rules import active_partners

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("locmem_cache")]

# The page's queries (the session comes from the cache, here one in this process):
# the user, the partnership, the viewer's memberships (for the permission checks), the
# active partners with their organisations, their representatives, then: the active
# groups with their leads, the people of the partnership (its partner organisations'
# members; its participants), the groups' open memberships, the archived groups (none
# here, so no memberships query for them).
# + the header's unread notifications count (notifications/context_processors.py, one query).
LIST = 11
# The user, the partnership, the viewer's memberships, the active partners, their
# representatives, the group with its lead, the people of the partnership (members;
# participants) and the open memberships with their users. The permission checks on
# the group (manage, join, leave) are answered from those: no query of their own.
# + the header's unread notifications count (notifications/context_processors.py, one query).
# + the group's threads with their authors (threads' `working_group_threads` tag, one query).
# + the group's open actions with their owners (actions' `working_group_actions` tag, one query).
# + the group's meetings (meetings' `working_group_meetings` tag, one query).
GROUP = 13


def _people(partnership, n):
    """n people: members of the partner organisations in turn, every third a participant."""
    partners = active_partners(partnership)
    people = []
    for i in range(n):
        if i % 3 == 2:
            people.append(ParticipantFactory(partnership=partnership).user)
        else:
            people.append(MembershipFactory(organisation=partners[i % len(partners)].organisation).user)
    return people


@pytest.mark.parametrize("groups", [2, 30])
def test_the_list_costs_the_same_with_2_or_30_groups(client, groups):
    partnership, convener_admin = partnership_with_partners(3)
    people = _people(partnership, 6)
    for i in range(groups):
        group = WorkingGroupFactory(partnership=partnership, lead=people[i % 6])
        for person in people[: 2 + i % 4]:
            GroupMembershipFactory(group=group, user=person)
    client.force_login(convener_admin)

    with query_budget(LIST):
        response = client.get(reverse("groups:list", args=[partnership.uuid]))

    assert response.status_code == 200
    assert response.content.decode().count('class="govuk-summary-card__title"') == groups


@pytest.mark.parametrize("members", [2, 30])
def test_the_group_page_costs_the_same_with_2_or_30_members(client, members):
    partnership, convener_admin = partnership_with_partners(3)
    people = _people(partnership, members)
    group = WorkingGroupFactory(partnership=partnership, lead=people[0])
    for person in people:
        GroupMembershipFactory(group=group, user=person)
    client.force_login(convener_admin)

    with query_budget(GROUP):
        response = client.get(reverse("groups:detail", args=[partnership.uuid, group.uuid]))

    assert response.status_code == 200
    assert response.content.decode().count('<tr class="govuk-table__row">') == members + 1
