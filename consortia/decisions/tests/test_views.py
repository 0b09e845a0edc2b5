"""The decisions pages through HTTP: opening a poll, voting with the form (and its
refusals: 4xx, a GOV.UK error, nothing written), results, anonymity, and the
journey from a consent proposal to the decision log."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.core.factories import BallotFactory, PollFactory
from consortia.core.testing import error_summary, inline_error, snapshot, text
from consortia.decisions.models import Ballot, Poll
from consortia.decisions.services import poll_close, vote_cast

pytestmark = pytest.mark.django_db


def url(name: str, poll) -> str:
    return reverse(f"decisions:{name}", args=[poll.partnership.uuid, poll.uuid])


def closes() -> str:
    return timezone.localtime(timezone.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")


def test_it_opens_a_score_poll_from_the_form(world, client_for):
    response = client_for("partner_member").post(
        reverse("decisions:create", args=[world.partnership.uuid]),
        {
            "title": "Which venue?",
            "kind": "score",
            "options": "Eastbridge hall\r\nWestford library\r\n",
            "electorate": "everyone",
            "basis": "person",
            "quorum_by": "people",
            "quorum_percent": "40",
            "closes_at": closes(),
        },
    )

    poll = Poll.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("detail", poll)
    assert (poll.kind, poll.quorum_percent, [o.label for o in poll.options.all()]) == (
        "score",
        40,
        ["Eastbridge hall", "Westford library"],
    )


def test_it_explains_a_refused_poll_on_the_form(world, client_for):
    response = client_for("convener_admin").post(
        reverse("decisions:create", args=[world.partnership.uuid]),
        {
            "title": "",
            "kind": "poll",
            "options": "One",
            "electorate": "partners",
            "basis": "person",
            "quorum_by": "people",
            "closes_at": closes(),
        },
    )

    assert response.status_code == 400
    assert "Enter a title" in error_summary(response)
    assert not Poll.objects.exists()


def test_it_refuses_an_out_of_range_score_with_a_message_and_writes_nothing(world, client_for):
    poll = PollFactory(partnership=world.partnership, kind="score", option_labels=["Eastbridge", "Westford"])
    client = client_for("partner_member")
    before = snapshot()

    response = client.post(url("vote", poll), {"score_o1": "11", "score_o2": "3"})

    assert response.status_code == 400
    assert inline_error(response, "score_o1").strip().endswith("Give Eastbridge a score of 10 or less")
    assert snapshot() == before


def test_it_refuses_an_objection_without_a_reason(world, client_for):
    poll = PollFactory(partnership=world.partnership, kind="consent")
    client = client_for("partner_member")
    before = snapshot()

    response = client.post(url("vote", poll), {"choice": "objection", "reason": ""})

    assert response.status_code == 400
    assert "an objection needs a reason" in inline_error(response, "reason")
    assert snapshot() == before


def test_it_refuses_a_vote_after_close_with_409(world, client_for):
    poll = PollFactory(partnership=world.partnership, status="closed", closed_at=timezone.now())
    client = client_for("partner_member")
    before = snapshot()

    response = client.post(url("vote", poll), {"choice": "agree"})

    assert response.status_code == 409
    assert "This poll has closed" in error_summary(response)
    assert snapshot() == before


def test_it_shows_the_voter_their_vote_and_lets_them_change_it(world, client_for):
    poll = PollFactory(partnership=world.partnership)
    client = client_for("partner_member")
    client.post(url("vote", poll), {"choice": "agree", "reason": "Good for carers"})

    page = text(client.get(url("detail", poll)))
    assert "You voted: <strong>Agree</strong>" in page
    assert "Change your vote" in page

    client.post(url("vote", poll), {"choice": "disagree"})
    assert Ballot.objects.get().choice == ["disagree"]


def test_it_hides_results_until_close_when_asked(world, client_for):
    poll = PollFactory(partnership=world.partnership, results_hidden=True)
    BallotFactory(poll=poll, voter_user=world.users["partner_admin"], choice=["disagree"])
    client = client_for("observer")

    assert "The results are hidden until the poll closes" in text(client.get(url("detail", poll)))
    poll_close(actor=world.users["convener_admin"], poll=poll)  # its event refreshes the cached page
    assert "Votes per option" in text(client.get(url("detail", poll)))


def test_it_never_shows_how_an_anonymous_ballot_was_cast(world, client_for):
    poll = PollFactory(
        partnership=world.partnership, anonymous=True, created_by=world.users["convener_admin"]
    )
    vote_cast(actor=world.users["partner_admin"], poll=poll, choice=["disagree"], reason="Secret reason")
    client = client_for("convener_admin")

    for state in ("open", "closed"):
        page = text(client.get(url("detail", poll)))
        assert "How each voted" not in page, state
        assert "Secret reason" not in page, state
        assert "1 vote." in page, state
        if poll.is_open:
            poll_close(actor=world.users["convener_admin"], poll=poll)


def test_it_shows_how_each_voted_in_an_open_poll(world, client_for):
    poll = PollFactory(partnership=world.partnership)
    BallotFactory(poll=poll, voter_user=world.users["partner_admin"], choice=["disagree"], reason="Too far")

    page = text(client_for("observer").get(url("detail", poll)))

    assert "<strong>Pat Partner</strong>: Disagree" in page
    assert "Too far" in page


def test_it_links_decisions_from_the_partnership_page(world, client_for):
    page = text(client_for("observer").get(reverse("partnerships:detail", args=[world.partnership.uuid])))

    assert reverse("decisions:list", args=[world.partnership.uuid]) in page


def test_a_consent_proposal_goes_from_votes_to_the_decision_log(world, client_for):
    """The issue's journey: the convener opens a one-organisation-one-vote consent
    proposal, two partners' representatives vote, one objects with a reason, the
    convener closes it and writes the outcome, and it appears in the decision log."""
    convener, core = client_for("convener_admin"), client_for("partner_admin")
    convener.post(
        reverse("decisions:create", args=[world.partnership.uuid]),
        {
            "title": "Open on Saturdays",
            "kind": "consent",
            "electorate": "partners",
            "basis": "organisation",
            "quorum_by": "organisations",
            "closes_at": closes(),
        },
    )
    poll = Poll.objects.get()

    assert convener.post(url("vote", poll), {"choice": "consent"}).status_code == 302
    assert (
        core.post(
            url("vote", poll), {"choice": "objection", "reason": "No volunteers on Saturdays"}
        ).status_code
        == 302
    )
    page = text(convener.get(url("detail", poll)))
    assert "<strong>Core Org</strong>: Objection" in page
    assert "No volunteers on Saturdays" in page

    assert convener.post(url("close", poll)).status_code == 302
    response = convener.post(
        url("outcome", poll), {"outcome": "Not agreed: we will recruit volunteers first."}
    )
    assert response.status_code == 302

    log = text(core.get(reverse("decisions:list", args=[world.partnership.uuid])))
    assert "Not agreed: we will recruit volunteers first." in log
    assert "One vote per partner organisation" in log
