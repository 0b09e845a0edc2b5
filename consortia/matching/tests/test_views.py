"""The "Who could help" page: each need not covered with its suggestions and reasons,
covered needs left out, pages of needs, and nothing a person typed ever becomes markup."""

import pytest
from django.urls import reverse

from consortia.core.factories import (
    NeedFactory,
    OfferFactory,
    OrganisationFactory,
    PersonExpertiseFactory,
    PledgeFactory,
    TopicFactory,
)
from consortia.core.testing import text
from consortia.matching.views import NEEDS_PER_PAGE
from consortia.search.index import index_rebuild

pytestmark = pytest.mark.django_db


def _page(client_for, world, **params):
    return client_for("partner_member").get(reverse("matching:needs", args=[world.partnership.uuid]), params)


def test_it_shows_each_need_not_covered_with_who_could_help_and_why(world, client_for):
    NeedFactory(partnership=world.partnership, category="volunteer_time", description="Drivers for clinics")
    covered = NeedFactory(partnership=world.partnership, category="premises", description="A covered room")
    PledgeFactory(partner=world.core_partner, need=covered, quantity=covered.quantity)
    OfferFactory(organisation=world.core_org, category="volunteer_time", description="Volunteer drivers")
    PersonExpertiseFactory(
        partnership=world.partnership,
        user=world.users["participant"],
        topic=TopicFactory(name="Clinics"),
        note="",
    )
    index_rebuild()

    page = text(_page(client_for, world))

    assert "Drivers for clinics" in page and "A covered room" not in page
    assert "Core Org" in page and "Why: offers volunteer drivers" in page
    assert "Carol Carer" in page and "Why: knows Clinics" in page


def test_a_directory_organisation_is_marked_as_such(world, client_for):
    NeedFactory(partnership=world.partnership, category="equipment", unit="items", description="A minibus")
    listed = OrganisationFactory(name="Wheels", listed_in_directory=True)
    OfferFactory(organisation=listed, category="equipment", description="A minibus with a lift")

    page = text(_page(client_for, world))

    assert "Wheels" in page and "From the directory" in page


def test_needs_come_in_pages(world, client_for):
    for i in range(NEEDS_PER_PAGE + 1):
        NeedFactory(partnership=world.partnership, description=f"Need number {i}")

    first, second = text(_page(client_for, world)), text(_page(client_for, world, page=2))

    assert "Need number 0" in first and f"Need number {NEEDS_PER_PAGE}" not in first
    assert f"Need number {NEEDS_PER_PAGE}" in second


def test_hostile_text_in_notes_needs_and_offers_is_shown_as_text(world, client_for):
    hostile = '<script>alert(1)</script><img src=x onerror="alert(2)"> [x](javascript:alert(3))'
    NeedFactory(partnership=world.partnership, category="premises", description=f"Room script {hostile}")
    OfferFactory(organisation=world.core_org, category="premises", description=f"Hall {hostile}")
    PersonExpertiseFactory(
        partnership=world.partnership,
        user=world.users["partner_admin"],
        topic=TopicFactory(name="<b>Rooms</b>"),
        note=f"script rooms {hostile}",
    )
    index_rebuild()

    response = _page(client_for, world)
    html = response.content.decode()

    assert response.status_code == 200
    assert "<script>alert" not in html and "<img src=x" not in html and 'href="javascript:' not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;Rooms&lt;/b&gt;" in html
