"""The canvas's reads: step statuses, the gap analysis (coverage by quantity in the
need's unit, directory suggestions by category and area) and partner shares."""

from decimal import Decimal

import pytest
from django.utils import timezone

from consortia.canvas.models import Canvas
from consortia.canvas.selectors import (
    COVERED,
    DONE,
    IN_PROGRESS,
    NOT_STARTED,
    PARTLY,
    UNCOVERED,
    _largest_remainder,
    canvas_get,
    gap_analysis,
    partner_share_list,
    step_status_list,
)
from consortia.core.factories import (
    IndicatorFactory,
    NeedFactory,
    OfferFactory,
    OrganisationFactory,
    OutcomeFactory,
    PartnerFactory,
    PledgeFactory,
)


def analyse(world, area: str = ""):
    canvas = Canvas(partnership=world.partnership, area=area)
    return gap_analysis(world.partnership, canvas)


def coverage_of(analysis, need):
    return next(item for item in analysis.needs if item.need.pk == need.pk)


# --- step statuses ---------------------------------------------------------------------------


def test_it_reads_a_missing_canvas_as_an_unsaved_empty_one(world):
    canvas = canvas_get(world.partnership)

    assert canvas.pk is None
    assert not Canvas.objects.exists()


def test_it_shows_steps_not_started_in_progress_and_done(world):
    outcome = OutcomeFactory(partnership=world.partnership)
    IndicatorFactory(outcome=outcome)
    NeedFactory(partnership=world.partnership)
    canvas = Canvas.objects.create(partnership=world.partnership, completed_steps=["needs"])

    statuses = {s.step.value: (s.status, s.summary) for s in step_status_list(world.partnership, canvas)}

    assert statuses == {
        "purpose": (IN_PROGRESS, "1 of 4 questions answered"),  # the purpose itself is set at convening
        "outcomes": (IN_PROGRESS, "1 outcome, 1 indicator"),
        "needs": (DONE, "1 need"),
        "pledges": (NOT_STARTED, "0 pledges, 0 partners said what they want"),
    }


def test_it_shows_a_step_marked_done_but_emptied_since_as_not_started(world):
    canvas = Canvas.objects.create(partnership=world.partnership, completed_steps=["outcomes", "pledges"])
    PledgeFactory(partner=world.core_partner)

    statuses = {s.step.value: s.status for s in step_status_list(world.partnership, canvas)}

    assert (statuses["outcomes"], statuses["pledges"]) == (NOT_STARTED, DONE)


def test_it_does_not_count_pledges_of_a_partner_that_left(world):
    PledgeFactory(partner=world.core_partner)
    world.core_partner.left_at = timezone.now()
    world.core_partner.save()

    statuses = {
        s.step.value: s.status for s in step_status_list(world.partnership, canvas_get(world.partnership))
    }
    analysis = analyse(world)

    assert statuses["pledges"] == NOT_STARTED
    assert analysis.shares and all(share.pledges == [] for share in analysis.shares)


# --- coverage ----------------------------------------------------------------------------------


def test_it_finds_needs_covered_partly_covered_and_uncovered_by_quantity(world):
    covered = NeedFactory(partnership=world.partnership, quantity=50, unit="hours", priority="useful")
    partly = NeedFactory(partnership=world.partnership, quantity=50, unit="hours")
    uncovered = NeedFactory(partnership=world.partnership, quantity=50, unit="hours")
    PledgeFactory(partner=world.core_partner, need=covered, quantity=30)
    PledgeFactory(partner=world.convener_partner, need=covered, quantity=25)
    PledgeFactory(partner=world.core_partner, need=partly, quantity=Decimal("12.5"))

    analysis = analyse(world)

    assert [(c.need, c.status, c.pledged, c.remaining, c.percent) for c in analysis.needs] == [
        (uncovered, UNCOVERED, 0, 50, 0),
        (partly, PARTLY, Decimal("12.5"), Decimal("37.5"), 25),
        (covered, COVERED, 55, 0, 100),
    ]
    assert (analysis.uncovered, analysis.partly, analysis.covered) == (1, 1, 1)


def test_it_lists_but_does_not_count_pledges_in_another_unit(world):
    need = NeedFactory(partnership=world.partnership, category="paid_staff", quantity=40, unit="hours")
    days = PledgeFactory(
        partner=world.core_partner, need=need, category="paid_staff", quantity=5, unit="days"
    )
    hours = PledgeFactory(partner=world.convener_partner, need=need, category="paid_staff", quantity=10)

    coverage = coverage_of(analyse(world), need)

    assert (coverage.status, coverage.pledged) == (PARTLY, 10)
    assert coverage.pledges == [hours]
    assert coverage.other_unit_pledges == [days]


def test_it_leaves_a_need_with_only_other_unit_pledges_uncovered(world):
    need = NeedFactory(partnership=world.partnership, category="paid_staff", quantity=40, unit="hours")
    PledgeFactory(partner=world.core_partner, need=need, category="paid_staff", quantity=50, unit="days")

    assert coverage_of(analyse(world), need).status == UNCOVERED


