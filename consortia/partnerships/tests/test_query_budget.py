"""The partnership home page costs the same number of queries for 2 partners or 30."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from consortia.core.factories import partnership_with_partners
from consortia.core.testing import query_budget, text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("locmem_cache")]

# Per request: the page's version stamp (it is cached, core/page_cache.py; the session
# comes from the cache, here one in this process, so cache reads are not counted), user, the viewer's memberships, the partnership, its active
# partners with organisations, their representatives with users, the viewer's own
# participation, the participants, the event feed. The convener also sees pending
# invitations (one more).
# + the header's unread notifications count (notifications/context_processors.py, one query).
# + the viewer's closed working groups, whose events the feed shows only to their
#   members (groups/privacy.py, one query).
EXPECTED_QUERIES = 12


def _partnership_with(n_partners: int):
    return partnership_with_partners(n_partners, n_events=n_partners)


@pytest.mark.parametrize("n_partners", [2, 30])
def test_the_partnership_page_has_a_fixed_query_budget(client, n_partners):
    partnership, convener_admin = _partnership_with(n_partners)

    client.force_login(convener_admin)

    with query_budget(EXPECTED_QUERIES):
        response = client.get(reverse("partnerships:detail", args=[partnership.uuid]))

    assert response.status_code == 200


def test_the_partnership_page_lists_every_partner_and_representative(client):
    partnership, convener_admin = _partnership_with(30)
    client.force_login(convener_admin)

    html = text(client.get(reverse("partnerships:detail", args=[partnership.uuid])))

    for partner in partnership.partners.select_related("organisation"):
        assert partner.organisation.name in html
        for representative in partner.representatives.select_related("user"):
            assert escape(representative.user.display_name) in html
