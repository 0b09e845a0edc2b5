""" "My actions" and the cross-partnership reads others use (the calendar feed, search):
what a person owns, in person or through their organisation, in the partnerships they
are in now; an action of a partnership they have left is gone."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.actions.selectors import actions_due_for_feed, actions_for_user, my_actions
from consortia.core.factories import (
    ActionFactory,
    MembershipFactory,
    PartnerFactory,
    PartnershipFactory,
)
from consortia.core.testing import text

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _days(n):
    return TODAY() + datetime.timedelta(days=n)


def _titles(actions):
    return [a.title for a in actions]


def test_it_groups_my_open_actions_by_when_they_are_due(world):
    me = world.users["partner_member"]
    for title, due in [
        ("Late", _days(-1)),
        ("Today", _days(0)),
        ("Soon", _days(7)),
        ("Later", _days(8)),
        ("Undated", None),
    ]:
        ActionFactory(partnership=world.partnership, owner_user=me, title=title, due=due)
    ActionFactory(partnership=world.partnership, owner_user=world.users["participant"], title="Not mine")

    mine = my_actions(me)

    assert _titles(mine.overdue) == ["Late"]
    assert _titles(mine.due_soon) == ["Today", "Soon"]
    assert _titles(mine.later) == ["Later"]
    assert _titles(mine.no_date) == ["Undated"]
    assert mine.open_count == 5


def test_it_includes_what_my_organisation_owns_in_every_partnership(world):
    me = world.users["partner_member"]
    elsewhere = PartnershipFactory()
    PartnerFactory(partnership=elsewhere, organisation=world.core_org)
    ActionFactory(
        partnership=world.partnership, owner_user=None, owner_partner=world.core_partner, title="Ours"
    )
    ActionFactory(
        partnership=elsewhere,
        owner_user=None,
        owner_partner=elsewhere.partners.get(),
        title="Ours elsewhere",
        due=None,
    )

    assert sorted(_titles(actions_for_user(me).filter(status="open"))) == ["Ours", "Ours elsewhere"]
    mine = my_actions(me)
    assert _titles(mine.later) == ["Ours"] and _titles(mine.no_date) == ["Ours elsewhere"]


def test_an_action_of_a_partnership_i_left_is_gone(world):
    me = world.users["participant"]
    ActionFactory(partnership=world.partnership, owner_user=me, title="Before I left")
    world.participant.left_at = timezone.now()
    world.participant.save()

    assert my_actions(me).open_count == 0
    assert not actions_due_for_feed(me).exists()
    assert not actions_for_user(me).exists()


def test_an_action_of_a_partner_that_left_is_gone(world):
    ActionFactory(partnership=world.partnership, owner_user=None, owner_partner=world.core_partner)
    world.core_partner.left_at = timezone.now()
    world.core_partner.save()

    assert my_actions(world.users["partner_member"]).open_count == 0


def test_a_colleague_of_another_organisation_does_not_see_ours(world):
    ActionFactory(partnership=world.partnership, owner_user=None, owner_partner=world.core_partner)

    assert my_actions(world.users["convener_admin"]).open_count == 0
    assert my_actions(world.users["outsider"]).open_count == 0


def test_closed_recently_shows_done_and_dropped_of_the_last_two_weeks(world):
    me = world.users["partner_member"]
    ActionFactory(
        partnership=world.partnership, owner_user=me, title="Done", status="done", closed_at=timezone.now()
    )
    ActionFactory(
        partnership=world.partnership,
        owner_user=me,
        title="Long ago",
        status="done",
        closed_at=timezone.now() - datetime.timedelta(days=15),
    )

    assert _titles(my_actions(me).closed_recently) == ["Done"]


def test_the_feed_has_my_open_dated_actions(world):
    me = world.users["partner_member"]
    ActionFactory(partnership=world.partnership, owner_user=me, title="Dated", due=_days(3))
    ActionFactory(partnership=world.partnership, owner_user=me, title="Undated", due=None)
    ActionFactory(
        partnership=world.partnership, owner_user=me, title="Done", status="done", closed_at=timezone.now()
    )
    ActionFactory(
        partnership=world.partnership,
        owner_user=None,
        owner_partner=world.core_partner,
        title="Ours",
        due=_days(1),
    )
    ActionFactory(
        partnership=world.partnership, owner_user=world.users["participant"], title="Theirs", due=_days(1)
    )

    assert sorted(_titles(actions_due_for_feed(me))) == ["Dated", "Ours"]


def test_actions_for_user_are_those_of_my_partnerships_only(world):
    ActionFactory(partnership=world.partnership, title="Ours")
    ActionFactory(title="Another partnership's")
    MembershipFactory(organisation=world.outsider_org)

    assert _titles(actions_for_user(world.users["observer"])) == ["Ours"]
    assert _titles(actions_for_user(world.users["outsider"])) == []


def test_the_page_groups_them_and_collapses_the_closed_ones(world, client_for):
    me = world.users["partner_member"]
    ActionFactory(partnership=world.partnership, owner_user=me, title="Book the hall", due=_days(-2))
    ActionFactory(partnership=world.partnership, owner_user=me, title="Print leaflets", due=_days(2))
    ActionFactory(
        partnership=world.partnership,
        owner_user=me,
        title="Thank the volunteers",
        status="done",
        closed_at=timezone.now(),
    )

    page = text(client_for("partner_member").get(reverse("actions:mine")))

    assert page.index("Overdue (1)") < page.index("Book the hall") < page.index("Due in the next 7 days (1)")
    assert "was due" in page and "Print leaflets" in page
    assert '<details class="govuk-details">' in page and "Thank the volunteers" in page
    assert world.partnership.name in page


def test_the_header_links_to_my_actions(client_for):
    page = text(client_for("outsider").get(reverse("actions:mine")))

    assert f'href="{reverse("actions:mine")}"' in page and "You have no open actions." in page
