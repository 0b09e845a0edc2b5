"""Races, proved with real threads on real connections: the same person sending their
answers twice at once (two tabs) gives one answer and one refusal; two conveners
opening a round at once give one round; two representatives of one partner saving
its rating of another at once leave one rating."""

import pytest
from django.utils import timezone

from consortia.accounts.models import User
from consortia.core.factories import MembershipFactory, RepresentativeFactory, RoundFactory, health_answers
from consortia.core.testing import one_success_one_conflict, run_at_once
from consortia.health import services
from consortia.health.models import Participation, Rating, Response, Round
from consortia.partnerships.models import Partner, Partnership

pytestmark = pytest.mark.django_db(transaction=True)


def answering(round_pk: int, user_pk: int):
    def prepare():
        round = Round.objects.select_related("partnership").get(pk=round_pk)
        user = User.objects.get(pk=user_pk)
        return lambda: services.response_submit(actor=user, round=round, answers=health_answers(4))

    return prepare


def opening(partnership_pk: int, user_pk: int):
    def prepare():
        partnership = Partnership.objects.get(pk=partnership_pk)
        user = User.objects.get(pk=user_pk)
        return lambda: services.round_open(
            actor=user, partnership=partnership, closes_on=timezone.localdate()
        )

    return prepare


def rating(round_pk: int, user_pk: int, rater_pk: int, rated_pk: int, value: int):
    def prepare():
        round = Round.objects.select_related("partnership").get(pk=round_pk)
        user = User.objects.get(pk=user_pk)
        rater, rated = Partner.objects.get(pk=rater_pk), Partner.objects.get(pk=rated_pk)
        values = dict.fromkeys(
            ("reliable", "mission", "openness", "influence", "involvement", "resources"), value
        )
        return lambda: services.rating_save(actor=user, round=round, rater=rater, rated=rated, values=values)

    return prepare


def test_the_same_person_answering_twice_at_once_answers_once(world):
    round = RoundFactory(partnership=world.partnership)
    member = world.users["partner_member"]

    results = run_at_once(answering(round.pk, member.pk), answering(round.pk, member.pk))

    one_success_one_conflict(results)
    assert Participation.objects.filter(round=round).count() == 1
    assert Response.objects.filter(round=round).count() == 1


def test_two_conveners_opening_at_once_open_one_round(world):
    second = MembershipFactory(organisation=world.convener_org, role="admin").user

    results = run_at_once(
        opening(world.partnership.pk, world.users["convener_admin"].pk),
        opening(world.partnership.pk, second.pk),
    )

    one_success_one_conflict(results)
    assert Round.objects.filter(partnership=world.partnership, status="open").count() == 1


def test_two_representatives_rating_at_once_leave_one_rating(world):
    round = RoundFactory(partnership=world.partnership)
    colleague = MembershipFactory(organisation=world.core_org).user
    RepresentativeFactory(partner=world.core_partner, user=colleague)
    pair = (world.core_partner.pk, world.convener_partner.pk)

    results = run_at_once(
        rating(round.pk, world.users["partner_admin"].pk, *pair, 2), rating(round.pk, colleague.pk, *pair, 4)
    )

    assert not [r for r in results if isinstance(r, BaseException)], results
    assert Rating.objects.filter(round=round).count() == 1
    assert Rating.objects.get(round=round).reliable in (2, 4)
