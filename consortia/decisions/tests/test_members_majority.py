"""The members' majority basis: each member of an eligible organisation votes as a
person; the organisation's vote is the answer most of its voting members chose
(a tie casts no vote), and the options count organisations' votes."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from consortia.core.errors import ServiceError
from consortia.core.factories import MembershipFactory, UserFactory
from consortia.core.testing import error_summary, snapshot, text
from consortia.decisions.counting import group_majority
from consortia.decisions.models import Ballot, Poll
from consortia.decisions.selectors import poll_ballots, poll_options, poll_results
from consortia.decisions.services import poll_open, vote_cast

pytestmark = pytest.mark.django_db


def open_poll(world, **kwargs) -> Poll:
    kwargs = {
        "kind": "consent",
        "title": "Move the drop-in",
        "basis": "members",
        "closes_at": timezone.now() + timedelta(days=7),
        **kwargs,
    }
    return poll_open(actor=world.users["convener_admin"], partnership=world.partnership, **kwargs)


def results(poll):
    return poll_results(poll, poll_options(poll), poll_ballots(poll))


def third_core_member(world):
    user = UserFactory(email="core-third@example.org", name="Tess Third")
    MembershipFactory(organisation=world.core_org, user=user, role="member")
    return user


def organisation_votes(counted) -> list[tuple[str, int, str | None]]:
    return [
        (v.partner.organisation.name, v.members_voted, v.option.label if v.option else None)
        for v in counted.organisation_votes
    ]


@pytest.mark.parametrize(
    ("ballots", "expected"),
    [
        ([], None),
        ([["agree"]], "agree"),
        ([["agree"], ["disagree"], ["disagree"]], "disagree"),
        ([["agree"], ["disagree"]], None),
        ([["agree"], ["abstain"], ["disagree"]], None),
        ([["agree"], ["agree"], ["abstain"], ["disagree"]], "agree"),
    ],
)
def test_a_groups_majority_is_its_most_chosen_answer_and_a_tie_is_no_vote(ballots, expected):
    assert group_majority(["agree", "abstain", "disagree"], ballots) == expected


def test_each_organisations_vote_is_the_majority_of_its_members(world):
    poll = open_poll(world)
    third = third_core_member(world)
    vote_cast(actor=world.users["partner_admin"], poll=poll, choice=["consent"])
    vote_cast(actor=third, poll=poll, choice=["consent"])
    vote_cast(actor=world.users["partner_member"], poll=poll, choice=["objection"], reason="Too far")
    vote_cast(actor=world.users["convener_admin"], poll=poll, choice=["objection"], reason="No room")

    # Members vote as people: four ballots, none for an organisation.
    assert Ballot.objects.filter(voter_user__isnull=False, voter_partner__isnull=True).count() == 4
    counted = results(poll)
    assert organisation_votes(counted) == [("Convener Org", 1, "Objection"), ("Core Org", 3, "Consent")]
    core = counted.organisation_votes[1]
    assert [(option.label, n) for option, n in core.counts] == [("Consent", 2), ("Objection", 1)]
    # The totals count organisations: one each, not three people to one.
    assert [(line.option.label, line.count, line.percent) for line in counted.options] == [
        ("Consent", 1, 50),
        ("Objection", 1, 50),
    ]
    assert (counted.ballots, counted.counted) == (4, 2)
    assert [(t.partner.organisation.name, t.voted, t.eligible) for t in counted.turnout] == [
        ("Convener Org", 1, 1),
        ("Core Org", 3, 3),
    ]


def test_an_organisation_whose_members_tie_casts_no_vote(world):
    poll = open_poll(world, kind="proposal")
    vote_cast(actor=world.users["partner_admin"], poll=poll, choice=["agree"])
    vote_cast(actor=world.users["partner_member"], poll=poll, choice=["disagree"])
    vote_cast(actor=world.users["convener_admin"], poll=poll, choice=["disagree"])

    counted = results(poll)
    assert organisation_votes(counted) == [("Convener Org", 1, "Disagree"), ("Core Org", 2, None)]
    assert {line.option.label: line.count for line in counted.options} == {
        "Agree": 0,
        "Abstain": 0,
        "Disagree": 1,
    }
    assert [o.label for o in counted.leading] == ["Disagree"]
    # The tied organisation still took part.
    assert counted.orgs_taking_part == 2


def test_a_member_changing_their_vote_can_change_the_organisations(world):
    poll = open_poll(world, kind="proposal")
    vote_cast(actor=world.users["partner_admin"], poll=poll, choice=["agree"])
    vote_cast(actor=world.users["partner_member"], poll=poll, choice=["disagree"])
    assert organisation_votes(results(poll))[1] == ("Core Org", 2, None)

    vote_cast(actor=world.users["partner_member"], poll=poll, choice=["agree"])

    assert organisation_votes(results(poll))[1] == ("Core Org", 2, "Agree")


def test_someone_in_two_organisations_counts_in_each(world):
    MembershipFactory(organisation=world.convener_org, user=world.users["partner_member"])
    poll = open_poll(world, kind="proposal")
    vote_cast(actor=world.users["partner_member"], poll=poll, choice=["agree"])

    counted = results(poll)
    assert organisation_votes(counted) == [("Convener Org", 1, "Agree"), ("Core Org", 1, "Agree")]
    assert counted.counted == 2


def test_an_individual_participants_ballot_counts_as_one_vote_of_their_own(world):
    poll = open_poll(world, kind="proposal", electorate="everyone")
    vote_cast(actor=world.users["participant"], poll=poll, choice=["abstain"])
    vote_cast(actor=world.users["partner_member"], poll=poll, choice=["agree"])

    counted = results(poll)
    assert organisation_votes(counted) == [("Convener Org", 0, None), ("Core Org", 1, "Agree")]
    assert {line.option.label: line.count for line in counted.options} == {
        "Agree": 1,
        "Abstain": 1,
        "Disagree": 0,
    }
    assert counted.participants_voted == 1


def test_every_member_of_an_eligible_organisation_may_vote_and_no_one_else(world):
    poll = open_poll(world, kind="proposal")
    vote_cast(actor=world.users["partner_member"], poll=poll, choice=["agree"])  # a plain member

    for persona in ("observer", "outsider", "participant"):
        with pytest.raises(PermissionDenied):
            vote_cast(actor=world.users[persona], poll=poll, choice=["agree"])
    assert Ballot.objects.count() == 1


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kind": "ranked", "options": ["A", "B"]}, "basis"),
        ({"kind": "score", "options": ["A", "B"]}, "basis"),
        ({"kind": "dot_vote", "options": ["A", "B"]}, "basis"),
        ({"kind": "time_poll", "options": ["Monday", "Tuesday"]}, "basis"),
        ({"kind": "poll", "options": ["A", "B"], "multiple": True}, "basis"),
        ({"kind": "consent", "anonymous": True}, "anonymous"),
    ],
)
def test_it_refuses_a_members_majority_that_cannot_be_counted_and_writes_nothing(world, kwargs, field):
    before = snapshot()
    with pytest.raises(ServiceError) as error:
        open_poll(world, **kwargs)
    assert (error.value.status_code, error.value.field) == (400, field)
    assert snapshot() == before


def test_a_simple_poll_with_one_choice_may_count_members_majority(world):
    poll = open_poll(world, kind="poll", options=["Hall", "Library"])
    vote_cast(actor=world.users["partner_member"], poll=poll, choice=["o2"])

    assert organisation_votes(results(poll))[1] == ("Core Org", 1, "Library")


def test_the_poll_page_shows_each_organisations_vote_and_the_totals_by_organisation(world, client_for):
    poll = open_poll(world, kind="proposal")
    vote_cast(actor=world.users["partner_admin"], poll=poll, choice=["agree"])
    vote_cast(actor=world.users["partner_member"], poll=poll, choice=["disagree"])
    vote_cast(actor=world.users["convener_admin"], poll=poll, choice=["agree"])

    response = client_for("partner_member").get(
        reverse("decisions:detail", args=[world.partnership.uuid, poll.uuid])
    )

    assert response.status_code == 200
    page = " ".join(strip_tags(text(response)).split())
    assert "3 votes, counted as 1 vote by organisation." in page
    assert "Organisations' votes per option" in page
    assert "How each organisation's members voted" in page
    assert "Convener Org 1 0 0 Agree" in page
    assert "Core Org 1 0 1 Tied: no vote" in page


def test_the_form_explains_why_a_ranked_poll_cannot_count_members_majority(world, client_for):
    response = client_for("convener_admin").post(
        reverse("decisions:create", args=[world.partnership.uuid]),
        {
            "title": "Where next?",
            "kind": "ranked",
            "options": "Hall\nLibrary",
            "electorate": "partners",
            "basis": "members",
            "quorum_by": "organisations",
            "closes_at": (timezone.localtime() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
        },
    )

    assert response.status_code == 400
    assert "needs one answer each" in error_summary(response)
    assert not Poll.objects.exists()
