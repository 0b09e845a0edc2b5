"""Voting weighted by the agreement: a poll on the weighted basis copies the votes
the agreement in force gives each partner, counts each organisation's ballot that
many times, and keeps its weights when the agreement changes. And the link to the
discussion, shown on the poll and in the decision log."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.agreements.models import AgreementVersion, AgreementWeight
from consortia.core.errors import ServiceError
from consortia.core.factories import AgreementVersionFactory, ParticipantFactory
from consortia.core.testing import inline_error, snapshot, text
from consortia.decisions.models import PartnerWeight, Poll
from consortia.decisions.selectors import poll_ballots, poll_options, poll_results
from consortia.decisions.services import poll_close, poll_open, poll_outcome_write, vote_cast

pytestmark = pytest.mark.django_db


def in_days(n: int):
    return timezone.now() + timedelta(days=n)


def agreement_in_force(world, *, votes: dict | None = None, number: int = 1) -> AgreementVersion:
    """A version in force stating `votes` ({partner: votes}); None: one vote each."""
    now = timezone.now()
    AgreementVersion.objects.filter(partnership=world.partnership, status="published").update(
        status="superseded"
    )
    version = AgreementVersionFactory(
        partnership=world.partnership,
        number=number,
        weighting="stated" if votes is not None else "equal",
        weighting_reason="In proportion to what each pays into the pooled budget." if votes else "",
    )
    for partner, n in (votes or {}).items():
        AgreementWeight.objects.create(version=version, partner=partner, votes=n)
    AgreementVersion.objects.filter(pk=version.pk).update(
        status="published", published_at=now, in_force_at=now
    )
    version.refresh_from_db()
    return version


def open_weighted(world, **kwargs) -> Poll:
    kwargs = {"kind": "proposal", "title": "Fund the Saturday clinic", "closes_at": in_days(7), **kwargs}
    return poll_open(
        actor=world.users["convener_admin"], partnership=world.partnership, basis="weighted", **kwargs
    )


def visible(response) -> str:
    """The page's words, without tags, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", text(response)).split())


def results(poll):
    return poll_results(poll, poll_options(poll), poll_ballots(poll))


def vote_as_org(world, poll, persona: str, partner, choice, reason=""):
    return vote_cast(actor=world.users[persona], poll=poll, choice=choice, reason=reason, partner=partner)


# --- opening --------------------------------------------------------------------------------------


def test_a_weighted_poll_copies_the_agreements_weights_for_every_eligible_partner(world):
    version = agreement_in_force(world, votes={world.convener_partner: 3})

    poll = open_weighted(world)

    assert poll.weights_from == version
    assert dict(poll.weights.values_list("partner", "weight")) == {
        world.convener_partner.pk: 3,
        world.core_partner.pk: 1,  # not named in the agreement: one vote
    }
    # Observers never vote, so they get no weight.
    assert not PartnerWeight.objects.filter(partner=world.observer_partner).exists()


@pytest.mark.parametrize(
    ("setup", "field", "message"),
    [
        (lambda world: None, "basis", "No agreement is in force yet"),
        (lambda world: agreement_in_force(world), "basis", "gives every partner organisation one vote"),
    ],
    ids=["no agreement", "equal weights"],
)
def test_a_weighted_poll_needs_an_agreement_in_force_that_states_weights(world, setup, field, message):
    setup(world)
    before = snapshot()

    with pytest.raises(ServiceError) as refused:
        open_weighted(world)

    assert refused.value.field == field and message in refused.value.message
    assert refused.value.status_code == 400
    assert snapshot() == before


def test_a_weighted_poll_cannot_be_anonymous(world):
    agreement_in_force(world, votes={world.convener_partner: 3})
    before = snapshot()

    with pytest.raises(ServiceError) as refused:
        open_weighted(world, anonymous=True)

    assert refused.value.field == "anonymous"
    assert snapshot() == before


def test_an_open_poll_keeps_its_weights_when_a_new_agreement_comes_into_force(world):
    agreement_in_force(world, votes={world.convener_partner: 3})
    poll = open_weighted(world)
    agreement_in_force(world, votes={world.core_partner: 5}, number=2)
    vote_as_org(world, poll, "convener_admin", world.convener_partner, ["agree"])
    vote_as_org(world, poll, "partner_admin", world.core_partner, ["disagree"])

    counted = results(poll)

    totals = {line.option.key: line.count for line in counted.options}
    assert totals == {"agree": 3, "abstain": 0, "disagree": 1}
    assert poll.weights_from.number == 1


