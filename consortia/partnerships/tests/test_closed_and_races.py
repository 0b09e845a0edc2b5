"""A closed partnership takes nobody in; naming the same representative twice at
once is a clear conflict, not a database error."""

import pytest

from consortia.core.errors import Conflict
from consortia.core.factories import MembershipFactory, UserFactory
from consortia.core.testing import one_success_one_conflict, run_at_once
from consortia.partnerships import services
from consortia.partnerships.models import Partnership, Representative


def test_it_refuses_to_accept_an_invitation_once_the_partnership_has_closed(world):
    convener = world.users["convener_admin"]
    newcomer = UserFactory(email="late@example.org")
    organisation = MembershipFactory(user=newcomer, role="admin").organisation
    invitation = services.partner_invite(
        actor=convener, partnership=world.partnership, email=newcomer.email, role="core"
    )
    participant_invitation = services.participant_invite(
        actor=convener, partnership=world.partnership, email="late.carer@example.org"
    )
    Partnership.objects.filter(pk=world.partnership.pk).update(status="closed")
    invitation.partnership.refresh_from_db()

    with pytest.raises(Conflict, match="has closed"):
        services.partner_invitation_accept(actor=newcomer, invitation=invitation, organisation=organisation)
    carer = UserFactory(email="late.carer@example.org")
    participant_invitation.partnership.refresh_from_db()
    with pytest.raises(Conflict, match="has closed"):
        services.participant_invitation_accept(actor=carer, invitation=participant_invitation)
    assert not world.partnership.partners.filter(organisation=organisation).exists()
    assert not world.partnership.participants.filter(user=carer).exists()
    invitation.refresh_from_db()
    assert invitation.status == "pending"


@pytest.mark.django_db(transaction=True)
def test_it_names_a_representative_once_when_two_admins_do_it_at_once(world):
    colleague = MembershipFactory(organisation=world.core_org).user
    second_admin = MembershipFactory(organisation=world.core_org, role="admin").user

    def admin_tab(actor):
        def prepare():
            partner = type(world.core_partner).objects.get(pk=world.core_partner.pk)
            return lambda: services.representative_add(actor=actor, partner=partner, user=colleague)

        return prepare

    one_success_one_conflict(run_at_once(admin_tab(world.users["partner_admin"]), admin_tab(second_admin)))
    assert Representative.objects.filter(partner=world.core_partner, user=colleague).count() == 1
