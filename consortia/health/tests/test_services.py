"""Opening, closing and answering a health check, and rating partners: what each
service writes, and every refusal (a clear message, a 4xx, nothing written)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from consortia.core.errors import Conflict, ServiceError
from consortia.core.factories import (
    PartnerFactory,
    PartnershipFactory,
    RatingFactory,
    RepresentativeFactory,
    RoundFactory,
    health_answers,
    health_round_closed,
)
from consortia.core.models import Event
from consortia.core.testing import snapshot
from consortia.health import services
from consortia.health.models import Answer, Participation, Rating, Response, Round

pytestmark = pytest.mark.django_db

RATED = {"reliable": 4, "mission": 3, "openness": 2, "influence": 4, "involvement": 3, "resources": 1}


def _today():
    return timezone.localdate()


# --- opening and closing -----------------------------------------------------------------------


def test_it_opens_a_round_for_the_convener_with_an_event(world):
    convener = world.users["convener_admin"]
    round = services.round_open(
        actor=convener, partnership=world.partnership, closes_on=_today() + timedelta(days=10)
    )
    assert round.is_open and round.opened_by == convener
    event = Event.objects.get(verb="health.round_opened")
    assert event.object_uuid == round.uuid and event.organisation == world.convener_org


@pytest.mark.parametrize(
    "persona", ["partner_admin", "partner_member", "observer", "participant", "outsider"]
)
def test_it_lets_only_the_convener_open_a_round(world, persona):
    with pytest.raises(PermissionDenied):
        services.round_open(actor=world.users[persona], partnership=world.partnership, closes_on=_today())
    assert not Round.objects.exists()


def test_it_refuses_a_second_open_round(world, round):
    with pytest.raises(Conflict, match="already open"):
        services.round_open(
            actor=world.users["convener_admin"],
            partnership=world.partnership,
            closes_on=_today() + timedelta(days=3),
        )
    assert Round.objects.count() == 1


def test_the_database_holds_one_open_round_per_partnership(world, round):
    with pytest.raises(IntegrityError), transaction.atomic():
        RoundFactory(partnership=world.partnership)
    health_round_closed(round)
    RoundFactory(partnership=world.partnership)  # once the first has closed


@pytest.mark.parametrize(
    ("days", "message"), [(-1, "today or later"), (200, "within three months")], ids=["past", "too far"]
)
def test_it_refuses_a_closing_date_out_of_range(world, days, message):
    with pytest.raises(ServiceError, match=message) as refused:
        services.round_open(
            actor=world.users["convener_admin"],
            partnership=world.partnership,
            closes_on=_today() + timedelta(days=days),
        )
    assert refused.value.field == "closes_on" and not Round.objects.exists()


def test_it_refuses_to_open_a_round_in_a_closed_partnership(world):
    world.partnership.status = "closed"
    world.partnership.save()
    with pytest.raises(Conflict):
        services.round_open(
            actor=world.users["convener_admin"], partnership=world.partnership, closes_on=_today()
        )


def test_it_closes_a_round_for_the_convener_once(world, round):
    services.round_close(actor=world.users["convener_admin"], round=round)
    round.refresh_from_db()
    assert round.status == "closed" and round.closed_at is not None
    assert Event.objects.get(verb="health.round_closed").payload == {"automatic": False}
    with pytest.raises(Conflict, match="already closed"):
        services.round_close(actor=world.users["convener_admin"], round=round)


def test_it_lets_only_the_convener_close_a_round(world, round):
    with pytest.raises(PermissionDenied):
        services.round_close(actor=world.users["partner_admin"], round=round)
    round.refresh_from_db()
    assert round.is_open


def test_the_daily_job_closes_rounds_past_their_closing_date_once(world, round):
    due = RoundFactory(closes_on=_today() - timedelta(days=1))
    today = RoundFactory(closes_on=_today())
    assert services.rounds_close_due.call() == 1
    assert services.rounds_close_due.call() == 0
    due.refresh_from_db(), today.refresh_from_db(), round.refresh_from_db()
    assert due.status == "closed" and today.is_open and round.is_open
    event = Event.objects.get(verb="health.round_closed")
    assert event.actor is None and event.payload == {"automatic": True}


# --- answering -----------------------------------------------------------------------------------


def test_it_records_a_members_answers_apart_from_who_gave_them(world, round):
    member = world.users["partner_member"]
    services.response_submit(actor=member, round=round, answers=health_answers(4, trust_1=2, trust_2=None))
    assert Participation.objects.get().user == member
    response = Response.objects.get()
    assert response.organisation == world.core_org and response.answered_on == _today()
    # The response names no one and keeps no time of day.
    assert {f.name for f in Response._meta.get_fields()} == {
        "id",
        "round",
        "organisation",
        "answered_on",
        "answers",
    }
    assert {f.name for f in Answer._meta.get_fields()} == {"id", "response", "question", "value"}
    answers = dict(response.answers.values_list("question", "value"))
    assert answers["trust_1"] == 2 and answers["trust_2"] is None and answers["vision_1"] == 4
    event = Event.objects.get(verb="health.round_answered")
    assert event.payload == {} and event.actor == member


def test_it_groups_an_individual_participants_answers_under_no_organisation(world, round):
    services.response_submit(actor=world.users["participant"], round=round, answers=health_answers(3))
    assert Response.objects.get().organisation is None


def test_it_counts_a_member_of_several_partners_for_the_highest_role(world, round):
    from consortia.core.factories import MembershipFactory

    both = MembershipFactory(organisation=world.observer_org).user
    MembershipFactory(organisation=world.convener_org, user=both)
    services.response_submit(actor=both, round=round, answers=health_answers(3))
    assert Response.objects.get().organisation == world.convener_org


@pytest.mark.parametrize(
    "persona", ["convener_admin", "partner_admin", "partner_member", "observer", "participant"]
)
def test_it_lets_every_member_and_participant_answer(world, round, persona):
    services.response_submit(actor=world.users[persona], round=round, answers=health_answers(3))
    assert Participation.objects.filter(user=world.users[persona]).exists()


@pytest.mark.parametrize("persona", ["outsider", "site_admin"])
def test_it_refuses_answers_from_outside_the_partnership(world, round, persona):
    with pytest.raises(PermissionDenied):
        services.response_submit(actor=world.users[persona], round=round, answers=health_answers(3))
    assert not Response.objects.exists()


def test_it_refuses_a_second_answer_writing_nothing(world, round):
    member = world.users["partner_member"]
    services.response_submit(actor=member, round=round, answers=health_answers(3))
    before = snapshot()
    with pytest.raises(Conflict, match="already answered") as refused:
        services.response_submit(actor=member, round=round, answers=health_answers(5))
    assert refused.value.status_code == 409
    assert snapshot() == before and Response.objects.count() == 1


def test_the_database_refuses_a_second_participation(world, round):
    Participation.objects.create(round=round, user=world.users["observer"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.create(round=round, user=world.users["observer"])


@pytest.mark.parametrize("how", ["closed", "past its closing date"])
def test_it_refuses_answers_to_a_closed_round(world, round, how):
    if how == "closed":
        health_round_closed(round)
    else:
        Round.objects.filter(pk=round.pk).update(closes_on=_today() - timedelta(days=1))
        round.refresh_from_db()
    with pytest.raises(Conflict, match="has closed") as refused:
        services.response_submit(actor=world.users["partner_member"], round=round, answers=health_answers(3))
    assert refused.value.status_code == 409
    assert not Participation.objects.exists() and not Response.objects.exists()


@pytest.mark.parametrize(
    "bad",
    [
        {"trust_1": 0},
        {"trust_1": 6},
        {"trust_1": -1},
        {"trust_1": "5"},
        {"trust_1": 2.5},
        {"trust_1": True},
    ],
    ids=["zero", "six", "negative", "text", "fraction", "boolean"],
)
def test_it_refuses_answers_out_of_range_writing_nothing(world, round, bad):
    with pytest.raises(ServiceError, match="from 1 to 5") as refused:
        services.response_submit(
            actor=world.users["partner_member"], round=round, answers=health_answers(3, **bad)
        )
    assert refused.value.status_code == 400 and refused.value.field == "trust_1"
    assert not Participation.objects.exists() and not Answer.objects.exists()


def test_it_refuses_a_missing_or_unknown_question(world, round):
    missing = health_answers(3)
    del missing["learning_3"]
    with pytest.raises(ServiceError, match="Answer every statement"):
        services.response_submit(actor=world.users["partner_member"], round=round, answers=missing)
    with pytest.raises(ServiceError, match="does not ask"):
        services.response_submit(
            actor=world.users["partner_member"], round=round, answers={**health_answers(3), "made_up": 3}
        )
    assert not Participation.objects.exists()


def test_the_database_refuses_an_answer_out_of_range(world, round):
    response = Response.objects.create(round=round, answered_on=_today())
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(response=response, question="trust_1", value=6)


# --- rating partners -------------------------------------------------------------------------------


def test_it_saves_a_partners_rating_of_another(world, round):
    rating = services.rating_save(
        actor=world.users["partner_admin"],
        round=round,
        rater=world.core_partner,
        rated=world.convener_partner,
        values=RATED,
    )
    assert rating.trust == pytest.approx(3.0) and rating.value == pytest.approx(8 / 3)
    event = Event.objects.get(verb="health.rating_saved")
    assert event.organisation == world.core_org
    assert event.payload == {
        "rater": world.core_partner.pk,
        "rated": world.convener_partner.pk,
        "changed": False,
    }


def test_another_representative_of_the_same_partner_changes_its_rating(world, round, person):
    services.rating_save(
        actor=world.users["partner_admin"],
        round=round,
        rater=world.core_partner,
        rated=world.convener_partner,
        values=RATED,
    )
    colleague = person(world.core_partner)
    RepresentativeFactory(partner=world.core_partner, user=colleague)
    services.rating_save(
        actor=colleague,
        round=round,
        rater=world.core_partner,
        rated=world.convener_partner,
        values={**RATED, "reliable": 1},
    )
    rating = Rating.objects.get()
    assert rating.reliable == 1 and rating.changed_by == colleague


def test_it_refuses_a_rating_of_ones_own_organisation(world, round):
    with pytest.raises(ServiceError, match="cannot rate itself") as refused:
        services.rating_save(
            actor=world.users["partner_admin"],
            round=round,
            rater=world.core_partner,
            rated=world.core_partner,
            values=RATED,
        )
    assert refused.value.status_code == 400 and not Rating.objects.exists()


def test_the_database_refuses_a_self_rating_and_a_second_rating(world, round):
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(round=round, rater=world.core_partner, rated=world.core_partner, **RATED)
    Rating.objects.create(round=round, rater=world.core_partner, rated=world.convener_partner, **RATED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(round=round, rater=world.core_partner, rated=world.convener_partner, **RATED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(
            round=round, rater=world.convener_partner, rated=world.core_partner, **{**RATED, "influence": 5}
        )


@pytest.mark.parametrize("persona", ["partner_member", "convener_admin", "observer", "participant"])
def test_it_refuses_a_rating_for_an_organisation_one_does_not_represent(world, round, persona):
    with pytest.raises(ServiceError, match="organisation you represent") as refused:
        services.rating_save(
            actor=world.users[persona],
            round=round,
            rater=world.core_partner,
            rated=world.convener_partner,
            values=RATED,
        )
    assert refused.value.status_code == 403 and not Rating.objects.exists()


def test_it_refuses_to_rate_a_partner_of_another_partnership(world, round):
    elsewhere = PartnerFactory(partnership=PartnershipFactory())
    with pytest.raises(ServiceError, match="partner of this partnership"):
        services.rating_save(
            actor=world.users["partner_admin"],
            round=round,
            rater=world.core_partner,
            rated=elsewhere,
            values=RATED,
        )
    assert not Rating.objects.exists()


@pytest.mark.parametrize(
    "bad",
    [{"reliable": 0}, {"resources": 5}, {"mission": "3"}, {"openness": None}],
    ids=["0", "5", "text", "none"],
)
def test_it_refuses_ratings_out_of_range(world, round, bad):
    with pytest.raises(ServiceError, match="from 1 to 4"):
        services.rating_save(
            actor=world.users["partner_admin"],
            round=round,
            rater=world.core_partner,
            rated=world.convener_partner,
            values={**RATED, **bad},
        )
    assert not Rating.objects.exists()


def test_it_refuses_a_rating_in_a_closed_round(world, round):
    health_round_closed(round)
    with pytest.raises(Conflict, match="has closed"):
        services.rating_save(
            actor=world.users["partner_admin"],
            round=round,
            rater=world.core_partner,
            rated=world.convener_partner,
            values=RATED,
        )
    assert not Rating.objects.exists()


def test_a_representative_withdraws_a_rating_while_the_round_is_open(world, round):
    rating = RatingFactory(round=round, rater=world.core_partner, rated=world.convener_partner)
    with pytest.raises(ServiceError, match="organisation you represent"):
        services.rating_remove(actor=world.users["convener_admin"], rating=rating)
    services.rating_remove(actor=world.users["partner_admin"], rating=rating)
    assert not Rating.objects.exists()
    assert Event.objects.get(verb="health.rating_removed").payload == {
        "rater": world.core_partner.pk,
        "rated": world.convener_partner.pk,
    }


def test_it_keeps_a_closed_rounds_ratings(world, round):
    rating = RatingFactory(round=round, rater=world.core_partner, rated=world.convener_partner)
    health_round_closed(round)
    with pytest.raises(Conflict, match="has closed"):
        services.rating_remove(actor=world.users["partner_admin"], rating=rating)
    assert Rating.objects.exists()


def test_it_takes_no_answers_or_ratings_once_the_partnership_has_closed(world, round):
    world.partnership.status = "closed"
    world.partnership.save()
    round.partnership = world.partnership
    with pytest.raises(Conflict, match="has closed, so nobody can answer"):
        services.response_submit(actor=world.users["partner_member"], round=round, answers=health_answers(3))
    with pytest.raises(Conflict, match="has closed, so nobody can rate"):
        services.rating_save(
            actor=world.users["partner_admin"],
            round=round,
            rater=world.core_partner,
            rated=world.convener_partner,
            values=RATED,
        )
    assert not Response.objects.exists() and not Rating.objects.exists()
