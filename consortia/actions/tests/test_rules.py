"""Who may add and change actions (consortia/actions/rules.py)."""

import pytest
import rules
from django.utils import timezone

from consortia.core.factories import ActionFactory

pytestmark = pytest.mark.django_db

ADD = "actions.add_action_in_partnership"
CHANGE = "actions.change_action"
VIEW = "actions.view_action"


def _allowed(world, perm, obj):
    return {name for name, user in world.users.items() if rules.has_perm(perm, user, obj)}


def test_contributing_members_and_participants_add_actions(world):
    assert _allowed(world, ADD, world.partnership) == {
        "partner_member",
        "partner_admin",
        "convener_admin",
        "participant",
    }


def test_everyone_in_the_partnership_and_site_admins_see_an_action(world):
    action = ActionFactory(partnership=world.partnership)

    assert _allowed(world, VIEW, action) == {
        "observer",
        "partner_member",
        "partner_admin",
        "convener_admin",
        "participant",
        "site_admin",
    }


def test_the_owner_the_creator_and_the_convener_change_an_action(world):
    action = ActionFactory(
        partnership=world.partnership,
        owner_user=world.users["participant"],
        created_by=world.users["partner_admin"],
    )

    assert _allowed(world, CHANGE, action) == {"participant", "partner_admin", "convener_admin"}


def test_every_member_of_the_owning_organisation_changes_its_action(world):
    action = ActionFactory(
        partnership=world.partnership,
        owner_user=None,
        owner_partner=world.core_partner,
        created_by=world.users["participant"],
    )

    assert _allowed(world, CHANGE, action) == {
        "partner_member",
        "partner_admin",
        "participant",
        "convener_admin",
    }


def test_an_owner_who_left_the_partnership_no_longer_changes_it(world):
    action = ActionFactory(
        partnership=world.partnership, owner_user=world.users["participant"], created_by=None
    )
    world.participant.left_at = timezone.now()
    world.participant.save()

    assert _allowed(world, CHANGE, action) == {"convener_admin"}


def test_members_of_an_owning_partner_that_left_no_longer_change_it(world):
    action = ActionFactory(
        partnership=world.partnership, owner_user=None, owner_partner=world.core_partner, created_by=None
    )
    world.core_partner.left_at = timezone.now()
    world.core_partner.save()

    assert _allowed(world, CHANGE, action) == {"convener_admin"}
