"""The agreement page costs the same number of queries for 3 objectives, roles and
endorsements or for 40."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from consortia.agreements import services
from consortia.agreements.models import Endorsement
from consortia.core.factories import (
    AgreementObjectiveFactory,
    AgreementRoleFactory,
    AgreementVersionFactory,
    PledgeFactory,
    partnership_with_partners,
)
from consortia.core.testing import query_budget, text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("locmem_cache")]

# Per request, for the convener's admin on the agreement page (the session comes from
# the cache; a cache in this process, so cache reads are not counted here):
#  1 the page's version stamp (core/page_cache.py), 2 user, 3 the partnership, 4 the viewer's memberships,
#  5 active partners with organisations, 6 their representatives with users,
#  7 every version with its publisher and counts of partners asked and endorsements,
#  8 those versions' endorsements with partners, organisations and endorsers,
#  9 the shown version's objectives with owners, 10 its roles with partners,
#  11 its voting weights with partners, 12 the partners asked to endorse it.
# (Its endorsements came with query 8; the pledges are stored in the version.)
# 13 the header's unread notifications count (notifications/context_processors.py, one query).
# 14 the glossary's approved terms with their definitions (marked in the text, glossary/templatetags).
DETAIL_QUERIES = 14
# The version page (not cached) has no stamp: user, partnership, memberships, partners,
# representatives (1-5), the version by its uuid with its publisher (6), then its
# objectives, roles, weights, endorsements and partners asked (7-11), then the version
# list for the history table (12-13).
# 14 the header's unread notifications count (notifications/context_processors.py, one query).
# 15 the glossary's approved terms with their definitions (marked in the text, glossary/templatetags).
VERSION_QUERIES = 15


def _agreement_with(n: int):
    """A partnership of n partners whose published version 2 has n objectives, n roles,
    n endorsements and n pledges, with version 1 superseded."""
    partnership, convener_admin = partnership_with_partners(n)
    partners = list(partnership.partners.select_related("organisation"))
    AgreementVersionFactory(partnership=partnership, number=1, status="superseded")
    draft = AgreementVersionFactory(partnership=partnership, number=2)
    for partner in partners:
        AgreementObjectiveFactory(version=draft, owner=partner)
        AgreementRoleFactory(version=draft, partner=partner)
        PledgeFactory(partner=partner)
    version = services.agreement_publish(actor=convener_admin, version=draft)
    Endorsement.objects.bulk_create(
        Endorsement(version=version, partner=p, endorsed_by=convener_admin) for p in partners
    )
    return partnership, version, convener_admin


@pytest.mark.parametrize("n", [3, 40])
def test_the_agreement_page_has_a_fixed_query_budget(client, n):
    partnership, _version, convener_admin = _agreement_with(n)

    client.force_login(convener_admin)

    with query_budget(DETAIL_QUERIES):
        response = client.get(reverse("agreements:detail", args=[partnership.uuid]))

    assert response.status_code == 200
    assert text(response).count("Endorsed</strong>") == n


@pytest.mark.parametrize("n", [3, 40])
def test_the_version_page_has_a_fixed_query_budget(client, n):
    partnership, version, convener_admin = _agreement_with(n)

    client.force_login(convener_admin)

    with query_budget(VERSION_QUERIES):
        response = client.get(reverse("agreements:version", args=[partnership.uuid, version.uuid]))

    assert response.status_code == 200


def test_the_agreement_page_shows_every_objective_role_and_endorsement(client):
    partnership, version, convener_admin = _agreement_with(40)

    client.force_login(convener_admin)

    response = client.get(reverse("agreements:detail", args=[partnership.uuid]))

    assert response.status_code == 200
    html = text(response)
    for objective in version.objectives.all():
        assert escape(objective.text) in html
    for partner in partnership.partners.select_related("organisation"):
        assert html.count(escape(partner.organisation.name)) >= 3  # role, endorsement, pledge
