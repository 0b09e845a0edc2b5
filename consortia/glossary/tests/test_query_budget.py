"""The glossary page costs the same number of queries with 10 or 500 terms: the
approved terms (filtered by the search) are one query, their definitions one more,
and the approvers' suggestions one with their suggesters and one for their
definitions."""

import pytest
from django.urls import reverse

from consortia.core.testing import query_budget, signed_in, text
from consortia.glossary.models import Definition, Sector, Term

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("locmem_cache")]

# The session's user, the partnership, the viewer's memberships, the active partners
# with their organisations and their representatives (shared by the permission checks),
# the approved terms, their definitions (one prefetch), the suggestions with who
# suggested them, their definitions (one prefetch).
# + the header's unread notifications count (notifications/context_processors.py, one query).
PAGE = 10


def _terms(world, n):
    terms = Term.objects.bulk_create(
        Term(
            partnership=world.partnership,
            name=f"{chr(ord('a') + i % 26)}term {i}",
            status="suggested" if i % 5 == 0 else "approved",
            suggested_by=world.users["partner_member"],
        )
        for i in range(n)
    )
    sectors = list(Sector)
    Definition.objects.bulk_create(
        Definition(term=t, sector=sectors[(i + k) % len(sectors)], text=f"Meaning **{k}** of {t.name}.")
        for i, t in enumerate(terms)
        for k in range(2)
    )


@pytest.mark.parametrize("n", [10, 500])
@pytest.mark.parametrize("query", ["", "term"], ids=["all", "searched"])
def test_the_glossary_page_costs_the_same_with_10_or_500_terms(world, n, query):
    _terms(world, n)
    client = signed_in(world.users["convener_admin"])
    with query_budget(PAGE):
        response = client.get(reverse("glossary:list", args=[world.partnership.uuid]), {"q": query})
    assert response.status_code == 200
    assert text(response).count('class="govuk-summary-list__row" id="term-') == n - n // 5
