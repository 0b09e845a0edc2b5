"""The health check pages: the rounds, opening one with a suggested date, a round
while open (only how many have answered) and once closed (the results), the survey,
the ratings, closing, the CSV; and each refusal shown with its message and a 4xx."""

import csv
import io
import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.core.factories import (
    AgreementVersionFactory,
    PartnerFactory,
    RatingFactory,
    RoundFactory,
    health_answers,
    health_response,
    health_round_closed,
)
from consortia.core.testing import error_summary, problem_message, text
from consortia.health.models import Participation, Rating, Response, Round
from consortia.health.questions import QUESTIONS

pytestmark = pytest.mark.django_db


def _url(name, world, round=None, *more):
    args = [world.partnership.uuid] + ([round.uuid] if round else []) + list(more)
    return reverse(f"health:{name}", args=args)


def _form(value="4", **overrides):
    return {q.key: overrides.get(q.key, value) for q in QUESTIONS}


def test_the_rounds_page_offers_the_convener_to_open_one(world, client_for):
    page = text(client_for("convener_admin").get(_url("rounds", world)))
    assert "Open a health check" in page and "No health check yet." in page
    assert "Open a health check" not in text(client_for("partner_admin").get(_url("rounds", world)))


def test_it_suggests_closing_four_weeks_before_the_agreements_review(world, client_for):
    review = timezone.localdate() + timedelta(days=60)
    AgreementVersionFactory(
        partnership=world.partnership,
        review_date=review,
        status="published",
        in_force_at=timezone.now(),
        meeting_rhythm="Monthly",
    )
    page = text(client_for("convener_admin").get(_url("open", world)))
    by = review - timedelta(weeks=4)
    assert f"Suggested: by {by:%-d %B %Y}, four weeks before the agreement\u2019s review" in page
    assert f'value="{by.isoformat()}"' in page
    assert "The next meeting, by the agreement\u2019s rhythm (Monthly)" in page


def test_it_suggests_three_weeks_from_today_without_an_agreement(world, client_for):
    page = text(client_for("convener_admin").get(_url("open", world)))
    assert (
        f"Suggested: by {timezone.localdate() + timedelta(weeks=3):%-d %B %Y}, three weeks from today."
        in page
    )


def test_the_convener_opens_a_round(world, client_for):
    closes = timezone.localdate() + timedelta(days=14)
    response = client_for("convener_admin").post(_url("open", world), {"closes_on": closes.isoformat()})
    round = Round.objects.get()
    assert response.status_code == 302 and response["Location"] == _url("round", world, round)
    assert round.closes_on == closes


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Enter the last day to answer"),
        ("2020-01-01", "today or later"),
        ("31/02/2027", "Enter a real date"),
    ],
    ids=["empty", "past", "not a date"],
)
def test_it_refuses_a_bad_closing_date(world, client_for, value, message):
    response = client_for("convener_admin").post(_url("open", world), {"closes_on": value})
    assert response.status_code == 400 and message in error_summary(response)
    assert not Round.objects.exists()


def test_it_refuses_a_second_open_round_with_409(world, client_for, round):
    response = client_for("convener_admin").post(
        _url("open", world), {"closes_on": (timezone.localdate() + timedelta(days=3)).isoformat()}
    )
    assert response.status_code == 409 and "already open" in error_summary(response)


def test_an_open_round_shows_only_how_many_have_answered(world, client_for, round):
    for _ in range(4):
        health_response(round, world.core_org, 1)
    page = text(client_for("partner_member").get(_url("round", world, round)))
    assert "<strong>4</strong> people have answered so far." in page
    assert "Answer the health check" in page and "factor-table" not in page
    assert "Close the health check now" not in page
    assert "Close the health check now" in text(client_for("convener_admin").get(_url("round", world, round)))


