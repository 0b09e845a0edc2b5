"""The partnership's "How our partners work" page costs the same number of queries
with 2 or 50 partners: the profiles and their decision tables are two queries, none
is read per partner."""

import pytest
from django.urls import reverse

from consortia.core.factories import (
    OrganisationFactory,
    PartnerFactory,
    PartnershipFactory,
    SignOffFactory,
    WorkingProfileFactory,
)
from consortia.core.testing import query_budget, signed_in
from consortia.workingprofiles.models import SignOff

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("locmem_cache")]

# The session's user, the partnership, the viewer's memberships, the active partners
# with their organisations and representatives (two: the permission check; the page
# reuses them), the profiles with their reviewers, and their decision tables.
# + the header's unread notifications count (notifications/context_processors.py, one query).
PAGE = 8


@pytest.mark.parametrize("n", [2, 50])
def test_the_partners_page_costs_the_same_with_2_or_50_partners(world, n):
    from consortia.core.factories import MembershipFactory, UserFactory

    partnership = PartnershipFactory()
    viewer = UserFactory()
    for i in range(n):
        organisation = OrganisationFactory()
        PartnerFactory(
            partnership=partnership, organisation=organisation, role="convener" if i == 0 else "core"
        )
        if i == 0:
            MembershipFactory(organisation=organisation, user=viewer, role="admin")
        if i % 2 == 0:
            profile = WorkingProfileFactory(organisation=organisation)
            SignOffFactory(profile=profile)
            SignOffFactory(profile=profile)
    client = signed_in(viewer)
    url = reverse("workingprofiles:partners", args=[partnership.uuid])

    with query_budget(PAGE):
        page = client.get(url)

    assert page.status_code == 200
    assert page.content.decode().count("Not written yet") == n // 2
    assert SignOff.objects.count() == n
