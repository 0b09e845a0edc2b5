"""Voice balance: which organisations, and which kinds of organisation, proposed,
took part and objected, so that an imbalance between partners is visible."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from consortia.core.testing import text
from consortia.decisions.selectors import (
    poll_ballots,
    poll_options,
    poll_results,
    poll_voice_balance,
    voice_balance,
)
from consortia.decisions.services import poll_close, poll_open, vote_cast

pytestmark = pytest.mark.django_db


def opened(world, persona: str, **kwargs):
    return poll_open(
        actor=world.users[persona],
        partnership=world.partnership,
        title="Decide",
        closes_at=timezone.now() + timedelta(days=1),
        **{"kind": "consent", **kwargs},
    )


def test_it_counts_who_proposed_took_part_and_objected(world):
    world.core_org.kind = "local_authority"
    world.core_org.save()
    first = opened(world, "convener_admin")
    second = opened(world, "convener_admin", basis="organisation")
    secret = opened(world, "partner_member", anonymous=True)
    vote_cast(actor=world.users["partner_member"], poll=first, choice=["objection"], reason="Too soon")
    vote_cast(actor=world.users["convener_admin"], poll=first, choice=["consent"])
    vote_cast(actor=world.users["partner_admin"], poll=second, choice=["objection"], reason="Costs")
    vote_cast(actor=world.users["partner_admin"], poll=secret, choice=["objection"], reason="Hidden")

    lines, by_kind, polls = voice_balance(world.partnership)

    assert polls == 3
    assert [v.partner_id for v in lines] == [world.convener_partner.pk, world.core_partner.pk]
    assert {v.partner_id for v in by_kind} == {None}
    assert [(v.name, v.proposed, v.took_part, v.objected) for v in lines] == [
        ("Convener Org", 2, 1, 0),
        ("Core Org", 1, 3, 2),  # the anonymous objection is not counted
    ]
    assert [(v.name, v.partners, v.proposed, v.took_part, v.objected) for v in by_kind] == [
        ("Local authority", 1, 1, 3, 2),
        ("Registered charity", 1, 2, 1, 0),
    ]


def test_it_counts_a_block_in_gradients_of_agreement_as_an_objection_as_each_poll_does(world):
    gradients = opened(world, "convener_admin", kind="gradients")
    vote_cast(actor=world.users["partner_member"], poll=gradients, choice=["block"], reason="Unsafe")

    lines, _, _ = voice_balance(world.partnership)

    assert [(v.name, v.objected) for v in lines] == [("Convener Org", 0), ("Core Org", 1)]
    assert [(name, objected) for name, *_, objected in poll_voices(gradients)[0]] == [
        ("Convener Org", 0),
        ("Core Org", 1),
    ]


def test_it_shows_the_voice_balance_on_the_decisions_page(world, client_for):
    opened(world, "convener_admin")

    page = text(client_for("observer").get(reverse("decisions:list", args=[world.partnership.uuid])))

    assert "Voice balance" in page
    assert "Each kind of organisation" in page


# --- one poll ------------------------------------------------------------------------------------


def poll_voices(poll):
    options = poll_options(poll)
    ballots = poll_ballots(poll)
    results = poll_results(poll, options, ballots)
    lines, by_kind = poll_voice_balance(poll, results, ballots)
    return _rows(lines), _rows(by_kind)


def _rows(voices) -> list[tuple]:
    return [(v.name, v.partners, v.proposed, v.took_part, v.objected) for v in voices]


def core_is_a_local_authority(world):
    world.core_org.kind = "local_authority"
    world.core_org.save()


def test_a_polls_voice_balance_names_the_proposer_who_took_part_and_who_objected(world):
    core_is_a_local_authority(world)
    poll = opened(world, "partner_member")
    vote_cast(actor=world.users["partner_member"], poll=poll, choice=["objection"], reason="Too soon")
    vote_cast(actor=world.users["partner_admin"], poll=poll, choice=["objection"], reason="Costs")

    lines, by_kind = poll_voices(poll)

    # (name, partners, proposed, took part, objected): the Core Org's two members objected.
    assert lines == [("Convener Org", 1, 0, 0, 0), ("Core Org", 1, 1, 1, 2)]
    convener_kind = world.convener_org.get_kind_display()
    assert sorted(by_kind) == sorted([(convener_kind, 1, 0, 0, 0), ("Local authority", 1, 1, 1, 2)])


def test_a_polls_voice_balance_counts_an_organisations_own_objection_once(world):
    poll = opened(world, "convener_admin", basis="organisation")
    vote_cast(actor=world.users["partner_admin"], poll=poll, choice=["objection"], reason="Costs")
    vote_cast(actor=world.users["convener_admin"], poll=poll, choice=["consent"])

    lines, _ = poll_voices(poll)

    assert lines == [("Convener Org", 1, 1, 1, 0), ("Core Org", 1, 0, 1, 1)]


@pytest.mark.parametrize("closed", [False, True])
def test_an_anonymous_polls_voice_balance_shows_no_objection_by_organisation(world, closed):
    poll = opened(world, "convener_admin", anonymous=True)
    vote_cast(actor=world.users["partner_admin"], poll=poll, choice=["objection"], reason="Hidden")
    if closed:
        poll_close(actor=world.users["convener_admin"], poll=poll)
        poll.refresh_from_db()

    lines, by_kind = poll_voices(poll)

    assert lines == [("Convener Org", 1, 1, 0, None), ("Core Org", 1, 0, 1, None)]
    assert all(line[4] is None for line in by_kind)


def test_a_poll_with_hidden_results_shows_objections_only_once_it_closes(world):
    poll = opened(world, "convener_admin", results_hidden=True)
    vote_cast(actor=world.users["partner_admin"], poll=poll, choice=["objection"], reason="Costs")
    assert poll_voices(poll)[0][1] == ("Core Org", 1, 0, 1, None)

    poll_close(actor=world.users["convener_admin"], poll=poll)
    poll.refresh_from_db()

    assert poll_voices(poll)[0][1] == ("Core Org", 1, 0, 1, 1)


def test_the_poll_page_shows_its_voice_balance(world, client_for):
    core_is_a_local_authority(world)
    poll = opened(world, "partner_member", anonymous=True)
    vote_cast(actor=world.users["partner_admin"], poll=poll, choice=["objection"], reason="Hidden")

    response = client_for("convener_admin").get(
        reverse("decisions:detail", args=[world.partnership.uuid, poll.uuid])
    )

    page = " ".join(strip_tags(text(response)).split())
    assert "The poll is anonymous, so objections are not shown by organisation." in page
    assert "Each organisation in this poll" in page
    assert "Core Org 1 1 Not shown" in page
    assert "Local authority 1 1 1 Not shown" in page
