"""Members of an organisation (member_remove, member_leave, member_role_change): what
each guarantees (permission, invariant, event), called directly with the `world`
personas."""

import pytest
from django.core.exceptions import PermissionDenied

from consortia.core.errors import Conflict, ServiceError
from consortia.core.factories import MembershipFactory
from consortia.core.models import Event
from consortia.core.testing import assert_event
from consortia.organisations import services
from consortia.organisations.models import Membership
from consortia.partnerships.models import Representative

from .conftest import membership_of

# --- member_remove / member_leave / member_role_change -------------------------------------


def test_it_removes_a_member_and_their_representation(world):
    actor = world.users["convener_admin"]
    colleague = MembershipFactory(organisation=world.convener_org, role="admin").user
    Representative.objects.create(partner=world.convener_partner, user=colleague)

    services.member_remove(actor=actor, membership=membership_of(colleague, world.convener_org))

    assert not world.convener_org.memberships.filter(user=colleague).exists()
    assert not Representative.objects.filter(user=colleague).exists()
    assert Representative.objects.filter(user=actor, partner=world.convener_partner).exists()
    event = assert_event("organisation.member_removed", actor=actor, organisation=world.convener_org)
    assert event.payload == {"member": colleague.display_name}


def test_it_keeps_representation_for_other_organisations_when_a_member_is_removed(world):
    """Someone in two partner organisations stops representing only the one they left."""
    person = world.users["partner_member"]
    MembershipFactory(organisation=world.observer_org, user=person)
    Representative.objects.create(partner=world.core_partner, user=person)
    Representative.objects.create(partner=world.observer_partner, user=person)

    services.member_remove(
        actor=world.users["partner_admin"], membership=membership_of(person, world.core_org)
    )

    assert list(Representative.objects.filter(user=person).values_list("partner", flat=True)) == [
        world.observer_partner.pk
    ]


@pytest.mark.parametrize("persona", ["partner_member", "outsider", "convener_admin"])
def test_it_lets_only_admins_remove_members(world, persona):
    membership = membership_of(world.users["partner_member"], world.core_org)

    with pytest.raises(PermissionDenied):
        services.member_remove(actor=world.users[persona], membership=membership)

    assert Membership.objects.filter(pk=membership.pk).exists()


def test_it_does_not_remove_the_last_admin(world):
    events = Event.objects.count()
    membership = membership_of(world.users["partner_admin"], world.core_org)

    with pytest.raises(Conflict):
        services.member_remove(actor=world.users["partner_admin"], membership=membership)

    assert Membership.objects.filter(pk=membership.pk).exists()
    assert Representative.objects.filter(
        partner=world.core_partner, user=world.users["partner_admin"]
    ).exists()
    assert Event.objects.count() == events


def test_it_removes_an_admin_when_another_admin_remains(world):
    other = MembershipFactory(organisation=world.core_org, role="admin")

    services.member_remove(actor=world.users["partner_admin"], membership=other)

    assert list(world.core_org.memberships.filter(role="admin").values_list("user", flat=True)) == [
        world.users["partner_admin"].pk
    ]


def test_it_lets_a_member_leave_and_stop_representing(world):
    actor = world.users["partner_member"]
    Representative.objects.create(partner=world.core_partner, user=actor)

    services.member_leave(actor=actor, organisation=world.core_org)

    assert not world.core_org.memberships.filter(user=actor).exists()
    assert not Representative.objects.filter(user=actor).exists()
    assert_event("organisation.member_left", actor=actor, organisation=world.core_org)


def test_it_does_not_let_the_last_admin_leave(world):
    actor = world.users["partner_admin"]
    events = Event.objects.count()

    with pytest.raises(Conflict) as caught:
        services.member_leave(actor=actor, organisation=world.core_org)

    assert "last admin" in caught.value.message
    assert membership_of(actor, world.core_org).role == "admin"
    assert Representative.objects.filter(user=actor).exists()
    assert Event.objects.count() == events


def test_it_lets_an_admin_leave_when_another_admin_remains(world):
    MembershipFactory(organisation=world.core_org, role="admin")

    services.member_leave(actor=world.users["partner_admin"], organisation=world.core_org)

    assert world.core_org.memberships.filter(role="admin").count() == 1
    assert not world.core_org.memberships.filter(user=world.users["partner_admin"]).exists()


def test_it_refuses_to_let_a_non_member_leave(world):
    with pytest.raises(ServiceError) as caught:
        services.member_leave(actor=world.users["outsider"], organisation=world.core_org)

    assert caught.value.status_code == 404


def test_it_changes_a_members_role(world):
    actor = world.users["partner_admin"]
    membership = membership_of(world.users["partner_member"], world.core_org)

    services.member_role_change(actor=actor, membership=membership, role="admin")

    membership.refresh_from_db()
    assert membership.role == "admin"
    event = assert_event("organisation.member_role_changed", actor=actor, organisation=world.core_org)
    assert event.payload == {"member": "Max Member", "from": "member", "to": "admin"}


def test_it_does_not_demote_the_last_admin(world):
    membership = membership_of(world.users["partner_admin"], world.core_org)

    with pytest.raises(Conflict):
        services.member_role_change(actor=world.users["partner_admin"], membership=membership, role="member")

    membership.refresh_from_db()
    assert membership.role == "admin"


def test_it_demotes_an_admin_when_another_admin_remains(world):
    services.member_role_change(
        actor=world.users["partner_admin"],
        membership=membership_of(world.users["partner_member"], world.core_org),
        role="admin",
    )
    mine = membership_of(world.users["partner_admin"], world.core_org)

    services.member_role_change(actor=world.users["partner_admin"], membership=mine, role="member")

    mine.refresh_from_db()
    assert mine.role == "member"
    assert world.core_org.memberships.filter(role="admin").count() == 1


def test_it_lets_only_admins_change_roles(world):
    membership = membership_of(world.users["partner_member"], world.core_org)

    with pytest.raises(PermissionDenied):
        services.member_role_change(actor=world.users["partner_member"], membership=membership, role="admin")

    membership.refresh_from_db()
    assert membership.role == "member"


def test_it_refuses_an_unknown_role_change(world):
    membership = membership_of(world.users["partner_member"], world.core_org)

    with pytest.raises(ServiceError):
        services.member_role_change(actor=world.users["partner_admin"], membership=membership, role="owner")

    membership.refresh_from_db()
    assert membership.role == "member"
