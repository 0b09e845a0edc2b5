"""Convening and changing a partnership (partnership_convene, partnership_update):
what each guarantees (permission, invariant, event), called directly with the
`world` personas."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from consortia.core.models import Event
from consortia.core.testing import assert_event
from consortia.partnerships import services
from consortia.partnerships.models import Partner, Partnership

# --- partnership_convene / partnership_update -----------------------------------------


def test_it_convenes_a_partnership_for_an_organisation_the_actor_administers(world):
    actor = world.users["partner_admin"]

    partnership = services.partnership_convene(
        actor=actor, organisation=world.core_org, name="  Food Bank Network ", purpose=" Nobody goes hungry. "
    )

    assert (partnership.name, partnership.purpose, partnership.status) == (
        "Food Bank Network",
        "Nobody goes hungry.",
        "forming",
    )
    convener = partnership.partners.get()
    assert (convener.organisation, convener.role) == (world.core_org, "convener")
    assert [r.user for r in convener.representatives.all()] == [actor]
    assert_event("partnership.convened", actor=actor, organisation=world.core_org, partnership=partnership)


@pytest.mark.parametrize(
    ("persona", "organisation"),
    [("partner_member", "core_org"), ("outsider", "core_org"), ("site_admin", "core_org")],
)
def test_it_convenes_only_for_an_organisation_the_actor_administers(world, persona, organisation):
    before = Partnership.objects.count(), Event.objects.count()

    with pytest.raises(PermissionDenied):
        services.partnership_convene(
            actor=world.users[persona], organisation=getattr(world, organisation), name="X", purpose="Y"
        )

    assert (Partnership.objects.count(), Event.objects.count()) == before


def test_it_convenes_nothing_when_the_name_is_blank(world):
    before = Partnership.objects.count(), Partner.objects.count(), Event.objects.count()

    with pytest.raises(ValidationError):
        services.partnership_convene(
            actor=world.users["partner_admin"], organisation=world.core_org, name="   ", purpose="Y"
        )

    assert (Partnership.objects.count(), Partner.objects.count(), Event.objects.count()) == before


def test_it_updates_a_partnership_and_records_the_change_and_the_status_change_in_one_event(world):
    actor = world.users["convener_admin"]
    before = Event.objects.count()

    services.partnership_update(
        actor=actor,
        partnership=world.partnership,
        name="Renamed",
        purpose=world.partnership.purpose,
        status="paused",
    )

    world.partnership.refresh_from_db()
    assert (world.partnership.name, world.partnership.status) == ("Renamed", "paused")
    (event,) = Event.objects.order_by("id")[before:]
    assert (event.verb, event.payload) == (
        "partnership.status_changed",
        {"from": "active", "to": "paused", "fields": ["name"]},
    )
    assert (event.actor, event.organisation, event.partnership) == (
        actor,
        world.convener_org,
        world.partnership,
    )


def test_it_records_a_change_of_details_alone_as_updated(world):
    actor = world.users["convener_admin"]
    before = Event.objects.count()

    services.partnership_update(
        actor=actor, partnership=world.partnership, name="Renamed", purpose="New purpose.", status="active"
    )

    (event,) = Event.objects.order_by("id")[before:]
    assert (event.verb, event.payload) == ("partnership.updated", {"fields": ["name", "purpose"]})
    assert event.organisation == world.convener_org


def test_it_records_a_status_change_alone_as_status_changed(world):
    p = world.partnership
    before = Event.objects.count()

    services.partnership_update(
        actor=world.users["convener_admin"], partnership=p, name=p.name, purpose=p.purpose, status="paused"
    )

    (event,) = Event.objects.order_by("id")[before:]
    assert (event.verb, event.payload) == ("partnership.status_changed", {"from": "active", "to": "paused"})


def test_it_writes_no_event_when_nothing_changed(world):
    before = Event.objects.count()

    p = world.partnership
    services.partnership_update(
        actor=world.users["convener_admin"], partnership=p, name=p.name, purpose=p.purpose, status=p.status
    )

    assert Event.objects.count() == before


@pytest.mark.parametrize(
    "persona", ["partner_admin", "partner_member", "observer", "participant", "site_admin"]
)
def test_it_lets_only_the_convener_update_a_partnership(world, persona):
    with pytest.raises(PermissionDenied):
        services.partnership_update(
            actor=world.users[persona],
            partnership=world.partnership,
            name="Hijacked",
            purpose="x",
            status="closed",
        )

    assert Partnership.objects.get(pk=world.partnership.pk).name == "Carers Advice Partnership"


def test_it_refuses_an_unknown_status(world):
    with pytest.raises(ValidationError):
        services.partnership_update(
            actor=world.users["convener_admin"],
            partnership=world.partnership,
            name="N",
            purpose="P",
            status="gone",
        )

    assert Partnership.objects.get(pk=world.partnership.pk).status == "active"
