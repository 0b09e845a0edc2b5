"""Proof that no page, export or selector lets an individual's answer be inferred.

Under the threshold (fewer than three respondents in a round, or to a factor),
changing one person's answers changes no byte of the results page or of the CSV
export, and no field the radar reads. An organisation with one or two respondents is
never shown on its own, nor when its answers could be worked out from the overall
score and the others shown. While a round is open only the count is shown.
"""

import re
from collections import Counter

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consortia.core.factories import RoundFactory, health_response
from consortia.health.models import Answer
from consortia.health.questions import FACTORS, QUESTIONS
from consortia.health.selectors import MIN_RESPONDENTS, export_rows, factor_scores, factor_scores_latest

pytestmark = pytest.mark.django_db

EXAMPLES = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
answer = st.one_of(st.none(), st.integers(min_value=1, max_value=5))
answer_sets = st.fixed_dictionaries({q.key: answer for q in QUESTIONS})
group = st.sampled_from(["convener", "core", "observer", None])


def _closed_round(world):
    return RoundFactory(partnership=world.partnership, status="closed", closed_at=timezone.now())


def _org(world, key):
    return {
        "convener": world.convener_org,
        "core": world.core_org,
        "observer": world.observer_org,
        None: None,
    }[key]


def _respond(round, organisation, answers):
    return health_response(round, organisation, **{"value": 3, **answers})


def _set_answers(response, answers):
    for key, value in answers.items():
        Answer.objects.filter(response=response, question=key).update(value=value)


def _page(client, world, round):
    """The results page and the export, with what differs between any two requests
    (the form token, the page's nonce) taken out."""
    body = client.get(reverse("health:round", args=[world.partnership.uuid, round.uuid])).content.decode()
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
    body = re.sub(r'nonce="[^"]+"', "", body)
    body = re.sub(r'"X-CSRFToken": "[^"]+"', "", body)
    export = client.get(reverse("health:export", args=[world.partnership.uuid, round.uuid])).content
    return body, export


@pytest.fixture
def viewer(client_for):
    return client_for("observer")


def test_a_page_reads_the_same_twice(world, viewer):
    round = _closed_round(world)
    assert _page(viewer, world, round) == _page(viewer, world, round)


@EXAMPLES
@given(
    others=st.lists(st.tuples(group, answer_sets), max_size=MIN_RESPONDENTS - 2),
    mine=st.tuples(group, answer_sets, answer_sets),
)
def test_under_three_respondents_one_persons_answers_change_nothing_shown(world, viewer, others, mine):
    round = _closed_round(world)
    for key, answers in others:
        _respond(round, _org(world, key), answers)
    key, before, after = mine
    response = _respond(round, _org(world, key), before)
    shown, scores = _page(viewer, world, round), factor_scores(round)
    _set_answers(response, after)
    assert _page(viewer, world, round) == shown
    assert factor_scores(round) == scores
    assert all(s.score is None and s.respondents == 0 and s.by_organisation == () for s in scores)


@EXAMPLES
@given(
    factor=st.sampled_from(FACTORS),
    crowd=st.integers(min_value=MIN_RESPONDENTS, max_value=6),
    few=st.lists(st.tuples(group, st.integers(1, 5)), min_size=0, max_size=MIN_RESPONDENTS - 2),
    mine=st.tuples(group, st.integers(1, 5), st.integers(1, 5)),
)
def test_a_factor_under_three_respondents_hides_one_persons_answers(world, viewer, factor, crowd, few, mine):
    """Enough people answered the round, but most said "don't know" to one factor:
    the few who did not are not shown, whatever they said."""
    round = _closed_round(world)
    unknown = {q.key: None for q in factor.questions}
    for i in range(crowd):
        _respond(round, _org(world, ["core", "convener", None][i % 3]), unknown)
    for key, value in few:
        _respond(round, _org(world, key), {q.key: value for q in factor.questions})
    key, before, after = mine
    response = _respond(round, _org(world, key), {q.key: before for q in factor.questions})
    shown = _page(viewer, world, round)
    _set_answers(response, {q.key: after for q in factor.questions})
    assert _page(viewer, world, round) == shown
    hidden = next(s for s in factor_scores(round) if s.key == factor.key)
    assert (hidden.score, hidden.respondents, hidden.spread, hidden.by_organisation) == (None, 0, None, ())


@EXAMPLES
@given(
    groups=st.lists(group, min_size=0, max_size=14),
    values=st.lists(st.integers(1, 5), min_size=14, max_size=14),
)
def test_an_organisation_with_one_or_two_respondents_is_never_shown_on_its_own(world, groups, values):
    round = _closed_round(world)
    for key, value in zip(groups, values, strict=False):
        _respond(round, _org(world, key), {q.key: value for q in QUESTIONS})
    sizes = Counter(_org(world, key).name if key else "Individual participants" for key in groups)
    for score in factor_scores(round):
        shown = {label for label, _ in score.by_organisation}
        assert all(sizes[label] >= MIN_RESPONDENTS for label in shown)
        rest = sum(n for label, n in sizes.items() if label not in shown)
        assert not shown or rest == 0 or rest >= MIN_RESPONDENTS
        assert (score.spread is not None) == (len(shown) >= 2)
    exported = {row[2] for row in export_rows(round) if row[0] == "organisation mean"}
    assert all(sizes[label] >= MIN_RESPONDENTS for label in exported)


def test_an_open_round_shows_only_how_many_answered(world, viewer):
    round = RoundFactory(partnership=world.partnership)
    for value in (1, 5, 5, 2):
        _respond(round, world.core_org, {q.key: value for q in QUESTIONS})
    page = viewer.get(reverse("health:round", args=[world.partnership.uuid, round.uuid])).content.decode()
    assert "<strong>4</strong> people have answered" in page and "Core Org" not in page
    assert factor_scores_latest(partnership=world.partnership) == []
    assert viewer.get(reverse("health:export", args=[world.partnership.uuid, round.uuid])).status_code == 409


def test_no_answer_reaches_the_event_log(world, client_for):
    from consortia.core.models import Event

    round = RoundFactory(partnership=world.partnership)
    form = {q.key: "5" for q in QUESTIONS} | {"trust_1": "1"}
    client_for("partner_member").post(
        reverse("health:answer", args=[world.partnership.uuid, round.uuid]), form
    )
    event = Event.objects.get(verb="health.round_answered")
    assert event.payload == {} and "trust" not in event.object_repr
