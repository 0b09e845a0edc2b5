"""`suggestions` and the "Who could help" page cost the same number of queries with 10
or 500 people, organisations, offers and needs (the page shows NEEDS_PER_PAGE needs)."""

import pytest
from django.urls import reverse

from consortia.accounts.models import User
from consortia.canvas.models import Need
from consortia.core.testing import query_budget, text
from consortia.expertise.models import Endorsement, PersonExpertise, Topic
from consortia.matching import evidence
from consortia.matching.selectors import suggestions
from consortia.organisations.models import Expertise, Membership, Offer, Organisation
from consortia.partnerships.models import Partnership
from consortia.search.index import index_rebuild

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("locmem_cache")]

# The active partners with their organisations, and their representatives; the partner
# organisations' memberships; the active participants. The members' expertise ranked
# by full text; their expertise on the topics or matched; its endorsements. The
# directory's expertise ranked by full text; the directory's expertise on the topics or
# matched; the listed organisations of the people found there. The organisations' own
# topics; the offers in the category; the organisations ranked by full text (and one
# more for those the text alone found, none here: all offer the category).
SUGGESTIONS = 13
# Each evidence provider registered adds its own query (one here, and it names no one new).
PROVIDER = 1


def _world(world, n):
    """n members of the core partner who know transport (each endorsed), n people outside
    the partnership who show it in the directory, n listed organisations offering
    volunteer time with transport among their topics, n needs for drivers."""
    transport = Topic.objects.create(name="Transport", key="transport")
    members = User.objects.bulk_create(User(email=f"m{i}@example.org", name=f"Member {i}") for i in range(n))
    Membership.objects.bulk_create(Membership(organisation=world.core_org, user=u) for u in members)
    rows = PersonExpertise.objects.bulk_create(
        PersonExpertise(partnership=world.partnership, user=u, topic=transport, note="Volunteer drivers")
        for u in members
    )
    Endorsement.objects.bulk_create(
        Endorsement(expertise=e, endorser=world.users["convener_admin"], organisation=world.convener_org)
        for e in rows
    )
    elsewhere = Partnership.objects.create(name="Elsewhere", purpose="Other things")
    outside = User.objects.bulk_create(User(email=f"o{i}@example.org", name=f"Outside {i}") for i in range(n))
    orgs = Organisation.objects.bulk_create(
        Organisation(name=f"Listed {i}", kind="charity", listed_in_directory=True, description="Transport")
        for i in range(n)
    )
    Membership.objects.bulk_create(
        Membership(organisation=o, user=u) for o, u in zip(orgs, outside, strict=True)
    )
    PersonExpertise.objects.bulk_create(
        PersonExpertise(
            partnership=elsewhere, user=u, topic=transport, note="Drivers", visibility="directory"
        )
        for u in outside
    )
    Offer.objects.bulk_create(
        Offer(organisation=o, category="volunteer_time", description="Volunteer drivers") for o in orgs
    )
    Expertise.objects.bulk_create(Expertise(organisation=o, topic="transport") for o in orgs)
    Need.objects.bulk_create(
        Need(
            partnership=world.partnership,
            category="volunteer_time",
            description="Volunteer drivers",
            quantity=10,
            unit="hours",
        )
        for _ in range(n)
    )
    index_rebuild()
    return transport


@pytest.mark.parametrize("n", [10, 500])
def test_suggestions_cost_the_same_with_10_or_500_people_and_organisations(world, n, monkeypatch):
    transport = _world(world, n)
    monkeypatch.setattr(evidence, "_providers", [])

    @evidence.evidence_provider
    def answered(partnership, user_ids, topic_ids):
        list(User.objects.filter(pk__in=list(user_ids)[:1]))
        return {}

    partnership = Partnership.objects.get(pk=world.partnership.pk)
    with query_budget(SUGGESTIONS + PROVIDER):
        found = suggestions(
            partnership,
            text="volunteer drivers for transport",
            topics=[transport],
            category="volunteer_time",
            area="Northshire",
            directory=True,
            limit=20,
        )

    assert len(found) == 20 and all(s.reasons for s in found)
    assert (
        found[0].why
        == "knows Transport; offers volunteer drivers; mentions 'transport' and 'volunteer' in its profile"
    )


# The session's user; the partnership; the viewer's memberships; the active partners
# and their representatives (shared by the permission check, the canvas and the
# suggestions); the canvas; the pledges; the needs; the directory's offers for the
# gaps (the canvas's own suggestions, unused here); the partner organisations'
# memberships and the active participants (once for the page); then for each of the
# NEEDS_PER_PAGE needs the eight queries of `suggestions` that depend on its text (a
# need has no topics: the organisations' topics are not read; the organisations the
# text alone found are all loaded already); the header's unread notifications count.
PAGE = 11 + 5 * 8 + 1


@pytest.mark.parametrize("n", [10, 500])
def test_the_page_costs_the_same_with_10_or_500_needs_people_and_organisations(world, client, n, monkeypatch):
    _world(world, n)
    monkeypatch.setattr(evidence, "_providers", [])
    client.force_login(world.users["partner_member"])

    with query_budget(PAGE):
        response = client.get(reverse("matching:needs", args=[world.partnership.uuid]))

    assert response.status_code == 200
    assert "offers volunteer drivers" in text(response)