def test_it_lists_essential_uncovered_needs_first(world):
    useful = NeedFactory(partnership=world.partnership, priority="useful")
    essential = NeedFactory(partnership=world.partnership, priority="essential")
    important = NeedFactory(partnership=world.partnership, priority="important")

    assert [c.need for c in analyse(world).needs] == [essential, important, useful]


def test_it_keeps_unprompted_pledges_apart(world):
    need = NeedFactory(partnership=world.partnership)
    PledgeFactory(partner=world.core_partner, need=need)
    unprompted = PledgeFactory(partner=world.core_partner, need=None)

    assert analyse(world).unprompted == [unprompted]


# --- suggestions from the directory --------------------------------------------------------------


def listed(name: str, area: str, category: str = "premises"):
    organisation = OrganisationFactory(name=name, area_served=area, listed_in_directory=True)
    OfferFactory(organisation=organisation, category=category, description=f"{name} offers {category}")
    return organisation


def suggested(analysis, need) -> list[str]:
    return [s.organisation.name for s in coverage_of(analysis, need).suggestions]


def test_it_suggests_listed_organisations_offering_the_category_in_the_area(world):
    need = NeedFactory(partnership=world.partnership, category="premises")
    listed("A Same Area", "Northshire")
    listed("B Wider Area", "All of northshire and beyond")  # contains the canvas area
    listed("C Town Within", "north")  # contained in the canvas area
    listed("D No Area Given", "")
    listed("E Elsewhere", "Southshire")
    listed("F Other Category", "Northshire", category="funding")
    unlisted = OrganisationFactory(name="G Unlisted", area_served="Northshire")
    OfferFactory(organisation=unlisted, category="premises")
    OfferFactory(organisation=world.core_org, category="premises")  # already a partner...
    world.core_org.listed_in_directory = True
    world.core_org.save()

    names = suggested(analyse(world, area="NORTHSHIRE"), need)

    assert names == ["A Same Area", "B Wider Area", "C Town Within", "D No Area Given"]


def test_it_suggests_by_category_alone_when_the_canvas_has_no_area(world):
    need = NeedFactory(partnership=world.partnership, category="premises")
    listed("Elsewhere", "Southshire")

    assert suggested(analyse(world, area=""), need) == ["Elsewhere"]


def test_it_suggests_a_former_partner_but_not_for_a_covered_need(world):
    covered = NeedFactory(partnership=world.partnership, category="volunteer_time", quantity=1, unit="people")
    open_need = NeedFactory(partnership=world.partnership, category="premises")
    PledgeFactory(
        partner=world.core_partner, need=covered, category="volunteer_time", quantity=1, unit="people"
    )
    former = listed("Former Partner", "Northshire")
    PartnerFactory(partnership=world.partnership, organisation=former, left_at=timezone.now())
    listed("Volunteers R Us", "Northshire", category="volunteer_time")

    analysis = analyse(world, area="Northshire")

    assert suggested(analysis, open_need) == ["Former Partner"]
    assert suggested(analysis, covered) == []


def test_it_caps_suggestions_and_says_how_many_more(world):
    need = NeedFactory(partnership=world.partnership, category="premises")
    for i in range(8):
        listed(f"Hall {i}", "Northshire")

    coverage = coverage_of(analyse(world, area="Northshire"), need)

    assert len(coverage.suggestions) == 5
    assert coverage.more_suggestions == 3


# --- partner shares --------------------------------------------------------------------------


def test_it_gives_each_partner_its_share_of_the_value_adding_up_to_100(world):
    third = PartnerFactory(partnership=world.partnership, role="associate")
    for partner in (world.convener_partner, world.core_partner, third):
        PledgeFactory(partner=partner, value_gbp=100)
    PledgeFactory(partner=world.core_partner, value_gbp=0, description="Advice, priceless")

    shares = partner_share_list(world.partnership)

    assert [(s.partner, s.count, s.value, s.share) for s in shares] == [
        (world.convener_partner, 1, 100, Decimal("33.4")),
        (world.core_partner, 2, 100, Decimal("33.3")),
        (third, 1, 100, Decimal("33.3")),
    ]
    assert sum(s.share for s in shares) == 100


def test_it_leaves_out_observers_without_pledges_and_shows_zero_when_nothing_is_pledged(world):
    shares = partner_share_list(world.partnership)

    assert [s.partner for s in shares] == [world.convener_partner, world.core_partner]
    assert [s.share for s in shares] == [0, 0]


@pytest.mark.parametrize(
    "values",
    [[1, 1, 1], [1, 2, 3, 4, 5, 6, 7], [999999, 1], [Decimal("0.01")] * 13, [5, 0, 0], [Decimal("1e9")] * 40],
)
def test_it_rounds_shares_to_add_up_to_exactly_100(values):
    values = [Decimal(v) for v in values]

    shares = _largest_remainder(values, sum(values))

    assert sum(shares) == 100
    assert all(
        abs(share - value * 100 / sum(values)) < Decimal("0.1")
        for share, value in zip(shares, values, strict=True)
    )