# --- counting ---------------------------------------------------------------------------------------


def test_each_organisations_ballot_counts_its_weight(world):
    agreement_in_force(world, votes={world.convener_partner: 3})
    poll = open_weighted(world)
    vote_as_org(world, poll, "convener_admin", world.convener_partner, ["disagree"])
    vote_as_org(world, poll, "partner_admin", world.core_partner, ["agree"])

    counted = results(poll)

    lines = {line.option.key: (line.count, line.percent) for line in counted.options}
    assert lines == {"agree": (1, 25), "abstain": (0, 0), "disagree": (3, 75)}
    assert [o.key for o in counted.leading] == ["disagree"]
    assert (counted.ballots, counted.counted) == (2, 4)
    assert {line.partner.pk: (line.weight, line.voted) for line in counted.turnout} == {
        world.convener_partner.pk: (3, 1),
        world.core_partner.pk: (1, 1),
    }


def test_the_same_ballots_one_vote_each_would_tie(world):
    """The control for the test above: without weights the two ballots tie."""
    poll = poll_open(
        actor=world.users["convener_admin"],
        partnership=world.partnership,
        kind="proposal",
        title="Fund the Saturday clinic",
        closes_at=in_days(7),
        basis="organisation",
    )
    vote_as_org(world, poll, "convener_admin", world.convener_partner, ["disagree"])
    vote_as_org(world, poll, "partner_admin", world.core_partner, ["agree"])

    assert {o.key for o in results(poll).leading} == {"agree", "disagree"}


def test_a_ranked_weighted_poll_counts_each_ranking_as_its_weight_in_identical_ballots(world):
    agreement_in_force(world, votes={world.convener_partner: 2})
    poll = open_weighted(world, kind="ranked", options=["Eastbridge", "Westford", "Northgate"])
    vote_as_org(world, poll, "convener_admin", world.convener_partner, ["o2", "o1", "o3"])
    vote_as_org(world, poll, "partner_admin", world.core_partner, ["o1", "o3", "o2"])

    counted = results(poll)

    # Westford has 2 of 3 first preferences: a majority in the first round.
    assert [o.key for o in counted.leading] == ["o2"]
    first = dict((o.key, n) for o, n in counted.runoff[0].tallies)
    assert first == {"o1": 1, "o2": 2, "o3": 0}
    assert [o.key for o in counted.condorcet] == ["o2"]
    westford = next(row for row in counted.pairwise if row.option.key == "o2")
    assert {b.key: n for b, n, _ in westford.cells if n is not None} == {"o1": 2, "o3": 2}


def test_a_weighted_score_poll_multiplies_scores_and_averages_over_the_weights(world):
    agreement_in_force(world, votes={world.convener_partner: 3})
    poll = open_weighted(world, kind="score", options=["Eastbridge", "Westford"])
    vote_as_org(world, poll, "convener_admin", world.convener_partner, {"o1": 10, "o2": 0})
    vote_as_org(world, poll, "partner_admin", world.core_partner, {"o1": 2, "o2": 10})

    counted = results(poll)

    lines = {line.option.key: (line.total, line.average) for line in counted.options}
    assert lines == {"o1": (32, 8.0), "o2": (10, 2.5)}


def test_an_individual_participants_ballot_counts_one(world):
    agreement_in_force(world, votes={world.convener_partner: 3})
    poll = open_weighted(world, electorate="everyone")
    vote_as_org(world, poll, "convener_admin", world.convener_partner, ["agree"])
    vote_cast(actor=world.users["participant"], poll=poll, choice=["disagree"])

    counted = results(poll)

    assert {line.option.key: line.count for line in counted.options} == {
        "agree": 3,
        "abstain": 0,
        "disagree": 1,
    }


def test_in_a_weighted_poll_only_an_organisations_admin_or_representative_votes(world, client_for):
    agreement_in_force(world, votes={world.convener_partner: 3})
    poll = open_weighted(world)
    url = reverse("decisions:vote", args=[world.partnership.uuid, poll.uuid])

    response = client_for("partner_member").post(url, {"choice": "agree"})

    assert response.status_code == 404
    assert not poll.ballots.exists()


# --- the pages ----------------------------------------------------------------------------------------


