"""Publishing and endorsing an agreement: what each service guarantees (permission,
invariant, event, email after commit), called directly with the `world` personas."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from consortia.agreements import services
from consortia.agreements.models import Endorsement
from consortia.core.errors import Conflict, ServiceError
from consortia.core.factories import MembershipFactory, PartnerFactory, PledgeFactory, RepresentativeFactory
from consortia.core.models import Event
from consortia.core.testing import assert_event, snapshot

from .conftest import VISION, draft_in, endorse_all, published_in

# --- publishing ---------------------------------------------------------------------------------


def test_it_publishes_a_draft_asks_the_convener_and_core_partners_and_copies_the_pledges(
    world, draft, django_capture_on_commit_callbacks
):
    actor = world.users["convener_admin"]
    PledgeFactory(
        partner=world.core_partner, description="Our hall", quantity=10, unit="hours", value_gbp=250
    )
    PledgeFactory(partner=PartnerFactory(partnership=world.partnership, left_at=timezone.now()))

    with django_capture_on_commit_callbacks(execute=True):
        version = services.agreement_publish(actor=actor, version=draft)

    version.refresh_from_db()
    assert (version.status, version.published_by, version.in_force_at) == ("published", actor, None)
    assert version.published_at is not None
    assert set(version.required_partners.all()) == {world.convener_partner, world.core_partner}
    assert [
        (c["organisation"], c["description"], c["quantity"], c["unit"], c["value_gbp"])
        for c in version.resource_commitments
    ] == [("Core Org", "Our hall", "10", "hours", "250.00")]
    event = assert_event(
        "agreement.published", actor=actor, organisation=world.convener_org, partnership=world.partnership
    )
    assert sorted(event.payload["asked"]) == ["Convener Org", "Core Org"]
    # Core Org's representative is asked; the publisher is not emailed about their own act.
    assert [m.to for m in mail.outbox] == [["core-admin@example.org"]]
    assert "endorse" in mail.outbox[0].subject.lower()
    assert f"/agreement/versions/{version.uuid}/" in mail.outbox[0].body


def test_it_asks_a_partners_admins_when_it_has_no_representative(
    world, draft, django_capture_on_commit_callbacks
):
    world.core_partner.representatives.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        services.agreement_publish(actor=world.users["convener_admin"], version=draft)

    assert [m.to for m in mail.outbox] == [["core-admin@example.org"]]


def test_publishing_supersedes_the_version_published_before(world, published):
    endorse_all(world, published)
    draft = draft_in(world)

    services.agreement_publish(actor=world.users["convener_admin"], version=draft)

    published.refresh_from_db()
    assert published.status == "superseded"
    assert published.endorsements.count() == 2  # endorsements stay with their version
    assert draft.endorsements.count() == 0


@pytest.mark.parametrize("persona", ["partner_admin", "partner_member", "observer", "site_admin"])
def test_only_the_conveners_admins_publish(world, draft, persona):
    before = snapshot()

    with pytest.raises(PermissionDenied):
        services.agreement_publish(actor=world.users[persona], version=draft)

    assert snapshot() == before


def test_it_refuses_to_publish_without_a_vision(world, django_capture_on_commit_callbacks):
    draft = draft_in(world, vision="   ")
    before = snapshot()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ServiceError) as refused:
        services.agreement_publish(actor=world.users["convener_admin"], version=draft)

    assert (refused.value.status_code, refused.value.field) == (400, "vision")
    assert snapshot() == before
    assert mail.outbox == []


def test_it_refuses_to_publish_twice(world, published):
    with pytest.raises(Conflict):
        services.agreement_publish(actor=world.users["convener_admin"], version=published)


# --- endorsing -----------------------------------------------------------------------------------


def test_a_partners_admin_endorses_for_it(world, published):
    actor = world.users["partner_admin"]

    endorsement = services.agreement_endorse(actor=actor, version=published, partner=world.core_partner)

    assert (endorsement.version, endorsement.partner, endorsement.endorsed_by) == (
        published,
        world.core_partner,
        actor,
    )
    assert_event(
        "agreement.endorsed", actor=actor, organisation=world.core_org, partnership=world.partnership
    )
    published.refresh_from_db()
    assert published.in_force_at is None  # the convener has not endorsed yet


def test_a_named_representative_who_is_not_an_admin_endorses_too(world, published):
    RepresentativeFactory(partner=world.core_partner, user=world.users["partner_member"])
    world.core_partner.refresh_from_db()  # forget the prefetched representatives

    services.agreement_endorse(
        actor=world.users["partner_member"], version=published, partner=world.core_partner
    )

    assert published.endorsements.get().endorsed_by == world.users["partner_member"]


def test_the_last_endorsement_brings_the_version_into_force(world, published):
    services.agreement_endorse(
        actor=world.users["convener_admin"], version=published, partner=world.convener_partner
    )
    before = Event.objects.count()

    services.agreement_endorse(
        actor=world.users["partner_admin"], version=published, partner=world.core_partner
    )

    published.refresh_from_db()
    assert published.in_force_at is not None
    assert list(Event.objects.order_by("id").values_list("verb", "organisation__name")[before:]) == [
        ("agreement.endorsed", "Core Org"),
        ("agreement.in_force", "Core Org"),
    ]


@pytest.mark.parametrize(
    ("persona", "partner"),
    [
        ("partner_member", "core_partner"),  # a member, but neither admin nor representative
        ("convener_admin", "core_partner"),  # another partner's
        ("observer", "observer_partner"),  # observers are not asked
        ("participant", "core_partner"),
        ("site_admin", "core_partner"),
    ],
)
def test_nobody_endorses_for_a_partner_they_do_not_speak_for(world, published, persona, partner):
    before = snapshot()

    with pytest.raises(PermissionDenied):
        services.agreement_endorse(
            actor=world.users[persona], version=published, partner=getattr(world, partner)
        )

    assert snapshot() == before


def test_it_refuses_to_endorse_twice(world, published):
    actor = world.users["partner_admin"]
    services.agreement_endorse(actor=actor, version=published, partner=world.core_partner)
    before = snapshot()

    with pytest.raises(Conflict, match="already endorsed"):
        services.agreement_endorse(actor=actor, version=published, partner=world.core_partner)

    assert snapshot() == before


def test_the_database_holds_one_endorsement_per_partner_and_version(world, published):
    Endorsement.objects.create(version=published, partner=world.core_partner)

    with pytest.raises(IntegrityError), transaction.atomic():
        Endorsement.objects.create(version=published, partner=world.core_partner)


def test_it_refuses_to_endorse_a_draft_or_a_superseded_version(world, published):
    draft = draft_in(world)
    with pytest.raises(Conflict, match="is a draft"):
        services.agreement_endorse(
            actor=world.users["partner_admin"], version=draft, partner=world.core_partner
        )
    services.agreement_publish(actor=world.users["convener_admin"], version=draft)
    before = snapshot()

    with pytest.raises(Conflict, match="replaced by a newer version"):
        services.agreement_endorse(
            actor=world.users["partner_admin"], version=published, partner=world.core_partner
        )

    assert snapshot() == before


def test_a_partner_that_became_core_after_publication_was_not_asked(world, published):
    newcomer = PartnerFactory(partnership=world.partnership, role="core")
    admin = MembershipFactory(organisation=newcomer.organisation, role="admin").user

    with pytest.raises(Conflict, match="was not asked"):
        services.agreement_endorse(actor=admin, version=published, partner=newcomer)


def test_it_refuses_a_partner_of_another_partnership(world, published):
    elsewhere = PartnerFactory(organisation=world.core_org, role="core")
    with pytest.raises(ServiceError) as refused:
        services.agreement_endorse(actor=world.users["partner_admin"], version=published, partner=elsewhere)

    assert refused.value.status_code == 404


def test_publishing_anew_asks_the_partners_as_they_are_then(world, published):
    newcomer = PartnerFactory(partnership=world.partnership, role="core")
    world.partnership.__dict__.pop("_active_partners", None)

    second = published_in(world, vision=VISION + " Together.")

    assert set(second.required_partners.all()) == {world.convener_partner, world.core_partner, newcomer}
    assert set(published.required_partners.all()) == {world.convener_partner, world.core_partner}
