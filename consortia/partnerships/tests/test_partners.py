"""A partner's place in the partnership (partner_role_change, convening_hand_over,
partner_leave, representatives): what each service guarantees (permission,
invariant, event), called directly with the `world` personas."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from consortia.core.errors import Conflict, ServiceError
from consortia.core.factories import PartnerFactory
from consortia.core.models import Event
from consortia.core.testing import assert_event
from consortia.organisations import services as org_services
from consortia.organisations.models import Membership
from consortia.partnerships import services
from consortia.partnerships.models import Partner, Partnership, Representative
from consortia.partnerships.rules import active_partners


def active_conveners(partnership) -> list[Partner]:
    return list(partnership.partners.active().filter(role="convener"))


# --- partner_role_change / convening_hand_over / partner_leave -------------------------------


def test_it_changes_a_partners_role(world):
    actor = world.users["convener_admin"]

    services.partner_role_change(actor=actor, partner=world.core_partner, role="associate")

    world.core_partner.refresh_from_db()
    assert world.core_partner.role == "associate"
    event = assert_event(
        "partner.role_changed", actor=actor, organisation=world.convener_org, partnership=world.partnership
    )
    assert event.payload == {"from": "core", "to": "associate"}


@pytest.mark.parametrize("persona", ["partner_admin", "observer", "participant", "site_admin"])
def test_it_lets_only_the_convener_change_roles(world, persona):
    with pytest.raises(PermissionDenied):
        services.partner_role_change(actor=world.users[persona], partner=world.observer_partner, role="core")

    world.observer_partner.refresh_from_db()
    assert world.observer_partner.role == "observer"


@pytest.mark.parametrize("role", ["convener", "owner"])
def test_it_refuses_to_make_a_convener_by_role_change(world, role):
    with pytest.raises(ServiceError):
        services.partner_role_change(
            actor=world.users["convener_admin"], partner=world.core_partner, role=role
        )

    assert active_conveners(world.partnership) == [world.convener_partner]


def test_it_refuses_to_change_the_conveners_role(world):
    with pytest.raises(Conflict):
        services.partner_role_change(
            actor=world.users["convener_admin"], partner=world.convener_partner, role="observer"
        )

    assert active_conveners(world.partnership) == [world.convener_partner]


def test_it_refuses_to_change_the_role_of_a_partner_that_became_convener_meanwhile(world):
    """A role change prepared before a hand-over must not demote the new convener."""
    stale = Partner.objects.select_related("partnership").get(pk=world.core_partner.pk)
    services.convening_hand_over(
        actor=world.users["convener_admin"], partnership=world.partnership, to_partner=world.core_partner
    )

    with pytest.raises((Conflict, PermissionDenied)):
        services.partner_role_change(actor=world.users["partner_admin"], partner=stale, role="observer")
    with pytest.raises(PermissionDenied):  # the old convener's admin no longer convenes
        services.partner_role_change(actor=world.users["convener_admin"], partner=stale, role="observer")

    assert [p.organisation for p in active_conveners(world.partnership)] == [world.core_org]


def test_it_hands_over_convening_leaving_exactly_one_convener(world):
    actor = world.users["convener_admin"]

    new = services.convening_hand_over(
        actor=actor, partnership=world.partnership, to_partner=world.observer_partner
    )

    assert new.pk == world.observer_partner.pk
    assert active_conveners(world.partnership) == [world.observer_partner]
    world.convener_partner.refresh_from_db()
    assert world.convener_partner.role == "core"
    event = assert_event(
        "partnership.convening_handed_over",
        actor=actor,
        organisation=world.convener_org,
        partnership=world.partnership,
    )
    assert event.object_repr == "Observer Org"


def test_it_gives_convening_rights_to_the_new_conveners_admins(world):
    # A page loaded before the hand-over has the old convener cached on its partnership.
    stale = Partnership.objects.get(pk=world.partnership.pk)
    assert active_partners(stale)
    services.convening_hand_over(
        actor=world.users["convener_admin"], partnership=world.partnership, to_partner=world.core_partner
    )

    services.partner_role_change(
        actor=world.users["partner_admin"], partner=world.observer_partner, role="core"
    )
    with pytest.raises(PermissionDenied):
        services.convening_hand_over(
            actor=world.users["convener_admin"], partnership=stale, to_partner=world.observer_partner
        )

    assert [p.organisation for p in active_conveners(world.partnership)] == [world.core_org]


@pytest.mark.parametrize("persona", ["partner_admin", "observer", "participant", "site_admin"])
def test_it_lets_only_the_convener_hand_over(world, persona):
    with pytest.raises(PermissionDenied):
        services.convening_hand_over(
            actor=world.users[persona], partnership=world.partnership, to_partner=world.core_partner
        )

    assert active_conveners(world.partnership) == [world.convener_partner]


def test_it_refuses_to_hand_over_to_the_convener_itself_or_a_former_or_foreign_partner(world):
    actor = world.users["convener_admin"]
    former = PartnerFactory(partnership=world.partnership, role="core", left_at=timezone.now())
    foreign = PartnerFactory(role="core")

    for to_partner in (world.convener_partner, former, foreign):
        with pytest.raises(ServiceError) as caught:
            services.convening_hand_over(actor=actor, partnership=world.partnership, to_partner=to_partner)
        assert caught.value.field == "partner"

    assert active_conveners(world.partnership) == [world.convener_partner]


def test_it_lets_a_partner_leave(world):
    actor = world.users["partner_admin"]

    services.partner_leave(actor=actor, partner=world.core_partner)

    world.core_partner.refresh_from_db()
    assert world.core_partner.left_at is not None
    assert_event("partner.left", actor=actor, organisation=world.core_org, partnership=world.partnership)


def test_it_does_not_let_the_convener_leave_without_handing_over(world):
    events = Event.objects.count()

    with pytest.raises(Conflict) as caught:
        services.partner_leave(actor=world.users["convener_admin"], partner=world.convener_partner)

    assert "Hand over" in caught.value.message
    assert active_conveners(world.partnership) == [world.convener_partner]
    assert Event.objects.count() == events


def test_it_lets_the_old_convener_leave_after_handing_over(world):
    actor = world.users["convener_admin"]
    services.convening_hand_over(actor=actor, partnership=world.partnership, to_partner=world.core_partner)
    partner = Partner.objects.get(pk=world.convener_partner.pk)

    services.partner_leave(actor=actor, partner=partner)

    assert active_conveners(world.partnership) == [world.core_partner]
    assert not world.partnership.partners.active().filter(organisation=world.convener_org).exists()


def test_it_does_not_let_a_partner_leave_that_became_convener_meanwhile(world):
    """A leave prepared before a hand-over must not leave the partnership leaderless."""
    stale = Partner.objects.select_related("partnership").get(pk=world.core_partner.pk)
    services.convening_hand_over(
        actor=world.users["convener_admin"], partnership=world.partnership, to_partner=world.core_partner
    )

    with pytest.raises(Conflict):
        services.partner_leave(actor=world.users["partner_admin"], partner=stale)

    assert [p.organisation for p in active_conveners(world.partnership)] == [world.core_org]


def test_it_does_not_let_a_partner_leave_twice(world):
    stale = Partner.objects.get(pk=world.core_partner.pk)
    services.partner_leave(actor=world.users["partner_admin"], partner=world.core_partner)
    events = Event.objects.count()

    with pytest.raises(Conflict):
        services.partner_leave(actor=world.users["partner_admin"], partner=stale)

    assert Event.objects.count() == events


@pytest.mark.parametrize("persona", ["partner_member", "convener_admin", "observer", "site_admin"])
def test_it_lets_only_the_partners_admins_take_it_out(world, persona):
    with pytest.raises(PermissionDenied):
        services.partner_leave(actor=world.users[persona], partner=world.core_partner)

    world.core_partner.refresh_from_db()
    assert world.core_partner.left_at is None


# --- representatives -------------------------------------------------------------------------


def test_it_names_a_member_as_representative(world):
    actor = world.users["partner_admin"]
    member = world.users["partner_member"]

    representative = services.representative_add(actor=actor, partner=world.core_partner, user=member)

    assert (representative.partner, representative.user) == (world.core_partner, member)
    event = assert_event(
        "partner.representative_added",
        actor=actor,
        organisation=world.core_org,
        partnership=world.partnership,
    )
    assert event.payload == {"representative": "Max Member"}


def test_it_names_only_members_as_representatives(world):
    with pytest.raises(ServiceError) as caught:
        services.representative_add(
            actor=world.users["partner_admin"], partner=world.core_partner, user=world.users["outsider"]
        )

    assert caught.value.field == "user"
    assert not Representative.objects.filter(user=world.users["outsider"]).exists()


def test_it_names_a_representative_once(world):
    with pytest.raises(Conflict):
        services.representative_add(
            actor=world.users["partner_admin"], partner=world.core_partner, user=world.users["partner_admin"]
        )

    assert Representative.objects.filter(user=world.users["partner_admin"]).count() == 1


@pytest.mark.parametrize("persona", ["partner_member", "convener_admin", "site_admin"])
def test_it_lets_only_the_partners_admins_name_representatives(world, persona):
    with pytest.raises(PermissionDenied):
        services.representative_add(
            actor=world.users[persona], partner=world.core_partner, user=world.users["partner_member"]
        )

    assert not Representative.objects.filter(user=world.users["partner_member"]).exists()


def test_it_removes_a_representative(world):
    actor = world.users["partner_admin"]
    representative = Representative.objects.get(partner=world.core_partner, user=actor)

    services.representative_remove(actor=actor, representative=representative)

    assert not Representative.objects.filter(pk=representative.pk).exists()
    assert_event(
        "partner.representative_removed",
        actor=actor,
        organisation=world.core_org,
        partnership=world.partnership,
    )


def test_it_lets_only_the_partners_admins_remove_representatives(world):
    representative = Representative.objects.get(partner=world.core_partner)

    with pytest.raises(PermissionDenied):
        services.representative_remove(actor=world.users["convener_admin"], representative=representative)

    assert Representative.objects.filter(pk=representative.pk).exists()


def test_it_stops_representation_when_the_representative_leaves_the_organisation(world):
    member = world.users["partner_member"]
    services.representative_add(actor=world.users["partner_admin"], partner=world.core_partner, user=member)

    org_services.member_leave(actor=member, organisation=world.core_org)

    assert not Representative.objects.filter(user=member).exists()
    assert not Membership.objects.filter(user=member).exists()
