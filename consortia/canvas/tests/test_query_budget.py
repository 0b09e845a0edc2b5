"""The canvas pages cost the same number of queries with 3 or 40 needs, pledges,
outcomes, partners and directory organisations: everything is read in a fixed
number of queries and computed in Python."""

import pytest
from django.urls import reverse

from consortia.canvas.models import Canvas, CanvasComment, PartnerStatement, Step
from consortia.core.factories import (
    IndicatorFactory,
    NeedFactory,
    OfferFactory,
    OrganisationFactory,
    OutcomeFactory,
    PledgeFactory,
    partnership_with_partners,
)
from consortia.core.testing import query_budget
from consortia.partnerships.rules import active_partners

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("locmem_cache")]

# Every page starts with the same five (the session comes from the cache, here one in
# this process, so cache reads are not counted): the user, the partnership, the
# viewer's memberships, the active partners with their organisations and the
# partners' representatives with their users (these last three are shared by the
# permission checks and the page). Then:
EXPECTED = {
    # + the overview's version stamp (it is cached, core/page_cache.py), the canvas
    #   row, the counts of every step in one query (correlated subqueries)
    "overview": 8,
    # + the canvas row, the step's comments with their authors
    "purpose": 7,
    # + the canvas row, comments, outcomes, their indicators
    "outcomes": 9,
    # + the canvas row, comments, pledges (partners come from the list already
    #   loaded), needs, the outcomes each serves, the glossary's approved terms with
    #   their definitions (marked in the needs' descriptions, glossary/templatetags)
    "needs": 11,
    # + the canvas row, comments, pledges with their needs, partners' statements
    "pledges": 9,
    # + the canvas row, pledges, needs, directory offers with their organisations
    "gaps": 9,
}

# Every page also shows the header's unread notifications count
# (notifications/context_processors.py, one query); downloads have no header.
EXPECTED = {page: count + 1 for page, count in EXPECTED.items()}


# Downloads start with the same five, then:
EXPECTED_EXPORTS = {
    "outcomes": 7,  # + outcomes, their indicators
    "needs": 8,  # + pledges, needs, the outcomes each serves
    "pledges": 6,  # + pledges with their needs
    "gaps": 9,  # + the canvas row, pledges, needs, directory offers
    "json": 12,  # + the canvas row, pledges, needs, their outcomes, offers, outcomes, indicators
}


def _canvas_of(n: int):
    """A partnership of n partners with n of everything on its canvas."""
    partnership, convener_admin = partnership_with_partners(n)
    partners = active_partners(partnership)
    Canvas.objects.create(partnership=partnership, area="Northshire", completed_steps=["purpose"])
    outcomes = [OutcomeFactory(partnership=partnership) for _ in range(n)]
    for i, outcome in enumerate(outcomes):
        IndicatorFactory(outcome=outcome, question=["how_much", "how_well", "better_off"][i % 3])
        need = NeedFactory(partnership=partnership, quantity=10, priority=["essential", "useful"][i % 2])
        need.outcomes.add(outcome)
        partner = partners[i % len(partners)]
        # Some cover their need, some partly, some in another unit; every other one unprompted.
        PledgeFactory(
            partner=partner,
            need=need if i % 2 else None,
            quantity=[10, 5, 2][i % 3],
            unit=["hours", "hours", "days"][i % 3],
        )
        PartnerStatement.objects.get_or_create(partner=partner, defaults={"wants": "To learn"})
        OfferFactory(organisation=OrganisationFactory(listed_in_directory=True), category="premises")
        for step in Step.values:
            CanvasComment.objects.create(
                partnership=partnership, step=step, body="Agreed", author=convener_admin
            )
    return partnership, convener_admin


@pytest.mark.parametrize("page", EXPECTED)
@pytest.mark.parametrize("n", [3, 40])
def test_it_keeps_every_canvas_page_to_a_fixed_query_budget(client, page, n):
    partnership, convener_admin = _canvas_of(n)
    client.force_login(convener_admin)

    with query_budget(EXPECTED[page]):
        response = client.get(reverse(f"canvas:{page}", args=[partnership.uuid]))

    assert response.status_code == 200


@pytest.mark.parametrize("section", EXPECTED_EXPORTS)
@pytest.mark.parametrize("n", [3, 40])
def test_it_keeps_every_download_to_a_fixed_query_budget(client, section, n):
    partnership, convener_admin = _canvas_of(n)
    client.force_login(convener_admin)
    if section == "json":
        url = reverse("canvas:export_json", args=[partnership.uuid])
    else:
        url = reverse("canvas:export_csv", args=[partnership.uuid, section])

    with query_budget(EXPECTED_EXPORTS[section]):
        response = client.get(url)

    assert response.status_code == 200


def test_it_shows_every_need_pledge_and_partner_on_the_gaps_page(client):
    partnership, convener_admin = _canvas_of(40)
    client.force_login(convener_admin)

    html = client.get(reverse("canvas:gaps", args=[partnership.uuid])).content.decode()

    assert html.count('class="govuk-summary-card consortia-gap') == 40
    assert html.count('class="consortia-bar-chart__row"') == 40
    for partner in active_partners(partnership):
        assert partner.organisation.name in html