def test_a_member_answers_the_survey_and_may_not_again(world, client_for, round):
    client = client_for("partner_member")
    page = text(client.get(_url("answer", world, round)))
    assert page.count('type="radio"') == len(QUESTIONS) * 6 and "Don&#x27;t know" in page
    response = client.post(_url("answer", world, round), _form("4", trust_1="dk"))
    assert response.status_code == 302
    assert Response.objects.get().answers.get(question="trust_1").value is None
    assert "You have answered this health check" in text(client.get(_url("round", world, round)))
    again = client.get(_url("answer", world, round))
    assert again.status_code == 409 and "already answered" in problem_message(again)
    twice = client.post(_url("answer", world, round), _form("2"))
    assert twice.status_code == 409 and "already answered" in error_summary(twice)
    assert Response.objects.count() == 1 and Participation.objects.count() == 1


@pytest.mark.parametrize("bad", ["0", "6", "x", ""], ids=["0", "6", "text", "missing"])
def test_it_refuses_an_answer_out_of_range(world, client_for, round, bad):
    response = client_for("participant").post(_url("answer", world, round), _form("3", trust_2=bad))
    assert response.status_code == 400 and "Choose" in error_summary(response)
    assert not Response.objects.exists() and not Participation.objects.exists()


def test_it_refuses_an_answer_to_a_closed_round(world, client_for, round):
    health_round_closed(round)
    client = client_for("partner_member")
    assert client.get(_url("answer", world, round)).status_code == 409
    response = client.post(_url("answer", world, round), _form("3"))
    assert response.status_code == 409 and "has closed" in error_summary(response)
    assert not Response.objects.exists()


def test_a_representative_rates_a_partner_and_a_colleague_sees_it(world, client_for, round):
    client = client_for("partner_admin")
    page = text(client.get(_url("ratings", world, round)))
    assert "For Core Org" in page and "Convener Org" in page and "Not rated" in page
    rate = _url("rate", world, round, world.core_partner.uuid, world.convener_partner.uuid)
    assert "another representative of Core Org may change it" in text(client.get(rate))
    values = {
        "reliable": "4",
        "mission": "4",
        "openness": "3",
        "influence": "2",
        "involvement": "2",
        "resources": "1",
    }
    assert client.post(rate, values).status_code == 302
    assert "Rated: trust 3.7, value 1.7" in text(client.get(_url("ratings", world, round)))
    assert re.search(r'name="reliable" value="4"[^>]*checked', text(client.get(rate)))


def test_it_refuses_rating_ones_own_organisation_and_for_another(world, client_for, round):
    values = {k: "3" for k in ("reliable", "mission", "openness", "influence", "involvement", "resources")}
    client = client_for("partner_admin")
    own = client.post(_url("rate", world, round, world.core_partner.uuid, world.core_partner.uuid), values)
    assert own.status_code == 400 and "cannot rate itself" in error_summary(own)
    other = client.post(
        _url("rate", world, round, world.convener_partner.uuid, world.observer_partner.uuid), values
    )
    assert other.status_code == 404  # rating for a partner one does not speak for: as if it were not there
    bad = client.post(
        _url("rate", world, round, world.core_partner.uuid, world.convener_partner.uuid),
        {**values, "mission": "5"},
    )
    assert bad.status_code == 400 and "from 1 to 4" in error_summary(bad)
    assert not Rating.objects.exists()


def test_the_convener_closes_the_round_and_sees_the_results(world, client_for, round, person):
    for _ in range(3):
        health_response(round, world.core_org, 5, trust_1=3, trust_2=3, trust_3=3)
    for _ in range(3):
        health_response(round, world.convener_org, 4, trust_1=3, trust_2=4, trust_3=3)
    client = client_for("convener_admin")
    response = client.post(_url("close", world, round))
    assert response.status_code == 302
    page = text(client.get(_url("round", world, round)))
    assert "Health check results" in page and "6 people answered." in page
    assert 'id="factor-trust"' in page and "Borderline: worth discussing" in page
    assert "Strength" in page and "Core Org: 5.0" in page and "Convener Org: 4.0" in page
    assert client.post(_url("close", world, round)).status_code == 409


