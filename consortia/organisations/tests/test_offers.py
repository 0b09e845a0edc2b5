"""An organisation's offers: what the services guarantee (permission, invariant,
event), called directly with the `world` personas."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from consortia.core.factories import MembershipFactory, OfferFactory, UserFactory
from consortia.core.testing import assert_event
from consortia.organisations import services
from consortia.organisations.models import Offer, Organisation

from .conftest import PROFILE, invite

# --- offers ---------------------------------------------------------------------------------


def test_it_adds_an_offer(world):
    actor = world.users["partner_admin"]

    offer = services.offer_add(
        actor=actor, organisation=world.core_org, category="premises", description="  A room for 20.  "
    )

    assert (offer.organisation, offer.category, offer.description) == (
        world.core_org,
        "premises",
        "A room for 20.",
    )
    event = assert_event("organisation.offer_added", actor=actor, organisation=world.core_org)
    assert event.object_uuid == offer.uuid


def test_it_lets_only_admins_add_offers(world):
    with pytest.raises(PermissionDenied):
        services.offer_add(
            actor=world.users["partner_member"],
            organisation=world.core_org,
            category="premises",
            description="x",
        )

    assert not Offer.objects.exists()


@pytest.mark.parametrize(
    ("category", "description"), [("bribes", "A room"), ("premises", "   "), ("premises", "x" * 501)]
)
def test_it_refuses_an_invalid_offer(world, category, description):
    with pytest.raises(ValidationError):
        services.offer_add(
            actor=world.users["partner_admin"],
            organisation=world.core_org,
            category=category,
            description=description,
        )

    assert not Offer.objects.exists()


def test_it_removes_an_offer(world):
    actor = world.users["partner_admin"]
    offer = OfferFactory(organisation=world.core_org)

    services.offer_remove(actor=actor, offer=offer)

    assert not Offer.objects.exists()
    event = assert_event("organisation.offer_removed", actor=actor, organisation=world.core_org)
    assert event.object_uuid == offer.uuid


def test_it_lets_only_admins_remove_offers(world):
    offer = OfferFactory(organisation=world.core_org)

    with pytest.raises(PermissionDenied):
        services.offer_remove(actor=world.users["outsider"], offer=offer)

    assert Offer.objects.filter(pk=offer.pk).exists()


def test_it_still_updates_an_organisation_whose_creator_has_deleted_their_account(world):
    creator = UserFactory()
    organisation = services.organisation_create(actor=creator, **PROFILE)
    heir = MembershipFactory(organisation=organisation, role="admin").user
    creator.delete()
    organisation.refresh_from_db()
    assert organisation.created_by is None

    services.organisation_update(actor=heir, organisation=organisation, name="Renamed")

    assert Organisation.objects.get(pk=organisation.pk).name == "Renamed"


def test_it_sends_the_invitation_even_when_names_contain_line_breaks(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    actor = world.users["partner_admin"]
    actor.name = "Pat\nBcc: victim@example.org"
    Organisation.objects.filter(pk=world.core_org.pk).update(name="Core\r\nOrg")
    world.core_org.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        invite(world, actor=actor)

    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "Pat Bcc: victim@example.org invited you to join Core Org"
    assert mailoutbox[0].message()["Bcc"] is None
