"""The organisation services: what each guarantees (permission, invariant, event,
email after commit), called directly with the `world` personas."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from consortia.core.errors import Conflict, Gone, ServiceError
from consortia.core.factories import MembershipFactory, OfferFactory, UserFactory
from consortia.core.models import Event
from consortia.core.testing import assert_event, link_path, member_invitation, text
from consortia.core.tokens import token_hash
from consortia.organisations import services
from consortia.organisations.models import (
    InvitationStatus,
    Membership,
    Offer,
    Organisation,
    OrganisationInvitation,
)
from consortia.partnerships.models import Representative

PROFILE = {
    "name": "Northshire Carers",
    "kind": "charity",
    "description": "Advice for unpaid carers.",
    "area_served": "Northshire",
    "website": "https://carers.example.org",
    "charity_number": " sc 012345 ",
    "company_number": "",
    "paid_staff": 12,
    "volunteers": 40,
    "listed_in_directory": True,
}


def invite(world, email="new.colleague@example.org", role="member", actor=None):
    return services.member_invite(
        actor=actor or world.users["partner_admin"], organisation=world.core_org, email=email, role=role
    )


def membership_of(user, organisation) -> Membership:
    return Membership.objects.get(user=user, organisation=organisation)


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


# --- member_invite ---------------------------------------------------------------------


def test_it_invites_a_colleague_and_stores_only_a_hash_of_the_link(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    actor = world.users["partner_admin"]

    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(world, email="  New.Colleague@Example.ORG ", role="admin")

    assert invitation.status == InvitationStatus.PENDING
    assert invitation.email == "new.colleague@example.org"
    assert invitation.role == "admin"
    assert invitation.invited_by == actor
    assert invitation.expires_at > timezone.now() + timedelta(days=13)
    event = assert_event("organisation.member_invited", actor=actor, organisation=world.core_org)
    assert event.payload == {"role": "admin"}
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["new.colleague@example.org"]
    token = link_path(mailoutbox[0].body).rstrip("/").rsplit("/", 1)[1]
    assert invitation.token_hash == token_hash(token)
    assert token not in invitation.token_hash


def test_it_sends_the_invitation_email_only_after_commit(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        invite(world)
        assert mailoutbox == []

    assert mailoutbox == []  # still inside the test's transaction
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mailoutbox) == 1


def test_it_sends_no_email_when_the_invitation_is_refused(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(Conflict):
        invite(world, email="core-member@example.org")

    assert callbacks == []
    assert mailoutbox == []


def test_it_emails_a_link_that_lets_the_colleague_join(
    world, client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(world, email="new.colleague@example.org")
    path = link_path(mailoutbox[0].body)
    newcomer = UserFactory(email="new.colleague@example.org")
    client.force_login(newcomer)

    page = client.get(path)
    assert page.status_code == 200
    assert "Core Org" in text(page)
    response = client.post(path)

    assert response.status_code == 302
    assert response["Location"] == reverse("organisations:detail", args=[world.core_org.uuid])
    assert membership_of(newcomer, world.core_org).role == "member"


@pytest.mark.parametrize("persona", ["partner_member", "outsider", "convener_admin"])
def test_it_lets_only_admins_invite_colleagues(world, persona, mailoutbox):
    with pytest.raises(PermissionDenied):
        invite(world, actor=world.users[persona])

    assert not OrganisationInvitation.objects.exists()
    assert mailoutbox == []


def test_it_refuses_to_invite_an_existing_member_whatever_the_case(world):
    with pytest.raises(Conflict) as caught:
        invite(world, email="CORE-Member@example.org")

    assert caught.value.field == "email"
    assert caught.value.status_code == 409
    assert not OrganisationInvitation.objects.exists()


def test_it_refuses_a_second_pending_invitation_for_the_same_email(world):
    invite(world, email="twice@example.org")

    with pytest.raises(Conflict) as caught:
        invite(world, email="Twice@Example.org")

    assert caught.value.field == "email"
    assert OrganisationInvitation.objects.count() == 1


def test_it_invites_again_once_the_earlier_invitation_was_withdrawn(world):
    first = invite(world, email="again@example.org")
    services.member_invitation_revoke(actor=world.users["partner_admin"], invitation=first)

    second = invite(world, email="again@example.org")

    assert second.pk != first.pk
    assert OrganisationInvitation.objects.filter(status="pending").get() == second


def test_it_refuses_an_unknown_role(world):
    with pytest.raises(ServiceError) as caught:
        invite(world, role="owner")

    assert caught.value.field == "role"
    assert not OrganisationInvitation.objects.exists()


def test_it_allows_one_pending_invitation_per_email_in_the_database(world):
    member_invitation(world.core_org, "dup@example.org")

    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationInvitation.objects.create(
            organisation=world.core_org,
            email="DUP@example.org",
            token_hash="another-hash",
            expires_at=timezone.now() + timedelta(days=1),
        )


# --- member_invitation_revoke ----------------------------------------------------------


def test_it_withdraws_a_pending_invitation(world):
    actor = world.users["partner_admin"]
    invitation, _ = member_invitation(world.core_org, "someone@example.org")

    services.member_invitation_revoke(actor=actor, invitation=invitation)

    invitation.refresh_from_db()
    assert (invitation.status, invitation.responded_by) == ("revoked", actor)
    assert_event("organisation.invitation_revoked", actor=actor, organisation=world.core_org)


def test_it_lets_only_admins_withdraw_invitations(world):
    invitation, _ = member_invitation(world.core_org, "someone@example.org")

    with pytest.raises(PermissionDenied):
        services.member_invitation_revoke(actor=world.users["partner_member"], invitation=invitation)

    invitation.refresh_from_db()
    assert invitation.status == "pending"


def test_it_refuses_to_withdraw_an_answered_invitation(world):
    invitation, _ = member_invitation(world.core_org, "someone@example.org", status="accepted")

    with pytest.raises(Conflict):
        services.member_invitation_revoke(actor=world.users["partner_admin"], invitation=invitation)


# --- member_invitation_find / accept -------------------------------------------------------


def test_it_finds_an_invitation_by_the_token_of_its_link(world):
    invitation, token = member_invitation(world.core_org, "someone@example.org")

    assert services.member_invitation_find(token=token) == invitation


def test_it_finds_an_invitation_by_id_only_for_its_addressee(world):
    invitation, _ = member_invitation(world.core_org, "outsider@example.org")

    assert services.member_invitation_find(actor=world.users["outsider"], uuid=invitation.uuid) == invitation
    with pytest.raises(ServiceError) as caught:
        services.member_invitation_find(actor=world.users["observer"], uuid=invitation.uuid)
    assert caught.value.status_code == 404


@pytest.mark.parametrize(
    ("status", "expires_in", "code"),
    [
        ("accepted", timedelta(days=1), 409),
        ("revoked", timedelta(days=1), 409),
        ("pending", timedelta(seconds=-1), 410),
    ],
)
def test_it_says_why_an_invitation_cannot_be_used(world, status, expires_in, code):
    _, token = member_invitation(world.core_org, "someone@example.org", status=status, expires_in=expires_in)

    with pytest.raises(ServiceError) as caught:
        services.member_invitation_find(token=token)

    assert caught.value.status_code == code
    assert isinstance(caught.value, Gone if code == 410 else Conflict)


def test_it_refuses_an_unknown_token(world):
    with pytest.raises(ServiceError) as caught:
        services.member_invitation_find(token="forged")

    assert caught.value.status_code == 404


def test_it_makes_the_invited_person_a_member_with_the_invited_role(world):
    invitation, _ = member_invitation(world.core_org, "outsider@example.org", role="admin")
    actor = world.users["outsider"]

    membership = services.member_invitation_accept(actor=actor, invitation=invitation)

    assert (membership.organisation, membership.user, membership.role) == (world.core_org, actor, "admin")
    invitation.refresh_from_db()
    assert (invitation.status, invitation.responded_by) == ("accepted", actor)
    event = assert_event("organisation.member_joined", actor=actor, organisation=world.core_org)
    assert event.payload == {"role": "admin"}


def test_it_accepts_an_invitation_only_once(world):
    invitation, _ = member_invitation(world.core_org, "outsider@example.org")
    services.member_invitation_accept(actor=world.users["outsider"], invitation=invitation)
    events = Event.objects.count()

    with pytest.raises(Conflict):
        services.member_invitation_accept(actor=world.users["outsider"], invitation=invitation)

    assert Membership.objects.filter(user=world.users["outsider"], organisation=world.core_org).count() == 1
    assert Event.objects.count() == events


def test_it_refuses_an_invitation_accepted_by_someone_else(world):
    invitation, _ = member_invitation(world.core_org, "outsider@example.org")

    with pytest.raises(ServiceError) as caught:
        services.member_invitation_accept(actor=world.users["observer"], invitation=invitation)

    assert caught.value.status_code == 403
    invitation.refresh_from_db()
    assert invitation.status == "pending"
    assert not world.core_org.memberships.filter(user=world.users["observer"]).exists()


def test_it_refuses_an_expired_invitation(world):
    invitation, _ = member_invitation(
        world.core_org, "outsider@example.org", expires_in=timedelta(seconds=-1)
    )

    with pytest.raises(Gone):
        services.member_invitation_accept(actor=world.users["outsider"], invitation=invitation)

    assert not world.core_org.memberships.filter(user=world.users["outsider"]).exists()


def test_it_refuses_an_invitation_for_someone_already_a_member_and_keeps_it_pending(world):
    invitation, _ = member_invitation(world.core_org, "core-member@example.org")
    events = Event.objects.count()

    with pytest.raises(Conflict):
        services.member_invitation_accept(actor=world.users["partner_member"], invitation=invitation)

    invitation.refresh_from_db()
    assert invitation.status == "pending"
    assert Event.objects.count() == events


def test_it_allows_one_membership_per_person_in_the_database(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(organisation=world.core_org, user=world.users["partner_member"])


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
