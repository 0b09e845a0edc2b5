"""The demo partnership's health check: two closed rounds, the latest answered by
enough people to pass the threshold, trust borderline (worth discussing) and the rest
mostly strengths, with trends, organisations' own means, and relationship ratings."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from consortia.health.models import Round
from consortia.health.selectors import factor_scores_latest, reported_network
from consortia.partnerships.models import Partnership

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_finished_health_check_with_trust_on_watch(client):
    call_command("demo")

    partnership = Partnership.objects.get(name="Dementia Carers Advice Northshire")
    assert Round.objects.filter(partnership=partnership, status="closed").count() == 2
    scores = {s.key: s for s in factor_scores_latest(partnership=partnership)}
    assert scores["trust"].band == "borderline"
    assert scores["trust"].previous is not None and scores["trust"].previous > scores["trust"].score
    strengths = [s for s in scores.values() if s.band == "strength"]
    assert len(strengths) >= 8 and all(s.respondents >= 3 for s in scores.values())
    # The partners disagree on trust: the carers' centre agrees, the council does not.
    assert [label for label, _ in scores["trust"].by_organisation] == [
        "Northshire Carers Centre",
        "Northshire County Council",
    ]
    assert scores["trust"].spread > 1.5

    network = reported_network(partnership=partnership)
    rated = [n for n in network.nodes if n.trust is not None]
    assert len(rated) == 4 and network.density > 0.5

    latest = Round.objects.filter(partnership=partnership).order_by("-closed_at").first()
    client.force_login(partnership.created_by)
    page = client.get(reverse("health:round", args=[partnership.uuid, latest.uuid])).content.decode()
    assert "Borderline: worth discussing" in page and "10 people answered." in page
    assert "too few ratings" in page
