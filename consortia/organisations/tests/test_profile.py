"""Creating an organisation and changing its profile (organisation_create,
organisation_update): what each guarantees (permission, invariant, event), called
directly with the `world` personas."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from consortia.core.models import Event
from consortia.core.testing import assert_event
from consortia.organisations import services
from consortia.organisations.models import Membership, Organisation

from .conftest import PROFILE, membership_of

# --- organisation_create / organisation_update ---------------------------------------


def test_it_creates_an_organisation_with_its_creator_as_admin(world):
    actor = world.users["outsider"]

    organisation = services.organisation_create(
        actor=actor, expertise=["Dementia care", " dementia  CARE ", "welfare benefits", "  "], **PROFILE
    )

    assert organisation.name == "Northshire Carers"
    assert organisation.charity_number == "SC012345"  # normalised
    assert organisation.created_by == actor
    assert membership_of(actor, organisation).role == "admin"
    assert sorted(e.topic for e in organisation.expertise.all()) == ["Dementia care", "welfare benefits"]
    assert_event("organisation.created", actor=actor, organisation=organisation)


def test_it_refuses_to_create_an_organisation_for_an_anonymous_user(db):
    with pytest.raises(PermissionDenied):
        services.organisation_create(actor=AnonymousUser(), **PROFILE)

    assert not Organisation.objects.exists()
    assert not Event.objects.exists()


def test_it_creates_nothing_when_the_profile_is_invalid(world):
    organisations, events = Organisation.objects.count(), Event.objects.count()

    with pytest.raises(ValidationError) as caught:
        services.organisation_create(actor=world.users["outsider"], **{**PROFILE, "charity_number": "12"})

    assert "charity_number" in caught.value.error_dict
    assert Organisation.objects.count() == organisations
    assert Event.objects.count() == events
    assert (
        not Membership.objects.filter(user=world.users["outsider"], role="admin")
        .exclude(organisation=world.outsider_org)
        .exists()
    )


def test_it_updates_the_profile_and_records_the_changed_fields(world):
    actor = world.users["partner_admin"]

    services.organisation_update(
        actor=actor, organisation=world.core_org, name="Core Org Renamed", volunteers=7, expertise=["Housing"]
    )

    world.core_org.refresh_from_db()
    assert world.core_org.name == "Core Org Renamed"
    assert world.core_org.volunteers == 7
    assert [e.topic for e in world.core_org.expertise.all()] == ["Housing"]
    event = assert_event("organisation.updated", actor=actor, organisation=world.core_org)
    assert event.payload == {"fields": ["name", "volunteers", "expertise"]}


def test_it_writes_no_event_when_nothing_changed(world):
    organisation = world.core_org
    services.organisation_update(
        actor=world.users["partner_admin"], organisation=organisation, expertise=["Welfare rights"]
    )
    before = Event.objects.count(), Organisation.objects.get(pk=organisation.pk).updated_at

    services.organisation_update(
        actor=world.users["partner_admin"],
        organisation=organisation,
        name=organisation.name,
        volunteers=organisation.volunteers,
        expertise=[" welfare  RIGHTS "],  # the same topic, written differently
    )

    assert (Event.objects.count(), Organisation.objects.get(pk=organisation.pk).updated_at) == before


def test_it_records_a_change_of_expertise_alone(world):
    actor = world.users["partner_admin"]

    services.organisation_update(actor=actor, organisation=world.core_org, expertise=["Housing"])

    event = assert_event("organisation.updated", actor=actor, organisation=world.core_org)
    assert event.payload == {"fields": ["expertise"]}


@pytest.mark.parametrize("persona", ["partner_member", "outsider", "convener_admin", "site_admin"])
def test_it_lets_only_the_organisations_admins_update_it(world, persona):
    events = Event.objects.count()

    with pytest.raises(PermissionDenied):
        services.organisation_update(actor=world.users[persona], organisation=world.core_org, name="Hijacked")

    world.core_org.refresh_from_db()
    assert world.core_org.name == "Core Org"
    assert Event.objects.count() == events


def test_it_refuses_an_update_that_breaks_a_rule_and_keeps_the_old_profile(world):
    with pytest.raises(ValidationError):
        services.organisation_update(
            actor=world.users["partner_admin"], organisation=world.core_org, name="x" * 201
        )

    assert Organisation.objects.get(pk=world.core_org.pk).name == "Core Org"
