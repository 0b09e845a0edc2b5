"""A meeting's page costs the same number of queries with 5 or 200 agenda items and
invitees (with their attendance), decisions, actions and live items under the default
agenda: each list is read in one query and joined in Python."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.actions.models import Action
from consortia.core.factories import (
    AgendaItemFactory,
    LessonFactory,
    MeetingFactory,
    MembershipFactory,
    NeedFactory,
    OutcomeFactory,
    PollFactory,
    partnership_with_partners,
)
from consortia.core.testing import query_budget
from consortia.meetings.models import AgendaItem, Attendance, MeetingAction, MinutesDecision
from consortia.partnerships.rules import active_partners

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("locmem_cache")]

# The session's user, the partnership, the viewer's memberships, the active partners
# with their organisations and their representatives (shared by the permission
# checks and the page), the meeting (with its group, chair, note-taker, poll and
# creator), the agenda (with owners, carried-from meetings and actions), the invited
# partners' ids, their members with their users, the individual participants, the
# attendance with users, the approvals, then the live items under the default agenda:
# the outcomes, the pledges and the needs (for the uncovered needs), the polls
# waiting, the open actions, the lessons not yet reviewed (with their owners: the
# learning log's "Lessons to review", one query added with it); then the decisions with their polls, the meeting's
# actions with owners, the corrections (the viewer, the convener's admin, may write
# the minutes), and the header's unread notifications count.
PAGE = 22


@pytest.mark.parametrize("n", [5, 200])
def test_the_meeting_page_costs_the_same_with_5_or_200_items_and_people(client, n):
    partnership, convener_admin = partnership_with_partners(3)
    partners = active_partners(partnership)
    starts = timezone.now() - timedelta(hours=1)
    meeting = MeetingFactory(
        partnership=partnership,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        note_taker=convener_admin,
    )
    meeting.invited_partners.set(partners)
    # the default items with live items under them first, so that 5 items hold each of them
    kinds = sorted(AgendaItem.Kind.values, key=lambda k: k in ("item", "aob"))
    for i in range(n):
        member = MembershipFactory(organisation=partners[i % 3].organisation).user
        AgendaItemFactory(meeting=meeting, owner=member, kind=kinds[i % len(kinds)], position=i + 1)
        Attendance.objects.create(meeting=meeting, user=member, status="attended" if i % 2 else "apologies")
        OutcomeFactory(partnership=partnership)
        NeedFactory(partnership=partnership)
        PollFactory(partnership=partnership, closes_at=starts + timedelta(minutes=30))
        action = Action.objects.create(partnership=partnership, title=f"Action {i}", owner_user=member)
        MeetingAction.objects.create(meeting=meeting, action=action)
        MinutesDecision.objects.create(meeting=meeting, text=f"Decision {i}")
        LessonFactory(partnership=partnership, owner=member)
    client.force_login(convener_admin)

    with query_budget(PAGE):
        response = client.get(reverse("meetings:detail", args=[partnership.uuid, meeting.uuid]))

    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("Decision ") >= n
    assert page.count(": attended") == n // 2
    assert page.count("Mark reviewed<span") >= n  # under each "Lessons to review" item


# The session's user, the partnership, the viewer's memberships, the active partners
# and their representatives (the permission checks), the meetings with their groups
# (one query, a closed group's privacy a subquery of it), then the header's unread
# notifications count.
LIST = 7


@pytest.mark.parametrize("n", [5, 200])
def test_the_meeting_list_costs_the_same_with_5_or_200_meetings(client, n):
    partnership, convener_admin = partnership_with_partners(3)
    for i in range(n):
        starts = timezone.now() + timedelta(days=i - n // 2)
        MeetingFactory(partnership=partnership, starts_at=starts, ends_at=starts + timedelta(hours=1))
    client.force_login(convener_admin)

    with query_budget(LIST):
        response = client.get(reverse("meetings:list", args=[partnership.uuid]))

    assert response.status_code == 200
    assert response.content.decode().count("Partnership meeting (") == n