def test_the_results_show_the_network_measures_and_the_trend(world, client_for, round):
    earlier = RoundFactory(
        partnership=world.partnership, status="closed", closed_at=timezone.now() - timedelta(days=60)
    )
    for _ in range(3):
        health_response(earlier, world.core_org, 2)
    for _ in range(3):
        health_response(round, world.core_org, 4)
    fourth = PartnerFactory(partnership=world.partnership, role="core")
    for rater in (world.core_partner, world.observer_partner, fourth):
        RatingFactory(round=round, rater=rater, rated=world.convener_partner)
    health_round_closed(round)
    page = text(client_for("observer").get(_url("round", world, round)))
    assert "Up 2.0 (was 2.0)" in page
    assert "Network density: <strong>0.50</strong>" in page
    assert "Degree centralisation: <strong>1.00</strong>" in page
    assert "too few ratings" in page and "3.0" in page
    # As PARTNER reports them: each mean also as a share of the highest possible, 4.
    assert "3.0 <span" in page and "(75%)" in page
    # From the results to what to do about them, and to the whole network.
    assert reverse("radar:radar", args=[world.partnership.uuid]) in page
    assert reverse("activity:network", args=[world.partnership.uuid]) in page


def test_the_export_is_a_csv_of_the_results(world, client_for, round):
    for _ in range(3):
        health_response(round, world.core_org, 5)
    health_round_closed(round)
    response = client_for("participant").get(_url("export", world, round))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["section", "factor", "name", "score"]
    assert ["factor", "trust", "Trust", "5.00", "strength", "3", "1", "", ""] in rows
    assert ["organisation mean", "trust", "Core Org", "5.00", "", "", "", "", ""] in rows


def test_the_export_waits_for_the_round_to_close(world, client_for, round):
    assert client_for("convener_admin").get(_url("export", world, round)).status_code == 409


def test_the_partnerships_round_list_shows_each_round(world, client_for, round):
    health_response(round, world.core_org, 4)
    page = text(client_for("observer").get(_url("rounds", world)))
    assert f"Open until {round.closes_on:%-d %B %Y}" in page and "Go to the open health check" in page
    assert date.today().strftime("%Y") in page
    assert health_answers  # the factories the tests share


def test_it_suggests_closing_a_week_before_the_next_meeting_of_the_rhythm(world, client_for):
    AgreementVersionFactory(
        partnership=world.partnership,
        status="published",
        in_force_at=timezone.now(),
        meeting_rhythm="Monthly",
    )
    page = text(client_for("convener_admin").get(_url("open", world)))
    assert "a week before the next meeting, to discuss the results there." in page


def test_a_review_too_close_falls_back_to_the_meeting_rhythm(world, client_for):
    review = timezone.localdate() + timedelta(days=10)
    AgreementVersionFactory(
        partnership=world.partnership,
        status="published",
        in_force_at=timezone.now(),
        meeting_rhythm="Every 6 weeks",
        review_date=review,
    )
    page = text(client_for("convener_admin").get(_url("open", world)))
    assert f"The agreement\u2019s review is due on {review:%-d %B %Y}." in page
    assert "a week before the next meeting" in page


def test_a_representative_withdraws_a_rating(world, client_for, round):
    RatingFactory(round=round, rater=world.core_partner, rated=world.convener_partner)
    client = client_for("partner_admin")
    rate = _url("rate", world, round, world.core_partner.uuid, world.convener_partner.uuid)
    assert "Withdraw the rating" in text(client.get(rate))
    response = client.post(_url("unrate", world, round, world.core_partner.uuid, world.convener_partner.uuid))
    assert response.status_code == 302 and not Rating.objects.exists()
    assert "Withdraw the rating" not in text(client.get(rate))
