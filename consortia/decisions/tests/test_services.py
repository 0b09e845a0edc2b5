"""The decisions services: opening polls of each kind, voting per person and per
organisation, refusals (nothing written), closing (by hand and when due) and the
outcome."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from consortia.core.errors import Conflict, ServiceError
from consortia.core.factories import (
    AgreementVersionFactory,
    PartnershipFactory,
    PollFactory,
    RepresentativeFactory,
)
from consortia.core.models import Event
from consortia.core.testing import assert_event, last_event, snapshot
from consortia.decisions.models import Ballot, Poll
from consortia.decisions.selectors import decision_log, poll_ballots, poll_options, poll_results
from consortia.decisions.services import poll_close, poll_close_due, poll_open, poll_outcome_write, vote_cast

pytestmark = pytest.mark.django_db


def in_days(n: int):
    return timezone.now() + timedelta(days=n)


def open_poll(world, **kwargs) -> Poll:
    kwargs = {"kind": "proposal", "title": "Move the drop-in", "closes_at": in_days(7), **kwargs}
    return poll_open(actor=world.users["convener_admin"], partnership=world.partnership, **kwargs)


def results(poll):
    return poll_results(poll, poll_options(poll), poll_ballots(poll))


# --- opening --------------------------------------------------------------------------------


def test_it_opens_a_proposal_with_its_fixed_answers_and_the_agreements_quorum(world):
    poll = open_poll(world)

    assert [(o.key, o.label) for o in poll.options.all()] == [
        ("agree", "Agree"),
        ("abstain", "Abstain"),
        ("disagree", "Disagree"),
    ]
    assert (poll.quorum_percent, poll.decision_rule) == (50, "consent_core")
    assert_event(
        "poll.opened",
        actor=world.users["convener_admin"],
        organisation=world.convener_org,
        partnership=world.partnership,
    )


def test_it_takes_the_quorum_from_the_agreement_in_force(world):
    AgreementVersionFactory(
        partnership=world.partnership, status="published", in_force_at=timezone.now(), quorum_percent=75
    )

    assert open_poll(world).quorum_percent == 75


def test_it_lets_a_core_partners_member_open_a_poll_with_options(world):
    poll = poll_open(
        actor=world.users["partner_member"],
        partnership=world.partnership,
        kind="poll",
        title="Where should we meet?",
        options=["Eastbridge", " Westford ", ""],
        multiple=True,
        closes_at=in_days(2),
    )

    assert [(o.key, o.label) for o in poll.options.all()] == [("o1", "Eastbridge"), ("o2", "Westford")]
    assert poll.multiple


@pytest.mark.parametrize("persona", ["observer", "participant", "outsider", "site_admin"])
def test_it_refuses_to_let_others_open_a_poll(world, persona):
    before = snapshot()
    with pytest.raises(PermissionDenied):
        poll_open(
            actor=world.users[persona],
            partnership=world.partnership,
            kind="proposal",
            title="x",
            closes_at=in_days(1),
        )
    assert snapshot() == before


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kind": "poll", "options": ["Only one"]}, "options"),
        ({"kind": "score", "options": ["Same", "same"]}, "options"),
        ({"kind": "poll", "options": [f"Option {i}" for i in range(21)]}, "options"),
        ({"closes_at": timezone.now() - timedelta(minutes=1)}, "closes_at"),
        ({"kind": "lottery"}, "kind"),
    ],
)
def test_it_refuses_a_poll_that_cannot_work_and_writes_nothing(world, kwargs, field):
    before = snapshot()
    with pytest.raises(ServiceError) as refused:
        open_poll(world, **kwargs)
    assert refused.value.field == field
    assert snapshot() == before


# --- voting, per kind ------------------------------------------------------------------------


def test_it_counts_a_proposal_one_vote_per_person(world):
    poll = open_poll(world)
    vote_cast(actor=world.users["convener_admin"], poll=poll, choice=["agree"])
    vote_cast(actor=world.users["partner_admin"], poll=poll, choice=["agree"])
    vote_cast(actor=world.users["partner_member"], poll=poll, choice=["disagree"])

    counted = results(poll)
    assert {r.option.key: r.count for r in counted.options} == {"agree": 2, "abstain": 0, "disagree": 1}
    assert [o.key for o in counted.leading] == ["agree"]
    assert [(t.partner.organisation.name, t.voted, t.eligible) for t in counted.turnout] == [
        ("Convener Org", 1, 1),
        ("Core Org", 2, 2),
    ]
    assert (counted.orgs_taking_part, counted.eligible_orgs, counted.quorum_met) == (2, 2, True)


def test_it_records_the_choice_in_the_event_of_an_open_vote(world):
    poll = open_poll(world)
    vote_cast(actor=world.users["partner_member"], poll=poll, choice=["abstain"], reason="Not sure yet")

    event = assert_event(
        "vote.cast", actor=world.users["partner_member"], organisation=None, partnership=world.partnership
    )
    assert event.payload == {"choice": ["abstain"]}


def test_it_changes_a_vote_on_the_same_ballot_and_says_so(world):
    poll = open_poll(world)
    first = vote_cast(actor=world.users["partner_member"], poll=poll, choice=["agree"])
    second = vote_cast(
        actor=world.users["partner_member"], poll=poll, choice=["disagree"], reason="Changed my mind"
    )

    assert first.pk == second.pk
    assert Ballot.objects.get().choice == ["disagree"]
    assert last_event().verb == "vote.changed"
    assert Event.objects.filter(verb__startswith="vote.").count() == 2


def test_it_writes_nothing_when_the_same_vote_is_cast_again(world):
    poll = open_poll(world)
    vote_cast(actor=world.users["partner_member"], poll=poll, choice=["agree"])
    before = snapshot()

    vote_cast(actor=world.users["partner_member"], poll=poll, choice=["agree"])

    assert snapshot() == before


def test_it_needs_a_reason_for_an_objection_in_a_consent_poll(world):
    poll = open_poll(world, kind="consent")
    before = snapshot()

    with pytest.raises(ServiceError) as refused:
        vote_cast(actor=world.users["partner_member"], poll=poll, choice=["objection"], reason="  ")
    assert refused.value.field == "reason"
    assert snapshot() == before

    vote_cast(
        actor=world.users["partner_member"], poll=poll, choice=["objection"], reason="Too far for carers"
    )
    assert Ballot.objects.get().reason == "Too far for carers"


def test_it_needs_a_reason_for_a_block_in_a_consensus_poll(world):
    poll = open_poll(world, kind="consensus")

    with pytest.raises(ServiceError):
        vote_cast(actor=world.users["partner_member"], poll=poll, choice=["block"])
    vote_cast(
        actor=world.users["partner_member"],
        poll=poll,
        choice=["block"],
        reason="Breaks our safeguarding rules",
    )

    assert {r.option.key: r.count for r in results(poll).options}["block"] == 1


def test_it_counts_a_multiple_choice_poll(world):
    poll = open_poll(world, kind="poll", options=["Eastbridge", "Westford", "Northgate"], multiple=True)
    vote_cast(actor=world.users["partner_member"], poll=poll, choice=["o3", "o1"])
    vote_cast(actor=world.users["partner_admin"], poll=poll, choice=["o1"])

    assert Ballot.objects.get(voter_user=world.users["partner_member"]).choice == ["o1", "o3"]
    assert {r.option.label: r.count for r in results(poll).options} == {
        "Eastbridge": 2,
        "Westford": 0,
        "Northgate": 1,
    }


def test_it_refuses_two_choices_in_a_single_choice_poll(world):
    poll = open_poll(world, kind="poll", options=["Eastbridge", "Westford"])

    with pytest.raises(ServiceError):
        vote_cast(actor=world.users["partner_member"], poll=poll, choice=["o1", "o2"])
    assert not Ballot.objects.exists()


def test_it_totals_and_averages_a_score_poll(world):
    poll = open_poll(world, kind="score", options=["Eastbridge", "Westford"])
    vote_cast(actor=world.users["partner_member"], poll=poll, choice={"o1": 10, "o2": 3})
    vote_cast(actor=world.users["partner_admin"], poll=poll, choice={"o1": 5, "o2": 0})

    counted = results(poll)
    assert [(r.option.label, r.total, r.average) for r in counted.options] == [
        ("Eastbridge", 15, 7.5),
        ("Westford", 3, 1.5),
    ]
    assert [o.label for o in counted.leading] == ["Eastbridge"]


@pytest.mark.parametrize(
    ("kind", "choice"),
    [
        ("score", {"o1": 11, "o2": 3}),
        ("score", {"o1": -1, "o2": 3}),
        ("score", {"o1": 2.5, "o2": 3}),
        ("score", {"o1": True, "o2": 3}),
        ("score", {"o1": 5}),
        ("score", {"o1": 5, "o2": 5, "o9": 5}),
        ("poll", ["o9"]),
        ("poll", []),
        ("poll", ["o1", "o1"]),
        ("proposal", ["maybe"]),
        ("proposal", {"agree": 1}),
        ("proposal", [1]),
    ],
)
def test_it_refuses_a_choice_that_does_not_fit_the_poll_and_writes_nothing(world, kind, choice):
    poll = open_poll(world, kind=kind, options=["Eastbridge", "Westford"])
    before = snapshot()

    with pytest.raises(ServiceError) as refused:
        vote_cast(actor=world.users["partner_member"], poll=poll, choice=choice)

    assert refused.value.status_code == 400
    assert snapshot() == before


# --- who votes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("electorate", "persona", "may"),
    [
        ("core", "partner_member", True),
        ("core", "participant", False),
        ("partners", "observer", False),
        ("partners", "participant", False),
        ("everyone", "participant", True),
        ("everyone", "observer", False),
        ("everyone", "outsider", False),
        ("everyone", "site_admin", False),
    ],
)
def test_it_lets_only_the_electorate_vote(world, electorate, persona, may):
    poll = open_poll(world, electorate=electorate)
    if may:
        vote_cast(actor=world.users[persona], poll=poll, choice=["agree"])
        assert Ballot.objects.count() == 1
    else:
        before = snapshot()
        with pytest.raises(PermissionDenied):
            vote_cast(actor=world.users[persona], poll=poll, choice=["agree"])
        assert snapshot() == before


def test_it_counts_one_vote_per_organisation_cast_by_its_admin_or_representative(world):
    poll = open_poll(world, kind="consent", basis="organisation")
    vote_cast(actor=world.users["convener_admin"], poll=poll, choice=["consent"])
    vote_cast(actor=world.users["partner_admin"], poll=poll, choice=["objection"], reason="Too far")

    ballots = Ballot.objects.order_by("pk")
    assert [(b.voter_partner, b.voter_user, b.cast_by) for b in ballots] == [
        (world.convener_partner, None, world.users["convener_admin"]),
        (world.core_partner, None, world.users["partner_admin"]),
    ]
    assert_event(
        "vote.cast",
        actor=world.users["partner_admin"],
        organisation=world.core_org,
        partnership=world.partnership,
    )
    counted = results(poll)
    assert [(t.partner.organisation.name, t.voted) for t in counted.turnout] == [
        ("Convener Org", 1),
        ("Core Org", 1),
    ]
    assert counted.quorum_met


def test_it_keeps_one_organisation_vote_when_a_second_person_speaks_for_it(world):
    RepresentativeFactory(partner=world.core_partner, user=world.users["partner_member"])
    poll = open_poll(world, basis="organisation")
    vote_cast(actor=world.users["partner_admin"], poll=poll, choice=["agree"])
    vote_cast(actor=world.users["partner_member"], poll=poll, choice=["disagree"])

    ballot = Ballot.objects.get()
    assert (ballot.voter_partner, ballot.choice, ballot.cast_by) == (
        world.core_partner,
        ["disagree"],
        world.users["partner_member"],
    )
    assert last_event().verb == "vote.changed"


def test_it_refuses_an_organisation_vote_from_a_plain_member(world):
    poll = open_poll(world, basis="organisation")

    with pytest.raises(PermissionDenied):
        vote_cast(actor=world.users["partner_member"], poll=poll, choice=["agree"])
    assert not Ballot.objects.exists()


def test_it_refuses_an_organisation_vote_for_a_partner_the_voter_does_not_speak_for(world):
    poll = open_poll(world, basis="organisation")

    with pytest.raises(ServiceError):
        vote_cast(
            actor=world.users["partner_admin"], poll=poll, choice=["agree"], partner=world.convener_partner
        )
    assert not Ballot.objects.exists()


def test_it_counts_the_quorum_by_people(world):
    poll = open_poll(world, electorate="everyone", quorum_by="people", quorum_percent=60)
    vote_cast(actor=world.users["participant"], poll=poll, choice=["agree"])
    vote_cast(actor=world.users["partner_member"], poll=poll, choice=["agree"])

    counted = results(poll)
    # Eligible: 1 convener member + 2 core members + 1 participant; 2 of 4 is under 60%.
    assert (counted.ballots, counted.voters_eligible, counted.participants_voted) == (2, 4, 1)
    assert not counted.quorum_met
    vote_cast(actor=world.users["partner_admin"], poll=poll, choice=["agree"])
    assert results(poll).quorum_met


def test_it_leaves_the_choice_out_of_an_anonymous_polls_events(world):
    poll = open_poll(world, anonymous=True)
    vote_cast(actor=world.users["partner_member"], poll=poll, choice=["disagree"], reason="Secret")
    vote_cast(actor=world.users["partner_member"], poll=poll, choice=["agree"])

    events = Event.objects.filter(verb__startswith="vote.")
    assert [e.payload for e in events] == [{}, {}]
    assert "disagree" not in str(list(Event.objects.values_list("payload", flat=True)))


# --- closing ---------------------------------------------------------------------------------


def test_it_refuses_votes_after_close_with_a_conflict(world):
    poll = open_poll(world)
    poll_close(actor=world.users["convener_admin"], poll=poll)
    before = snapshot()

    with pytest.raises(Conflict) as refused:
        vote_cast(actor=world.users["partner_member"], poll=poll, choice=["agree"])

    assert refused.value.status_code == 409
    assert snapshot() == before


def test_it_refuses_votes_once_the_closing_time_has_passed(world):
    poll = PollFactory(partnership=world.partnership, closes_at=timezone.now() - timedelta(seconds=1))

    with pytest.raises(Conflict):
        vote_cast(actor=world.users["partner_member"], poll=poll, choice=["agree"])
    assert not Ballot.objects.exists()


def test_it_lets_only_the_opener_or_the_conveners_admin_close_a_poll(world):
    poll = poll_open(
        actor=world.users["partner_member"],
        partnership=world.partnership,
        kind="proposal",
        title="x",
        closes_at=in_days(1),
    )
    with pytest.raises(PermissionDenied):
        poll_close(actor=world.users["partner_admin"], poll=poll)

    poll_close(actor=world.users["partner_member"], poll=poll)

    poll.refresh_from_db()
    assert (poll.status, poll.closed_at is not None) == ("closed", True)
    assert_event(
        "poll.closed",
        actor=world.users["partner_member"],
        organisation=world.core_org,
        partnership=world.partnership,
    )
    with pytest.raises(Conflict):
        poll_close(actor=world.users["convener_admin"], poll=poll)


def test_the_task_closes_every_due_poll_and_only_those(world):
    due = PollFactory(partnership=world.partnership, closes_at=timezone.now() - timedelta(minutes=1))
    later = PollFactory(partnership=world.partnership)
    elsewhere = PollFactory(partnership=PartnershipFactory(), closes_at=timezone.now() - timedelta(hours=1))

    result = poll_close_due.enqueue()

    assert result.return_value == 2
    assert [Poll.objects.get(pk=p.pk).status for p in (due, later, elsewhere)] == ["closed", "open", "closed"]
    event = Event.objects.filter(verb="poll.closed").first()
    assert (event.actor, event.payload["automatic"]) == (None, True)


def test_it_writes_the_outcome_of_a_closed_poll_into_the_decision_log(world):
    poll = open_poll(world)
    with pytest.raises(Conflict):
        poll_outcome_write(actor=world.users["convener_admin"], poll=poll, outcome="Too early")
    poll_close(actor=world.users["convener_admin"], poll=poll)
    with pytest.raises(ServiceError):
        poll_outcome_write(actor=world.users["convener_admin"], poll=poll, outcome="  ")
    assert list(decision_log(world.partnership)) == []

    poll_outcome_write(actor=world.users["convener_admin"], poll=poll, outcome="Thursdays from June.")

    assert [p.outcome for p in decision_log(world.partnership)] == ["Thursdays from June."]
    assert_event(
        "poll.outcome_written",
        actor=world.users["convener_admin"],
        organisation=world.convener_org,
        partnership=world.partnership,
    )


def test_the_database_holds_one_ballot_per_person_and_per_organisation(world):
    from django.db import IntegrityError, transaction

    poll = PollFactory(partnership=world.partnership)
    Ballot.objects.create(poll=poll, voter_user=world.users["partner_member"], choice=["agree"])
    Ballot.objects.create(poll=poll, voter_partner=world.core_partner, choice=["agree"])
    for who in ({"voter_user": world.users["partner_member"]}, {"voter_partner": world.core_partner}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Ballot.objects.create(poll=poll, choice=["disagree"], **who)
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(
            poll=poll,
            voter_user=world.users["partner_admin"],
            voter_partner=world.convener_partner,
            choice=[],
        )


def test_the_management_command_closes_due_polls(world):
    from io import StringIO

    from django.core.management import call_command

    due = PollFactory(partnership=world.partnership, closes_at=timezone.now() - timedelta(minutes=1))
    out = StringIO()

    call_command("decisions_close_due", stdout=out)

    assert Poll.objects.get(pk=due.pk).status == "closed"
    assert "Queued" in out.getvalue()