def test_the_poll_page_shows_each_organisations_weight_and_the_agreement_that_set_it(world, client_for):
    version = agreement_in_force(world, votes={world.convener_partner: 3})
    poll = open_weighted(world)
    vote_as_org(world, poll, "convener_admin", world.convener_partner, ["agree"])

    response = client_for("observer").get(
        reverse("decisions:detail", args=[world.partnership.uuid, poll.uuid])
    )

    page = visible(response)
    assert "weighted as the agreement in force states (the weights of agreement version 1" in page
    assert reverse("agreements:version", args=[world.partnership.uuid, version.uuid]) in response.text
    assert "1 vote, worth 3 weighted votes" in page
    assert "Votes it counts for" in page


def test_the_form_offers_the_weighted_basis_and_explains_a_refusal(world, client_for):
    url = reverse("decisions:create", args=[world.partnership.uuid])
    data = {
        "title": "Fund the Saturday clinic",
        "kind": "proposal",
        "electorate": "partners",
        "basis": "weighted",
        "quorum_by": "organisations",
        "closes_at": timezone.localtime(in_days(3)).strftime("%Y-%m-%dT%H:%M"),
    }

    response = client_for("convener_admin").post(url, data)

    assert response.status_code == 400
    assert "No agreement is in force yet" in inline_error(response, "basis")
    assert not Poll.objects.exists()


# --- the link to the discussion -----------------------------------------------------------------------


def test_the_discussion_link_shows_on_the_poll_and_in_the_decision_log(world, client_for):
    poll = poll_open(
        actor=world.users["convener_admin"],
        partnership=world.partnership,
        kind="proposal",
        title="Fund the Saturday clinic",
        closes_at=in_days(7),
        discussion_url="https://notes.example.org/march-meeting",
    )
    poll_close(actor=world.users["convener_admin"], poll=poll)
    poll_outcome_write(actor=world.users["convener_admin"], poll=poll, outcome="Agreed for a year.")
    client = client_for("observer")

    detail = client.get(reverse("decisions:detail", args=[world.partnership.uuid, poll.uuid]))
    log = client.get(reverse("decisions:list", args=[world.partnership.uuid]))

    assert 'href="https://notes.example.org/march-meeting"' in detail.text
    assert 'href="https://notes.example.org/march-meeting"' in log.text
    assert "The discussion of Fund the Saturday clinic" in visible(log)


def test_the_outcome_can_add_the_discussion_link_and_a_bad_link_is_refused(world, client_for):
    poll = poll_open(
        actor=world.users["convener_admin"],
        partnership=world.partnership,
        kind="proposal",
        title="Fund the Saturday clinic",
        closes_at=in_days(7),
    )
    poll_close(actor=world.users["convener_admin"], poll=poll)
    url = reverse("decisions:outcome", args=[world.partnership.uuid, poll.uuid])
    client = client_for("convener_admin")

    refused = client.post(url, {"outcome": "Agreed.", "discussion_url": "not a link"})
    poll.refresh_from_db()
    assert refused.status_code == 400
    assert "Enter the link as a web address" in inline_error(refused, "discussion_url")
    assert poll.outcome == ""

    done = client.post(url, {"outcome": "Agreed.", "discussion_url": "notes.example.org/march"})
    poll.refresh_from_db()
    assert done.status_code == 302
    assert (poll.outcome, poll.discussion_url) == ("Agreed.", "https://notes.example.org/march")


def test_a_participant_in_a_weighted_poll_has_no_weight_row(world):
    ParticipantFactory(partnership=world.partnership)
    agreement_in_force(world, votes={world.convener_partner: 3})

    poll = open_weighted(world, electorate="everyone")

    assert poll.weights.count() == 2  # the convener and Core Org; participants vote as themselves


def test_the_poll_and_the_decision_log_say_which_rule_of_the_agreement_applied(world, client_for):
    AgreementVersionFactory(
        partnership=world.partnership,
        status="published",
        published_at=timezone.now(),
        in_force_at=timezone.now(),
        decision_rule="majority_orgs",
    )
    poll = poll_open(
        actor=world.users["convener_admin"],
        partnership=world.partnership,
        kind="proposal",
        title="Fund the Saturday clinic",
        closes_at=in_days(7),
    )
    poll_close(actor=world.users["convener_admin"], poll=poll)
    poll_outcome_write(actor=world.users["convener_admin"], poll=poll, outcome="Agreed for a year.")
    client = client_for("observer")

    detail = visible(client.get(reverse("decisions:detail", args=[world.partnership.uuid, poll.uuid])))
    log = visible(client.get(reverse("decisions:list", args=[world.partnership.uuid])))

    assert "The agreement's rule Majority of partner organisations (one vote each)" in detail
    assert "the agreement's rule: majority of partner organisations (one vote each)" in log
