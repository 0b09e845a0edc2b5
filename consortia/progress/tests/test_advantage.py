"""The advantage page: outcomes progress, pooled resources by partner, decisions taken
with wide participation, learning shared, and what the partners achieved together
(outcomes that moved, with two or more partners contributing, named)."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.core.factories import (
    CourseFactory,
    IndicatorFactory,
    MeasurementFactory,
    NeedFactory,
    OutcomeFactory,
    PlaceFactory,
    PledgeFactory,
    PollFactory,
    PostFactory,
    RateFactory,
    ThreadFactory,
    entry_for,
)
from consortia.core.testing import SCRIPT, assert_inert, text
from consortia.decisions.models import Voted
from consortia.progress.advantage import advantage

pytestmark = pytest.mark.django_db


def advantage_url(world):
    return reverse("progress:advantage", args=[world.partnership.uuid])


def closed_poll(world, title, *, voters=(), partners=(), electorate="partners"):
    poll = PollFactory(
        partnership=world.partnership,
        title=title,
        electorate=electorate,
        status="closed",
        closed_at=timezone.now() - timedelta(days=2),
    )
    for user in voters:
        Voted.objects.create(poll=poll, voter_user=user)
    for partner in partners:
        Voted.objects.create(poll=poll, voter_partner=partner)
    return poll


def test_decisions_count_the_partner_organisations_that_took_part_of_those_asked(world):
    # Partners asked: the convener and the core partner (the observer has no vote).
    closed_poll(
        world, "Both took part", voters=[world.users["partner_member"]], partners=[world.convener_partner]
    )
    closed_poll(world, "One took part", voters=[world.users["partner_member"], world.users["partner_admin"]])
    closed_poll(world, "Nobody voted")
    PollFactory(partnership=world.partnership, title="Still open")

    decisions = advantage(world.partnership).decisions

    assert [(d.title, d.took_part, d.asked, d.wide) for d in decisions.latest] == [
        ("Nobody voted", 0, 2, False),
        ("One took part", 1, 2, False),
        ("Both took part", 2, 2, True),
    ]
    assert (decisions.closed, decisions.wide) == (3, 1)


def test_learning_counts_places_attended_and_conversations_across_organisations(world):
    course = CourseFactory(partnership=world.partnership, partner=world.convener_partner)
    attended = {"status": "attended", "attendance_recorded_at": timezone.now()}
    PlaceFactory(course=course, partner=world.core_partner, **attended)
    PlaceFactory(course=course, partner=world.convener_partner, **attended)
    PlaceFactory(course=course, partner=world.observer_partner, status="booked")
    across = ThreadFactory(partnership=world.partnership, organisation=world.convener_org)
    PostFactory(thread=across, organisation=world.convener_org)
    PostFactory(thread=across, organisation=world.core_org)
    PostFactory(thread=across, organisation=world.core_org)
    alone = ThreadFactory(partnership=world.partnership, organisation=world.core_org)
    PostFactory(thread=alone, organisation=world.core_org)
    PostFactory(thread=alone, organisation=world.core_org)

    learning = advantage(world.partnership).learning

    assert (learning.places_attended, learning.courses, learning.organisations_attending) == (2, 1, 2)
    assert learning.places_at_another_partners_course == 1
    assert (learning.threads_across_organisations, learning.replies_across_organisations) == (1, 2)


@pytest.fixture
def together(world, indicator, outcome):
    """The outcome moved (38 from a baseline of 20); the convener pledged to a need
    serving it and the core partner delivered against its own pledge to that need.
    Another outcome moved with only the convener behind it."""
    MeasurementFactory(indicator=indicator, on=timezone.localdate(), value=38)
    need = NeedFactory(partnership=world.partnership)
    need.outcomes.set([outcome])
    PledgeFactory(partner=world.convener_partner, need=need)
    core_pledge = PledgeFactory(partner=world.core_partner, need=need)
    RateFactory(partnership=world.partnership, category="premises", unit="hours", rate_gbp=25)
    entry_for(world.core_partner, category="premises", unit="hours", quantity="4", pledge=core_pledge)
    alone = OutcomeFactory(partnership=world.partnership, statement="Only the convener")
    alone_indicator = IndicatorFactory(outcome=alone)
    MeasurementFactory(indicator=alone_indicator, on=timezone.localdate(), value=50)
    alone_need = NeedFactory(partnership=world.partnership)
    alone_need.outcomes.set([alone])
    PledgeFactory(partner=world.convener_partner, need=alone_need)
    return SimpleNamespace(outcome=outcome, alone=alone)


def test_what_was_achieved_together_names_the_partners_of_outcomes_that_moved(world, together):
    [shared] = advantage(world.partnership).together

    assert shared.outcome.title == "Carers feel less alone"
    assert shared.partners == ["Convener Org", "Core Org"]


def test_an_outcome_that_has_not_moved_is_not_claimed(world, together, indicator):
    indicator.measurements.update(value=20)  # back at the baseline

    assert advantage(world.partnership).together == []


def test_the_page_shows_every_part_of_the_case(world, together, client_for):
    closed_poll(
        world,
        "Open a second drop-in",
        voters=[world.users["partner_member"]],
        partners=[world.convener_partner],
    )

    page = client_for("observer").get(advantage_url(world))

    body = text(page)
    assert page.status_code == 200
    assert "2 outcomes: 1 on track, 1 at risk, 0 off track." in body
    assert "<strong>Carers feel less alone</strong> (at risk): Convener Org, Core Org" in body
    assert "Contributions by partner" in body and "£100.00" in body
    assert (
        "1 of 1 decision taken by poll had at least 67% of the partner organisations asked taking part."
        in body
    )
    assert "0 training places attended" in body
    assert f'href="{reverse("progress:advantage_pdf", args=[world.partnership.uuid])}"' in body
    assert "consortia-print-hide" in body


def test_an_empty_partnership_reads_plainly(world, client_for):
    body = text(client_for("partner_member").get(advantage_url(world)))

    assert "The partnership has not set out its outcomes yet." in body
    assert "No poll has closed yet." in body
    assert "No outcome has yet moved towards its target" in body


def test_hostile_titles_are_shown_as_text(world, client_for):
    OutcomeFactory(partnership=world.partnership, statement=SCRIPT)
    closed_poll(world, SCRIPT)

    body = text(client_for("observer").get(advantage_url(world)))

    assert_inert(body, "the advantage page")
