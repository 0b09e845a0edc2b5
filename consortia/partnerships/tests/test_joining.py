"""Accepting and declining an invitation to a partnership (partner_invitation_accept,
participant_invitation_accept, invitation_decline): what each guarantees, called
directly with the `world` personas."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from consortia.core.errors import Conflict, ServiceError
from consortia.core.factories import MembershipFactory, OrganisationFactory
from consortia.core.models import Event
from consortia.core.testing import assert_event, partnership_invitation
from consortia.partnerships import services
from consortia.partnerships.models import Participant, Partner, Representative

# --- partner_invitation_accept ---------------------------------------------------------


def test_it_makes_the_accepting_organisation_a_partner_with_the_actor_as_representative(world, newcomer):
    user, organisation = newcomer
    invitation, _ = partnership_invitation(world.partnership, user.email, role="observer")

    partner = services.partner_invitation_accept(actor=user, invitation=invitation, organisation=organisation)

    assert (partner.partnership, partner.organisation, partner.role) == (
        world.partnership,
        organisation,
        "observer",
    )
    assert [r.user for r in partner.representatives.all()] == [user]
    invitation.refresh_from_db()
    assert (invitation.status, invitation.responded_by, invitation.accepted_organisation) == (
        "accepted",
        user,
        organisation,
    )
    event = assert_event(
        "partner.joined", actor=user, organisation=organisation, partnership=world.partnership
    )
    assert event.payload == {"role": "observer"}


def test_it_accepts_only_for_an_organisation_the_actor_administers(world, newcomer):
    user, _ = newcomer
    member_of = OrganisationFactory(name="Where Nina is only a member")
    MembershipFactory(organisation=member_of, user=user, role="member")
    invitation, _ = partnership_invitation(world.partnership, user.email)
    before = Partner.objects.count(), Representative.objects.count(), Event.objects.count()

    for organisation in (member_of, world.outsider_org):
        with pytest.raises(ServiceError) as caught:
            services.partner_invitation_accept(actor=user, invitation=invitation, organisation=organisation)
        assert caught.value.status_code == 403

    assert (Partner.objects.count(), Representative.objects.count(), Event.objects.count()) == before
    invitation.refresh_from_db()
    assert invitation.status == "pending"


def test_it_refuses_an_organisation_that_is_already_a_partner_and_keeps_the_invitation(world):
    invitation, _ = partnership_invitation(world.partnership, "core-admin@example.org")
    before = Partner.objects.count(), Representative.objects.count(), Event.objects.count()

    with pytest.raises(Conflict):
        services.partner_invitation_accept(
            actor=world.users["partner_admin"], invitation=invitation, organisation=world.core_org
        )

    assert (Partner.objects.count(), Representative.objects.count(), Event.objects.count()) == before
    invitation.refresh_from_db()
    assert (invitation.status, invitation.accepted_organisation) == ("pending", None)


def test_it_refuses_an_organisation_invitation_accepted_by_someone_else(world, newcomer):
    _, organisation = newcomer
    other_admin = MembershipFactory(organisation=organisation, role="admin").user
    invitation, _ = partnership_invitation(world.partnership, "newcomer@example.org")

    with pytest.raises(ServiceError) as caught:
        services.partner_invitation_accept(
            actor=other_admin, invitation=invitation, organisation=organisation
        )

    assert caught.value.status_code == 403
    assert not world.partnership.partners.filter(organisation=organisation).exists()


def test_it_accepts_a_partner_invitation_only_once(world, newcomer):
    user, organisation = newcomer
    invitation, _ = partnership_invitation(world.partnership, user.email)
    services.partner_invitation_accept(actor=user, invitation=invitation, organisation=organisation)
    second_org = MembershipFactory(user=user, role="admin").organisation
    user = type(user).objects.get(pk=user.pk)  # a new request: memberships loaded afresh

    with pytest.raises(Conflict):
        services.partner_invitation_accept(actor=user, invitation=invitation, organisation=second_org)

    assert not world.partnership.partners.filter(organisation=second_org).exists()


def test_it_refuses_to_accept_an_individual_invitation_for_an_organisation(world, newcomer):
    user, organisation = newcomer
    invitation, _ = partnership_invitation(world.partnership, user.email, kind="individual")

    with pytest.raises(ServiceError):
        services.partner_invitation_accept(actor=user, invitation=invitation, organisation=organisation)

    assert not world.partnership.partners.filter(organisation=organisation).exists()


def test_it_lets_an_organisation_join_again_after_leaving(world):
    admin = world.users["partner_admin"]
    services.partner_leave(actor=admin, partner=world.core_partner)
    invitation, _ = partnership_invitation(world.partnership, admin.email, role="associate")

    partner = services.partner_invitation_accept(
        actor=admin, invitation=invitation, organisation=world.core_org
    )

    rows = world.partnership.partners.filter(organisation=world.core_org)
    assert rows.count() == 2
    assert list(rows.active()) == [partner]
    assert partner.role == "associate"


def test_it_allows_an_organisation_to_be_an_active_partner_only_once_in_the_database(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Partner.objects.create(partnership=world.partnership, organisation=world.core_org, role="observer")

    Partner.objects.filter(pk=world.core_partner.pk).update(left_at=timezone.now())
    Partner.objects.create(partnership=world.partnership, organisation=world.core_org, role="observer")
    assert world.partnership.partners.active().filter(organisation=world.core_org).count() == 1


def test_it_allows_one_active_convener_in_the_database(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Partner.objects.filter(pk=world.core_partner.pk).update(role="convener")


# --- participant_invitation_accept / invitation_decline ------------------------------------


def test_it_makes_the_invited_person_a_participant(world):
    user = world.users["outsider"]
    invitation, _ = partnership_invitation(world.partnership, user.email, kind="individual")
    invitation.description = "Carer"
    invitation.save()

    participant = services.participant_invitation_accept(actor=user, invitation=invitation)

    assert (participant.partnership, participant.user, participant.description) == (
        world.partnership,
        user,
        "Carer",
    )
    invitation.refresh_from_db()
    assert invitation.status == "accepted"
    assert_event("participant.joined", actor=user, organisation=None, partnership=world.partnership)


def test_it_refuses_an_organisation_invitation_as_an_individual(world, newcomer):
    user, _ = newcomer
    invitation, _ = partnership_invitation(world.partnership, user.email)

    with pytest.raises(ServiceError):
        services.participant_invitation_accept(actor=user, invitation=invitation)

    assert not Participant.objects.filter(user=user).exists()


def test_it_refuses_a_participant_who_already_takes_part_and_keeps_the_invitation(world):
    user = world.users["participant"]
    invitation, _ = partnership_invitation(world.partnership, user.email, kind="individual")

    with pytest.raises(Conflict):
        services.participant_invitation_accept(actor=user, invitation=invitation)

    assert world.partnership.participants.filter(user=user).count() == 1
    invitation.refresh_from_db()
    assert invitation.status == "pending"


@pytest.mark.parametrize(
    ("kind", "verb"), [("organisation", "partner.declined"), ("individual", "participant.declined")]
)
def test_it_declines_an_invitation_once(world, kind, verb):
    user = world.users["outsider"]
    invitation, _ = partnership_invitation(world.partnership, user.email, kind=kind)

    services.invitation_decline(actor=user, invitation=invitation)

    invitation.refresh_from_db()
    assert (invitation.status, invitation.responded_by) == ("declined", user)
    assert_event(verb, actor=user, organisation=None, partnership=world.partnership)
    with pytest.raises(Conflict):
        services.invitation_decline(actor=user, invitation=invitation)


def test_it_refuses_a_decline_by_someone_else(world):
    invitation, _ = partnership_invitation(world.partnership, "outsider@example.org")

    with pytest.raises(ServiceError) as caught:
        services.invitation_decline(actor=world.users["observer"], invitation=invitation)

    assert caught.value.status_code == 403
    invitation.refresh_from_db()
    assert invitation.status == "pending"
