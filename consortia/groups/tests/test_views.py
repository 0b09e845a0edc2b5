"""The working group pages, end to end through the views: what they show (purpose,
lead, members with their organisations), the forms and their refusals, and polls
that belong to a group."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.core.factories import GroupMembershipFactory, PartnershipFactory, WorkingGroupFactory
from consortia.core.testing import error_summary, inline_error, problem_message, snapshot, text
from consortia.decisions.models import Poll
from consortia.groups.models import WorkingGroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(world):
    lead = world.users["convener_admin"]
    group = WorkingGroupFactory(
        partnership=world.partnership, name="Referral pathway", purpose="One route from diagnosis.", lead=lead
    )
    GroupMembershipFactory(group=group, user=lead)
    GroupMembershipFactory(group=group, user=world.users["partner_member"])
    GroupMembershipFactory(group=group, user=world.users["participant"])
    return group


def _url(name, group, *more):
    return reverse(f"groups:{name}", args=[group.partnership.uuid, group.uuid, *more])


def test_it_lists_the_groups_with_their_lead_and_member_count(world, group, client_for):
    response = client_for("observer").get(reverse("groups:list", args=[world.partnership.uuid]))

    page = text(response)
    assert "Referral pathway" in page
    assert "Led by Cora Convener · 3 members · open to join" in page
    assert "Set up a working group" not in page


def test_it_shows_the_members_with_their_organisations(world, group, client_for):
    response = client_for("observer").get(_url("detail", group))

    page = text(response)
    assert "One route from diagnosis." in page
    assert "Cora Convener, Convener Org" in page  # the lead
    assert '<td class="govuk-table__cell">Core Org</td>' in page
    assert "Individual participant" in page
    assert "Join the group" not in page  # observers do not join


def test_it_offers_join_to_a_partner_and_leave_to_a_member(world, group, client_for):
    assert "Join the group" in text(client_for("partner_admin").get(_url("detail", group)))
    assert "Leave the group" in text(client_for("participant").get(_url("detail", group)))


def test_it_sets_up_a_group_from_the_form(world, client_for):
    response = client_for("partner_member").post(
        reverse("groups:create", args=[world.partnership.uuid]),
        {
            "name": "Training",
            "purpose": "Train volunteers",
            "lead": world.users["participant"].uuid,
            "openness": "closed",
        },
    )

    group = WorkingGroup.objects.get(name="Training")
    assert response.status_code == 302
    assert response["Location"] == _url("detail", group)
    assert (group.lead, group.is_open) == (world.users["participant"], False)


def test_it_refuses_an_empty_name_with_a_message(world, client_for):
    client = client_for("convener_admin")
    before = snapshot()

    response = client.post(
        reverse("groups:create", args=[world.partnership.uuid]),
        {"name": "", "lead": world.users["convener_admin"].uuid, "openness": "open"},
    )

    assert response.status_code == 400
    assert "Enter a name for the group" in inline_error(response, "name")
    assert "Enter a name for the group" in error_summary(response)
    assert snapshot() == before


def test_it_answers_404_for_a_group_of_another_partnership_in_this_ones_url(world, client_for):
    other = WorkingGroupFactory(partnership=PartnershipFactory())

    response = client_for("convener_admin").get(
        reverse("groups:detail", args=[world.partnership.uuid, other.uuid])
    )

    assert response.status_code == 404


def test_it_explains_why_a_closed_group_cannot_be_joined(world, group, client_for):
    group.is_open = False
    group.save()

    response = client_for("partner_admin").post(_url("join", group))

    assert response.status_code == 409
    assert problem_message(response) == "Referral pathway is closed: ask its lead to add you."


def test_it_adds_a_member_from_the_people_of_the_partnership(world, group, client_for):
    response = client_for("convener_admin").get(_url("member_add", group))

    page = text(response)
    assert "Pat Partner (Core Org)" in page
    assert "Olive Observer" not in page  # observers take no part in groups
    assert "Max Member" not in page  # already a member


# --- polls of a working group ------------------------------------------------------------------


def _poll_form(**overrides):
    closes = timezone.localtime(timezone.now() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    return {
        "title": "Use one referral form",
        "kind": "consent",
        "electorate": "partners",
        "basis": "person",
        "quorum_by": "organisations",
        "closes_at": closes,
        **overrides,
    }


def test_it_opens_a_poll_of_a_working_group_and_shows_the_group_on_it(world, group, client_for):
    client = client_for("convener_admin")
    form = client.get(reverse("decisions:create", args=[world.partnership.uuid]))
    assert f'<option value="{group.uuid}">Referral pathway</option>' in text(form)

    response = client.post(
        reverse("decisions:create", args=[world.partnership.uuid]), _poll_form(working_group=group.uuid)
    )

    poll = Poll.objects.get()
    assert response.status_code == 302
    assert poll.working_group == group
    page = text(client.get(response["Location"]))
    assert f'href="{_url("detail", group)}">Referral pathway</a>' in page


@pytest.mark.parametrize("groups_here", [True, False])
def test_it_refuses_a_poll_for_another_partnerships_group(world, client_for, groups_here):
    if groups_here:
        WorkingGroupFactory(partnership=world.partnership)
    other = WorkingGroupFactory(partnership=PartnershipFactory())
    client = client_for("convener_admin")
    before = snapshot()

    response = client.post(
        reverse("decisions:create", args=[world.partnership.uuid]), _poll_form(working_group=other.uuid)
    )

    assert response.status_code == 400
    assert "Choose one of this partnership&#x27;s working groups" in inline_error(response, "working_group")
    assert snapshot() == before


def test_it_is_reached_from_the_partnership_page(world, client_for):
    page = client_for("observer").get(reverse("partnerships:detail", args=[world.partnership.uuid]))

    assert reverse("groups:list", args=[world.partnership.uuid]) in page.content.decode()
