"""The outcomes page and the advantage page cost the same number of queries with a
few or many outcomes, indicators, measurements, polls, votes, places, posts and
contributions: every source is one list or one aggregate, none is read per row."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.contributions.models import Entry
from consortia.core.factories import (
    CourseFactory,
    IndicatorFactory,
    NeedFactory,
    OutcomeFactory,
    PlaceFactory,
    PledgeFactory,
    PollFactory,
    PostFactory,
    ThreadFactory,
)
from consortia.core.testing import query_budget
from consortia.decisions.models import Voted
from consortia.progress.models import Measurement

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("locmem_cache")]


def _outcomes(world, n: int) -> None:
    """n outcomes of two indicators each, every indicator measured monthly for n months;
    a need serving each outcome, pledged by two partners and delivered by one."""
    today = timezone.localdate()
    for i in range(n):
        outcome = OutcomeFactory(partnership=world.partnership)
        need = NeedFactory(partnership=world.partnership)
        need.outcomes.set([outcome])
        PledgeFactory(partner=world.convener_partner, need=need)
        pledge = PledgeFactory(partner=world.core_partner, need=need)
        Entry.objects.create(
            partnership=world.partnership,
            partner=world.core_partner,
            pledge=pledge,
            category="premises",
            unit="hours",
            quantity=2,
            on=today,
            kind="in_kind",
            rate_gbp=25,
            value_gbp=50,
        )
        for indicator in (
            IndicatorFactory(outcome=outcome),
            IndicatorFactory(outcome=outcome, baseline=None),
        ):
            Measurement.objects.bulk_create(
                Measurement(indicator=indicator, on=today - timedelta(days=30 * m), value=25 + i - m)
                for m in range(n)
            )


def _activity(world, n: int) -> None:
    """n closed polls voted in by both voting partners, n attended places, n threads
    with a reply from another organisation."""
    course = CourseFactory(partnership=world.partnership, partner=world.convener_partner)
    for _ in range(n):
        poll = PollFactory(partnership=world.partnership, status="closed", closed_at=timezone.now())
        Voted.objects.create(poll=poll, voter_user=world.users["partner_member"])
        Voted.objects.create(poll=poll, voter_partner=world.convener_partner)
        PlaceFactory(
            course=course,
            partner=world.core_partner,
            status="attended",
            attendance_recorded_at=timezone.now(),
        )
        thread = ThreadFactory(partnership=world.partnership, organisation=world.convener_org)
        PostFactory(thread=thread, organisation=world.convener_org)
        PostFactory(thread=thread, organisation=world.core_org)


# The session's user, the partnership, the viewer's memberships, the active partners
# with their organisations and representatives (two: the permission check; the
# changeable measurements' checks reuse them), the outcomes, their indicators, the
# indicators' measurements with who recorded them
# + the header's unread notifications count (notifications/context_processors.py, one query).
OUTCOMES = 9


@pytest.mark.parametrize("n", [1, 12])
def test_the_outcomes_page_costs_the_same_with_few_or_many_measurements(world, client_for, n):
    _outcomes(world, n)
    client = client_for("partner_member")
    url = reverse("progress:outcomes", args=[world.partnership.uuid])

    with query_budget(OUTCOMES):
        page = client.get(url)

    assert page.status_code == 200
    assert (
        page.content.decode().count(
            '<caption class="govuk-table__caption govuk-table__caption--s">Measurements of'
        )
        == 2 * n
    )


# The page's version stamp (it is cached whole, core/page_cache.py), the session's
# user, the partnership, the viewer's memberships, the active partners
# with their organisations and representatives (two); outcome_progress (outcomes,
# indicators, measurements: three); fair shares (pool/selectors.py, ten here: the
# ledger's totals by partner, the delivered bookings' entries (with none, their
# partners are not read), the attended places and their entries, the fund's payments
# by payee, and the voice balance's polls, proposals, votes by organisation, votes by
# members and objecting ballots); the decisions (closed polls, votes for partners,
# votes by members: three); learning (places attended, threads across organisations,
# replies across organisations: three); what was achieved together (pledges to and
# entries delivered for the outcomes that moved: two)
# + the header's unread notifications count.
ADVANTAGE = 28


@pytest.mark.parametrize("n", [1, 12])
def test_the_advantage_page_costs_the_same_with_few_or_many_rows(world, client_for, n):
    _outcomes(world, n)
    _activity(world, n)
    client = client_for("partner_member")
    url = reverse("progress:advantage", args=[world.partnership.uuid])

    with query_budget(ADVANTAGE):
        page = client.get(url)

    assert page.status_code == 200
    assert f"{n} of {n} decision" in page.content.decode()
