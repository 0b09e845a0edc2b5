"""Voice balance: which organisations, and which kinds of organisation, proposed,
took part and objected, so that an imbalance between partners is visible."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.core.testing import text
from consortia.decisions.selectors import voice_balance
from consortia.decisions.services import poll_open, vote_cast

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
    assert [(v.name, v.proposed, v.took_part, v.objected) for v in lines] == [
        ("Convener Org", 2, 1, 0),
        ("Core Org", 1, 3, 2),  # the anonymous objection is not counted
    ]
    assert [(v.name, v.partners, v.proposed, v.took_part, v.objected) for v in by_kind] == [
        ("Local authority", 1, 1, 3, 2),
        ("Registered charity", 1, 2, 1, 0),
    ]


def test_it_shows_the_voice_balance_on_the_decisions_page(world, client_for):
    opened(world, "convener_admin")

    page = text(client_for("observer").get(reverse("decisions:list", args=[world.partnership.uuid])))

    assert "Voice balance" in page
    assert "Each kind of organisation" in page
