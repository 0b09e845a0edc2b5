"""Concurrency claims, proved with real threads on real connections.

Each test starts two threads that load their own copies of the rows (as two
requests would), wait at a barrier, then call the service at the same moment. The
services serialise on row locks (PostgreSQL `SELECT ... FOR UPDATE`) or on SQLite's
IMMEDIATE transactions, so exactly one wins and the other gets a Conflict (never a
database error, which would be a 500).

These tests need a test database the threads share: on SQLite that is a file (see
DATABASES["default"]["TEST"] in settings), on PostgreSQL the usual test database.
"""

from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied

from consortia.accounts.models import User
from consortia.core.errors import Conflict, ServiceError
from consortia.core.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnerFactory,
    PartnershipFactory,
    RepresentativeFactory,
    UserFactory,
)
from consortia.core.models import Event
from consortia.core.testing import (
    Prepare,
    member_invitation,
    one_success_one_conflict,
    partnership_invitation,
    run_at_once,
)
from consortia.organisations import services as org_services
from consortia.organisations.models import InvitationStatus, Membership, Organisation
from consortia.partnerships import services
from consortia.partnerships.models import Participant, Partner, Partnership

pytestmark = pytest.mark.django_db(transaction=True)


def accepting(accept: Callable[..., object], user, invitation, **others) -> Prepare:
    """A tab in which `user` accepts `invitation` with `accept`; the user, the
    invitation and any `others` (say, organisation=) are loaded afresh, as a
    request would load them."""

    def prepare():
        actor = User.objects.get(pk=user.pk)
        found = type(invitation).objects.get(pk=invitation.pk)
        loaded = {name: type(obj).objects.get(pk=obj.pk) for name, obj in others.items()}
        return lambda: accept(actor=actor, invitation=found, **loaded)

    return prepare


@pytest.fixture
def partnership():
    partnership = PartnershipFactory()
    convener = PartnerFactory(partnership=partnership, role="convener")
    admin = MembershipFactory(organisation=convener.organisation, role="admin").user
    RepresentativeFactory(partner=convener, user=admin)
    return partnership


@pytest.mark.parametrize("same_organisation", [True, False], ids=["same-org", "two-orgs"])
def test_it_accepts_a_partner_invitation_once_when_two_tabs_accept_together(partnership, same_organisation):
    user = UserFactory(email="lead@example.org")
    first = MembershipFactory(user=user, role="admin").organisation
    second = first if same_organisation else MembershipFactory(user=user, role="admin").organisation
    invitation, _ = partnership_invitation(partnership, user.email)
    partners_before = Partner.objects.count()

    results = run_at_once(
        *(
            accepting(services.partner_invitation_accept, user, invitation, organisation=organisation)
            for organisation in (first, second)
        )
    )

    winner = one_success_one_conflict(results)
    assert Partner.objects.count() == partners_before + 1
    assert (
        Partner.objects.active().filter(partnership=partnership, organisation=winner.organisation).count()
        == 1
    )
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED
    assert invitation.accepted_organisation_id == winner.organisation_id
    assert Event.objects.filter(verb="partner.joined").count() == 1


def test_it_accepts_a_participant_invitation_once_when_two_tabs_accept_together(partnership):
    user = UserFactory(email="carer@example.org")
    invitation, _ = partnership_invitation(partnership, user.email, kind="individual")
    tab = accepting(services.participant_invitation_accept, user, invitation)

    one_success_one_conflict(run_at_once(tab, tab))

    assert Participant.objects.filter(partnership=partnership, user=user).count() == 1
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED
    assert Event.objects.filter(verb="participant.joined").count() == 1


def test_it_accepts_a_colleague_invitation_once_when_two_tabs_accept_together():
    organisation = OrganisationFactory()
    MembershipFactory(organisation=organisation, role="admin")
    user = UserFactory(email="colleague@example.org")
    invitation, _ = member_invitation(organisation, user.email)
    tab = accepting(org_services.member_invitation_accept, user, invitation)

    one_success_one_conflict(run_at_once(tab, tab))

    assert Membership.objects.filter(organisation=organisation, user=user).count() == 1
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED
    assert Event.objects.filter(verb="organisation.member_joined").count() == 1


def test_it_keeps_an_admin_when_the_last_two_admins_leave_together():
    organisation = OrganisationFactory()
    admins = [MembershipFactory(organisation=organisation, role="admin").user for _ in range(2)]
    MembershipFactory(organisation=organisation, role="member")

    def leave(user_pk: int) -> Prepare:
        def prepare():
            actor = User.objects.get(pk=user_pk)
            found = Organisation.objects.get(pk=organisation.pk)
            return lambda: org_services.member_leave(actor=actor, organisation=found)

        return prepare

    results = run_at_once(*(leave(a.pk) for a in admins))

    one_success_one_conflict(results)
    assert organisation.memberships.filter(role="admin").count() == 1
    assert Event.objects.filter(verb="organisation.member_left").count() == 1


def test_it_keeps_an_admin_when_two_admins_remove_each_other_together():
    organisation = OrganisationFactory()
    first = MembershipFactory(organisation=organisation, role="admin")
    second = MembershipFactory(organisation=organisation, role="admin")

    def remove(actor_pk: int, membership_pk: int) -> Prepare:
        def prepare():
            actor = User.objects.get(pk=actor_pk)
            membership = Membership.objects.select_related("organisation", "user").get(pk=membership_pk)
            return lambda: org_services.member_remove(actor=actor, membership=membership)

        return prepare

    results = run_at_once(remove(first.user_id, second.pk), remove(second.user_id, first.pk))

    # The loser is refused either because it is no longer an admin (its membership
    # has just gone) or because the other would be the last admin.
    refused = [r for r in results if isinstance(r, BaseException)]
    assert len(refused) == 1 and isinstance(refused[0], PermissionDenied | Conflict), results
    assert organisation.memberships.filter(role="admin").count() == 1
    assert Event.objects.filter(verb="organisation.member_removed").count() == 1


def test_it_never_leaves_a_partnership_without_a_convener_when_hand_over_and_leave_race(partnership):
    """The convener hands over to a partner at the moment that partner's admin takes
    it out of the partnership: either the hand-over or the leaving is refused."""
    convener = partnership.partners.get(role="convener")
    convener_admin = convener.organisation.memberships.get().user
    core = PartnerFactory(partnership=partnership, role="core")
    core_admin = MembershipFactory(organisation=core.organisation, role="admin").user

    def hand_over():
        actor = User.objects.get(pk=convener_admin.pk)
        found = Partnership.objects.get(pk=partnership.pk)
        to_partner = Partner.objects.get(pk=core.pk)
        return lambda: services.convening_hand_over(actor=actor, partnership=found, to_partner=to_partner)

    def leave():
        actor = User.objects.get(pk=core_admin.pk)
        partner = Partner.objects.select_related("partnership", "organisation").get(pk=core.pk)
        return lambda: services.partner_leave(actor=actor, partner=partner)

    results = run_at_once(hand_over, leave)

    refused = [r for r in results if isinstance(r, BaseException)]
    assert len(refused) == 1 and isinstance(refused[0], ServiceError), results
    assert partnership.partners.active().filter(role="convener").count() == 1
