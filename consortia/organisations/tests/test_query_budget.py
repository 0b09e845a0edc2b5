"""The organisation page costs the same number of queries for 2 of everything or 30."""

import pytest
from django.urls import reverse

from consortia.core.factories import (
    MembershipFactory,
    OfferFactory,
    OrganisationFactory,
    PartnerFactory,
    UserFactory,
)
from consortia.core.testing import query_budget
from consortia.organisations.models import Expertise

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("locmem_cache")]

# The page's version stamp (it is cached, core/page_cache.py; the session comes from
# the cache, here one in this process, so cache reads are not counted), user, the viewer's memberships, the organisation, offers, expertise,
# its people's expertise shown in the directory (consortia/expertise's template tag),
# members with users, partnerships, pending invitations (admins only).
# + the header's unread notifications count (notifications/context_processors.py, one query).
EXPECTED_QUERIES = 11


def _organisation_with(n: int):
    organisation = OrganisationFactory()
    admin = UserFactory()
    MembershipFactory(organisation=organisation, user=admin, role="admin")
    for i in range(n):
        MembershipFactory(organisation=organisation)
        OfferFactory(organisation=organisation)
        Expertise.objects.create(organisation=organisation, topic=f"topic {i}")
        PartnerFactory(organisation=organisation)
    return organisation, admin


@pytest.mark.parametrize("n", [2, 30])
def test_the_organisation_page_has_a_fixed_query_budget(client, n):
    organisation, admin = _organisation_with(n)
    client.force_login(admin)

    with query_budget(EXPECTED_QUERIES):
        response = client.get(reverse("organisations:detail", args=[organisation.uuid]))

    assert response.status_code == 200
