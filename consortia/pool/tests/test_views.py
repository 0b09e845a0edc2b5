"""The fair-shares page: the chart, its table alternative, the elephant factor and the
plain sentence, for every member of the partnership."""

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from consortia.core.testing import text

pytestmark = pytest.mark.django_db


def url(world):
    return reverse("pool:shares", args=[world.partnership.uuid])


def test_it_shows_the_shares_as_a_chart_and_as_a_table(world, pooled, client_for):
    page = client_for("observer").get(url(world))

    assert page.status_code == 200
    html = page.content.decode()
    table = strip_tags(html[html.index('id="shares-table"') :])
    assert "Fair shares as a table" in table
    # Convener Org: £550.00 of £770.00 contributed (71%), nothing received, 0 polls.
    assert "Convener Org £550.00 71% £0.00 0% 0 0%" in " ".join(table.split())
    chart = " ".join(
        strip_tags(html[html.index('id="shares-chart"') : html.index('id="shares-table"')]).split()
    )
    assert "Observer Org Contributions: 0% Benefits: 64% Voice: 0%" in chart  # £300 of £470
    assert 'aria-hidden="true"' in html[html.index('id="shares-chart"') :]


def test_it_says_plainly_when_one_partner_carries_most_of_the_load(world, pooled, client_for):
    page = text(client_for("partner_member").get(url(world)))

    assert (
        "Convener Org provides 71% of everything contributed, more than the other 3 partners together" in page
    )
    assert "1 of 4 partners" in page  # the elephant factor


def test_it_says_when_nothing_has_been_contributed(world, client_for):
    page = text(client_for("convener_admin").get(url(world)))

    assert "Nothing has been contributed yet." in page
    assert "carries" not in page and "more than the other" not in page


def test_the_partnership_page_links_to_it(world, client_for):
    page = client_for("participant").get(reverse("partnerships:detail", args=[world.partnership.uuid]))

    assert url(world) in page.content.decode()
