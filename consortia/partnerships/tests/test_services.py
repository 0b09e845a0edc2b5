"""The partnership services: what each guarantees (permission, invariant, event,
email after commit), called directly with the `world` personas."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from consortia.core.errors import Conflict, Gone, ServiceError
from consortia.core.factories import MembershipFactory, OrganisationFactory, PartnerFactory, UserFactory
from consortia.core.models import Event
from consortia.core.testing import assert_event, link_path, partnership_invitation
from consortia.organisations import services as org_services
from consortia.organisations.models import Membership
from consortia.partnerships import services
from consortia.partnerships.models import (
    Participant,
    Partner,
    Partnership,
    PartnershipInvitation,
    Representative,
)
from consortia.partnerships.rules import active_partners


def active_conveners(partnership) -> list[Partner]:
    return list(partnership.partners.active().filter(role="convener"))


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


# --- partner_invite / participant_invite / invitation_revoke ---------------------------


def test_it_invites_an_organisation_and_emails_a_working_link_after_commit(
    world, client, newcomer, mailoutbox, django_capture_on_commit_callbacks
):
    actor = world.users["convener_admin"]

    with django_capture_on_commit_callbacks() as callbacks:
        invitation = services.partner_invite(
            actor=actor,
            partnership=world.partnership,
            email=" NewComer@Example.org ",
            role="associate",
            message="Join us!",
        )
    assert mailoutbox == []  # not before the transaction commits
    for callback in callbacks:
        callback()

    assert (invitation.kind, invitation.email, invitation.role, invitation.status) == (
        "organisation",
        "newcomer@example.org",
        "associate",
        "pending",
    )
    assert invitation.invited_for == world.convener_org
    event = assert_event(
        "partner.invited", actor=actor, organisation=world.convener_org, partnership=world.partnership
    )
    assert event.payload == {"role": "associate"}
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["newcomer@example.org"]
    assert "Join us!" in mailoutbox[0].body
    path = link_path(mailoutbox[0].body)
    user, organisation = newcomer
    client.force_login(user)
    assert client.get(path).status_code == 200
    response = client.post(path, {"decision": "accept", "organisation": str(organisation.uuid)})
    assert response.status_code == 302
    assert world.partnership.partners.active().get(organisation=organisation).role == "associate"


def test_it_invites_an_individual_and_emails_a_working_link(
    world, client, mailoutbox, django_capture_on_commit_callbacks
):
    actor = world.users["convener_admin"]
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.participant_invite(
            actor=actor,
            partnership=world.partnership,
            email="chair@example.org",
            description="Independent chair",
        )

    assert (invitation.kind, invitation.role, invitation.description) == (
        "individual",
        "",
        "Independent chair",
    )
    assert_event(
        "participant.invited", actor=actor, organisation=world.convener_org, partnership=world.partnership
    )
    assert len(mailoutbox) == 1
    client.force_login(UserFactory(email="chair@example.org"))
    response = client.post(link_path(mailoutbox[0].body), {"decision": "accept"})
    assert response.status_code == 302
    assert world.partnership.participants.active().get(user__email="chair@example.org").description == (
        "Independent chair"
    )


@pytest.mark.parametrize("persona", ["partner_admin", "observer", "participant", "outsider", "site_admin"])
def test_it_lets_only_the_convener_invite(world, persona, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(PermissionDenied):
            services.partner_invite(
                actor=world.users[persona], partnership=world.partnership, email="x@example.org", role="core"
            )
        with pytest.raises(PermissionDenied):
            services.participant_invite(
                actor=world.users[persona], partnership=world.partnership, email="y@example.org"
            )

    assert not PartnershipInvitation.objects.exists()
    assert mailoutbox == []


@pytest.mark.parametrize("role", ["convener", "owner", ""])
def test_it_invites_organisations_only_as_core_associate_or_observer(world, role):
    with pytest.raises(ServiceError) as caught:
        services.partner_invite(
            actor=world.users["convener_admin"],
            partnership=world.partnership,
            email="x@example.org",
            role=role,
        )

    assert caught.value.field == "role"
    assert not PartnershipInvitation.objects.exists()


def test_it_refuses_a_second_pending_invitation_for_the_same_email(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    actor = world.users["convener_admin"]
    services.partner_invite(actor=actor, partnership=world.partnership, email="x@example.org", role="core")
    events = Event.objects.count()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Conflict) as caught:
        services.partner_invite(
            actor=actor, partnership=world.partnership, email="X@Example.org", role="observer"
        )

    assert caught.value.field == "email"
    assert PartnershipInvitation.objects.count() == 1
    assert Event.objects.count() == events
    assert mailoutbox == []


def test_it_allows_one_pending_invitation_per_email_and_kind_in_the_database(world):
    partnership_invitation(world.partnership, "dup@example.org")

    with pytest.raises(IntegrityError), transaction.atomic():
        PartnershipInvitation.objects.create(
            partnership=world.partnership,
            kind="organisation",
            email="DUP@example.org",
            role="core",
            token_hash="another",
            expires_at=timezone.now() + timedelta(days=1),
        )


def test_it_refuses_to_invite_someone_who_already_takes_part(world):
    with pytest.raises(Conflict):
        services.participant_invite(
            actor=world.users["convener_admin"], partnership=world.partnership, email="Carer@Example.org "
        )

    assert not PartnershipInvitation.objects.exists()


def test_it_refuses_to_invite_into_a_closed_partnership(world):
    Partnership.objects.filter(pk=world.partnership.pk).update(status="closed")
    world.partnership.refresh_from_db()

    with pytest.raises(Conflict):
        services.partner_invite(
            actor=world.users["convener_admin"],
            partnership=world.partnership,
            email="x@example.org",
            role="core",
        )

    assert not PartnershipInvitation.objects.exists()


def test_it_withdraws_an_invitation(world):
    actor = world.users["convener_admin"]
    invitation, _ = partnership_invitation(world.partnership, "x@example.org")

    services.invitation_revoke(actor=actor, invitation=invitation)

    invitation.refresh_from_db()
    assert (invitation.status, invitation.responded_by) == ("revoked", actor)
    assert_event(
        "partner.invitation_revoked",
        actor=actor,
        organisation=world.convener_org,
        partnership=world.partnership,
    )
    with pytest.raises(Conflict):
        services.invitation_revoke(actor=actor, invitation=invitation)


def test_it_credits_a_withdrawal_to_the_convener_withdrawing_not_the_one_that_invited(world):
    invitation, _ = partnership_invitation(world.partnership, "x@example.org")  # for the Convener Org
    services.convening_hand_over(
        actor=world.users["convener_admin"], partnership=world.partnership, to_partner=world.core_partner
    )
    actor = type(world.users["partner_admin"]).objects.get(pk=world.users["partner_admin"].pk)
    invitation = PartnershipInvitation.objects.get(pk=invitation.pk)

    services.invitation_revoke(actor=actor, invitation=invitation)

    assert invitation.invited_for == world.convener_org
    assert_event(
        "partner.invitation_revoked", actor=actor, organisation=world.core_org, partnership=world.partnership
    )


def test_it_lets_only_the_convener_withdraw_an_invitation(world):
    invitation, _ = partnership_invitation(world.partnership, "x@example.org")

    with pytest.raises(PermissionDenied):
        services.invitation_revoke(actor=world.users["partner_admin"], invitation=invitation)

    invitation.refresh_from_db()
    assert invitation.status == "pending"


# --- invitation_find ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "expires_in", "error", "code"),
    [
        ("accepted", timedelta(days=1), Conflict, 409),
        ("declined", timedelta(days=1), Conflict, 409),
        ("revoked", timedelta(days=1), Conflict, 409),
        ("pending", timedelta(seconds=-1), Gone, 410),
    ],
)
def test_it_says_why_an_invitation_link_cannot_be_used(world, status, expires_in, error, code):
    _, token = partnership_invitation(
        world.partnership, "x@example.org", status=status, expires_in=expires_in
    )

    with pytest.raises(error) as caught:
        services.invitation_find(token=token)

    assert caught.value.status_code == code


def test_it_refuses_an_unknown_token(world):
    with pytest.raises(ServiceError) as caught:
        services.invitation_find(token="forged")

    assert caught.value.status_code == 404


def test_it_refuses_someone_elses_invitation(world):
    _, token = partnership_invitation(world.partnership, "x@example.org")

    with pytest.raises(ServiceError) as caught:
        services.invitation_find(actor=world.users["outsider"], token=token)

    assert caught.value.status_code == 403


def test_it_finds_an_invitation_by_id_only_for_its_addressee(world):
    invitation, _ = partnership_invitation(world.partnership, "outsider@example.org")

    assert services.invitation_find(actor=world.users["outsider"], uuid=invitation.uuid) == invitation
    with pytest.raises(ServiceError) as caught:
        services.invitation_find(actor=world.users["observer"], uuid=invitation.uuid)
    assert caught.value.status_code == 404


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


# --- participant_remove ------------------------------------------------------------------------


def test_it_lets_a_participant_leave(world):
    actor = world.users["participant"]

    services.participant_remove(actor=actor, participant=world.participant)

    world.participant.refresh_from_db()
    assert world.participant.left_at is not None
    assert_event("participant.left", actor=actor, organisation=None, partnership=world.partnership)


def test_it_lets_the_convener_remove_a_participant(world):
    actor = world.users["convener_admin"]

    services.participant_remove(actor=actor, participant=world.participant)

    assert not world.partnership.participants.active().exists()
    assert_event(
        "participant.removed", actor=actor, organisation=world.convener_org, partnership=world.partnership
    )


@pytest.mark.parametrize("persona", ["partner_admin", "observer", "outsider", "site_admin"])
def test_it_lets_only_the_participant_or_the_convener_remove_a_participant(world, persona):
    with pytest.raises(PermissionDenied):
        services.participant_remove(actor=world.users[persona], participant=world.participant)

    world.participant.refresh_from_db()
    assert world.participant.left_at is None


def test_it_does_not_remove_a_participant_twice(world):
    stale = Participant.objects.get(pk=world.participant.pk)  # a second tab, loaded before
    services.participant_remove(actor=world.users["convener_admin"], participant=world.participant)

    with pytest.raises(Conflict):
        services.participant_remove(actor=world.users["convener_admin"], participant=stale)

    assert Event.objects.filter(verb="participant.removed").count() == 1


def test_it_lets_a_person_take_part_again_after_leaving(world):
    user = world.users["participant"]
    services.participant_remove(actor=user, participant=world.participant)
    invitation, _ = partnership_invitation(world.partnership, user.email, kind="individual")

    services.participant_invitation_accept(actor=user, invitation=invitation)

    assert world.partnership.participants.filter(user=user).count() == 2
    assert world.partnership.participants.active().filter(user=user).count() == 1


def test_it_sends_the_invitation_even_when_names_contain_line_breaks(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    """A line break in a name must not turn the subject into an invalid (or injected)
    header; the email still goes, with a one-line subject."""
    actor = world.users["convener_admin"]
    actor.name = "Cora\r\nBcc: victim@example.org"
    Partnership.objects.filter(pk=world.partnership.pk).update(name="Carers\nBcc: victim@example.org")
    world.partnership.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        services.partner_invite(
            actor=actor, partnership=world.partnership, email="x@example.org", role="core"
        )
        services.participant_invite(actor=actor, partnership=world.partnership, email="y@example.org")

    assert [m.to for m in mailoutbox] == [["x@example.org"], ["y@example.org"]]
    for message in mailoutbox:
        assert "\n" not in message.subject and "\r" not in message.subject
        assert message.message()["Bcc"] is None
        assert message.bcc == []
