"""Who can see an organisation's profile."""

import pytest
from django.urls import reverse

from consortia.core.factories import MembershipFactory, OrganisationFactory, PartnerFactory, UserFactory
from consortia.partnerships.services import partner_leave

pytestmark = pytest.mark.django_db


def test_a_partner_that_left_no_longer_sees_a_private_profile(client):
    """Sharing a partnership opens a private profile; leaving it closes it again."""
    private = OrganisationFactory(listed_in_directory=False)
    mine = OrganisationFactory()
    viewer = UserFactory()
    MembershipFactory(organisation=mine, user=viewer, role="admin")
    theirs = PartnerFactory(organisation=private)
    my_place = PartnerFactory(partnership=theirs.partnership, organisation=mine)
    client.force_login(viewer)
    url = reverse("organisations:detail", args=[private.uuid])

    assert client.get(url).status_code == 200
    partner_leave(actor=viewer, partner=my_place)  # its event refreshes the cached page
    assert client.get(url).status_code == 404
