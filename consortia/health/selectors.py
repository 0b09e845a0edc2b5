"""What the health check shows. `factor_scores_latest` and `reported_network` are
the contract the radar and the activity network read.

Anonymity: no number is shown for fewer than MIN_RESPONDENTS people (or rating
partners). A factor with fewer respondents has no score; an organisation's own mean
is shown only when it has that many respondents *and* the respondents of the groups
not shown number none or that many too (else its mean and the overall score would
give away the rest's answers); the spread between organisations needs two
organisations shown. While a round is open only the number who have answered is shown.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q
from django.utils import timezone

from consortia.accounts.models import User
from consortia.agreements.selectors import agreement_in_force
from consortia.meetings.selectors import suggested_next
from consortia.partnerships.models import Partner, Partnership
from consortia.partnerships.rules import active_partners, partners_of_user, speaks_for

from .measures import org_balanced_mean
from .models import Answer, Rating, Round
from .network import Network, Node, Tie
from .questions import FACTOR_OF_QUESTION, FACTORS

# The anonymity threshold: no breakdown for fewer respondents (or raters) than this.
MIN_RESPONDENTS = 3
# Bands of a factor's score (1-5): at or above STRENGTH a strength, at or above
# BORDERLINE worth discussing, below it a concern.
STRENGTH, BORDERLINE = 4.0, 3.0
INDIVIDUALS = "Individual participants"
# How long before the agreement's review a health check should close, so its results
# can inform the review.
BEFORE_REVIEW = datetime.timedelta(weeks=4)
DEFAULT_LENGTH = datetime.timedelta(weeks=3)


@dataclass(frozen=True)
class FactorScore:
    """One factor of a closed health check round, scored organisation-balanced.

    `band` is "strength" (4.0-5.0), "borderline" (3.0-3.9), "concern" (below 3.0), or
    "" when `score` is None (fewer respondents than the threshold, or only "don't
    know"; then `organisations` and `respondents` are 0 too, as even the count would
    tell who said "don't know"). `spread` is the range between the highest and lowest
    organisation means (None under the threshold). `previous` is the same factor's
    score in the round before, for the trend."""

    key: str
    label: str
    score: float | None
    band: str
    spread: float | None
    organisations: int
    respondents: int
    previous: float | None = None
    # The organisations' own means that may be shown: (label, mean), highest first.
    by_organisation: tuple[tuple[str, float], ...] = ()


def band_of(score: float | None) -> str:
    """The band a score (rounded to one decimal, as shown) falls in; "" for None."""
    if score is None:
        return ""
    shown = round(score, 1)
    if shown >= STRENGTH:
        return "strength"
    return "borderline" if shown >= BORDERLINE else "concern"


BAND_TEXT = {
    "strength": "Strength",
    "borderline": "Borderline: worth discussing",
    "concern": "Concern",
    "": "",
}


def _rows(round_ids: Iterable[int]) -> dict[int, list[tuple[object, int | None, str, int]]]:
    """Every known answer (not "don't know") of the rounds, one query: round -> rows of
    (response, organisation id or None, question, value)."""
    found: dict[int, list[tuple[object, int | None, str, int]]] = defaultdict(list)
    rows = Answer.objects.filter(response__round_id__in=list(round_ids), value__isnull=False).values_list(
        "response__round_id", "response_id", "response__organisation_id", "question", "value"
    )
    for round_id, response_id, org_id, question, value in rows:
        found[round_id].append((response_id, org_id, question, int(value or 0)))
    return found


def _score(
    rows: list[tuple[object, int | None, str, int]], labels: dict[int | None, str]
) -> dict[str, FactorScore]:
    """Each factor's score from one round's answers, in one pass."""
    answers: dict[str, list[tuple[int | None, int]]] = defaultdict(list)
    people: dict[str, dict[int | None, set[object]]] = defaultdict(lambda: defaultdict(set))
    for response_id, org_id, question, value in rows:
        factor_key = FACTOR_OF_QUESTION.get(question)
        if factor_key is None:  # a retired question
            continue
        answers[factor_key].append((org_id, value))
        people[factor_key][org_id].add(response_id)
    scores: dict[str, FactorScore] = {}
    for factor in FACTORS:
        groups = people[factor.key]
        respondents = sum(len(g) for g in groups.values())
        if respondents < MIN_RESPONDENTS:  # not even how many: that would tell who said "don't know"
            scores[factor.key] = FactorScore(factor.key, factor.label, None, "", None, 0, 0)
            continue
        score = org_balanced_mean(answers[factor.key])
        shown = {org for org, g in groups.items() if len(g) >= MIN_RESPONDENTS}
        rest = sum(len(g) for org, g in groups.items() if org not in shown)
        if 0 < rest < MIN_RESPONDENTS:
            shown = set()  # showing the others would give away the few's answers
        means: dict[int | None, list[int]] = defaultdict(list)
        for org, value in answers[factor.key]:
            if org in shown:
                means[org].append(value)
        by_org = sorted(
            (
                (labels.get(org, "An organisation that has left"), sum(vs) / len(vs))
                for org, vs in means.items()
            ),
            key=lambda pair: (-pair[1], pair[0]),
        )
        spread = by_org[0][1] - by_org[-1][1] if len(by_org) >= 2 else None
        scores[factor.key] = FactorScore(
            factor.key,
            factor.label,
            score,
            band_of(score),
            spread,
            len(groups),
            respondents,
            None,
            tuple(by_org),
        )
    return scores


def _labels(partnership: Partnership) -> dict[int | None, str]:
    """Each answering group's name: the partners' organisations (loaded for the
    permission checks already) and the individual participants."""
    labels: dict[int | None, str] = {
        p.organisation_id: p.organisation.name for p in active_partners(partnership)
    }
    labels[None] = INDIVIDUALS
    return labels


def _closed_rounds(partnership: Partnership, *, upto: Round | None = None, count: int = 2) -> list[Round]:
    rounds = Round.objects.filter(partnership=partnership, status=Round.Status.CLOSED)
    if upto is not None:
        rounds = rounds.filter(Q(closed_at__lt=upto.closed_at) | Q(closed_at=upto.closed_at, id__lte=upto.pk))
    return list(rounds.order_by("-closed_at", "-id")[:count])


def factor_scores(round: Round) -> list[FactorScore]:
    """The factor scores of a closed round with the previous closed round's for the
    trend, in the factors' order (three queries); [] while the round is open."""
    if round.status != Round.Status.CLOSED:
        return []
    rounds = _closed_rounds(round.partnership, upto=round)
    before = [r for r in rounds if r.pk != round.pk][:1]
    rows = _rows([round.pk, *(r.pk for r in before)])
    labels = _labels(round.partnership)
    now = _score(rows[round.pk], labels)
    then = _score(rows[before[0].pk], labels) if before else {}
    return [replace(now[f.key], previous=then[f.key].score if f.key in then else None) for f in FACTORS]


def factor_scores_latest(*, partnership: Partnership) -> list[FactorScore]:
    """The factor scores of `partnership`'s latest closed round, in the factors'
    order; [] when no round has closed. A few queries, whatever the number of answers."""
    latest = _closed_rounds(partnership, count=1)
    if not latest:
        return []
    latest[0].partnership = partnership
    return factor_scores(latest[0])


@dataclass(frozen=True)
class PartnerStanding:
    """A partner's received ratings: trust and value are None under the threshold."""

    label: str
    raters: int
    trust: float | None
    value: float | None
    rated: int = 0


@dataclass(frozen=True)
class RatingsSummary:
    standings: tuple[PartnerStanding, ...]
    network: Network
    ratings: int = 0


def _ratings(round: Round) -> list[Rating]:
    return list(round.ratings.select_related("rater__organisation", "rated__organisation").order_by("id"))


def _network_of(round: Round, ratings: list[Rating]) -> tuple[Network, list[PartnerStanding]]:
    partners: dict[int, Partner] = {p.pk: p for p in active_partners(round.partnership)}
    for rating in ratings:  # a partner that has left since still shows in its round
        partners.setdefault(rating.rater_id, rating.rater)
        partners.setdefault(rating.rated_id, rating.rated)
    received: dict[int, list[Rating]] = defaultdict(list)
    given: dict[int, int] = defaultdict(int)
    weights: dict[frozenset[int], int] = defaultdict(int)
    for rating in ratings:
        received[rating.rated_id].append(rating)
        given[rating.rater_id] += 1
        weights[frozenset((rating.rater_id, rating.rated_id))] += 1
    nodes: list[Node] = []
    standings: list[PartnerStanding] = []
    for partner in sorted(partners.values(), key=lambda p: (p.organisation.name, p.pk)):
        got = received[partner.pk]
        raters = len({r.rater_id for r in got})
        enough = raters >= MIN_RESPONDENTS
        trust = sum(r.trust for r in got) / len(got) if enough else None
        value = sum(r.value for r in got) / len(got) if enough else None
        nodes.append(Node(str(partner.organisation.uuid), partner.organisation.name, trust, value))
        standings.append(PartnerStanding(partner.organisation.name, raters, trust, value, given[partner.pk]))
    ties = [
        Tie(str(partners[a].organisation.uuid), str(partners[b].organisation.uuid), float(w))
        for a, b, w in sorted((min(pair), max(pair), w) for pair, w in weights.items())
    ]
    closed = round.closed_at or timezone.now()
    caption = f"Reported in the health check closed on {timezone.localtime(closed):%-d %B %Y}"
    return Network(tuple(nodes), tuple(ties), caption=caption), standings


def ratings_summary(round: Round) -> RatingsSummary:
    """Each partner's received trust and value and the reported network of `round`
    (one query beyond the partners already loaded)."""
    ratings = _ratings(round)
    network, standings = _network_of(round, ratings)
    return RatingsSummary(tuple(standings), network, len(ratings))


def reported_network(*, partnership: Partnership) -> Network | None:
    """Who said they worked with whom in the latest closed round, with each partner's
    received trust and value; None when no round has closed."""
    latest = _closed_rounds(partnership, count=1)
    if not latest:
        return None
    latest[0].partnership = partnership
    return ratings_summary(latest[0]).network


# --- the pages -------------------------------------------------------------------------------


@dataclass
class RoundLine:
    round: Round
    answered: int


def round_list(partnership: Partnership) -> list[RoundLine]:
    """The partnership's rounds, newest first, each with how many have answered (one query)."""
    rounds = Round.objects.filter(partnership=partnership).annotate(answered=Count("participations"))
    lines = []
    for round in rounds.order_by("-created_at", "-id"):
        round.partnership = partnership
        lines.append(RoundLine(round, round.answered))
    return lines


def answered_count(round: Round) -> int:
    """How many have answered `round` (one query): all an open round shows."""
    return round.participations.count()


def has_answered(round: Round, user_id: int) -> bool:
    """Whether the user has answered `round` (one query; what they answered is not known)."""
    return round.participations.filter(user_id=user_id).exists()


@dataclass
class Suggestion:
    """When the next round might close, and why."""

    closes_on: datetime.date
    reason: str
    extra: list[str] = field(default_factory=list)


def _day(day: datetime.date) -> str:
    return f"{day:%-d %B %Y}"


def suggested_close(partnership: Partnership) -> Suggestion:
    """A closing date for a new round: four weeks before the agreement's review when
    one is set and far enough off; else before the next meeting the rhythm gives (so
    the results can be discussed there); else three weeks from today."""
    today = timezone.localdate()
    version = agreement_in_force(partnership)
    extra: list[str] = []
    meeting = suggested_next(partnership)
    if meeting is not None:
        meeting_day = timezone.localtime(meeting.starts_at).date()
        extra.append(
            f"The next meeting, by the agreement\u2019s rhythm ({meeting.rhythm}), falls on {_day(meeting_day)}."
        )
    review = version.review_date if version is not None else None
    if review is not None:
        by = review - BEFORE_REVIEW
        if today + datetime.timedelta(weeks=1) <= by <= today + datetime.timedelta(days=92):
            return Suggestion(
                by,
                f"Suggested: by {_day(by)}, four weeks before the agreement\u2019s review on {_day(review)}.",
                extra,
            )
        extra.append(f"The agreement\u2019s review is due on {_day(review)}.")
    if meeting is not None:
        by = timezone.localtime(meeting.starts_at).date() - datetime.timedelta(days=7)
        if by >= today + datetime.timedelta(weeks=1):
            return Suggestion(
                by,
                f"Suggested: by {_day(by)}, a week before the next meeting, to discuss the results there.",
                extra[1:],
            )
    by = today + DEFAULT_LENGTH
    return Suggestion(by, f"Suggested: by {_day(by)}, three weeks from today.", extra)


@dataclass(frozen=True)
class FactorLine:
    """A factor's score as the results page and the export show it."""

    score: FactorScore
    band_text: str
    # The bar's length in the chart (0-100, the score's share of the scale's top).
    bar: int
    change: float | None

    @property
    def trend(self) -> str:
        if self.change is None:
            return ""
        if abs(self.change) < 0.05:
            return "no change"
        return f"up {self.change:.1f}" if self.change > 0 else f"down {-self.change:.1f}"


@dataclass(frozen=True)
class ResultsPage:
    factors: tuple[FactorLine, ...]
    respondents: int
    ratings: RatingsSummary
    threshold: int = MIN_RESPONDENTS

    @property
    def any_score(self) -> bool:
        return any(line.score.score is not None for line in self.factors)

    @property
    def has_previous(self) -> bool:
        return any(line.score.previous is not None for line in self.factors)


def _line(score: FactorScore) -> FactorLine:
    change = None
    if score.score is not None and score.previous is not None:
        change = round(score.score, 1) - round(score.previous, 1)
    bar = round(100 * score.score / 5) if score.score is not None else 0
    return FactorLine(score, BAND_TEXT[score.band], bar, change)


def results_page(round: Round) -> ResultsPage:
    """A closed round's results (a fixed number of queries, whatever the answers)."""
    respondents = round.responses.count()
    shown = respondents if respondents >= MIN_RESPONDENTS else 0
    return ResultsPage(tuple(_line(s) for s in factor_scores(round)), shown, ratings_summary(round))


EXPORT_HEADER = [
    "section",
    "factor",
    "name",
    "score",
    "band",
    "respondents",
    "organisations",
    "spread",
    "previous score",
]


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def export_rows(round: Round) -> list[list[object]]:
    """The closed round's results as rows under EXPORT_HEADER: each factor, the
    organisation means that may be shown, and each partner's received trust and
    value. Nothing under the threshold: no score, no count."""
    rows: list[list[object]] = []
    scores = factor_scores(round)
    for s in scores:
        shown = s.score is not None
        rows.append(
            [
                "factor",
                s.key,
                s.label,
                _number(s.score),
                s.band,
                s.respondents if shown else f"fewer than {MIN_RESPONDENTS}",
                s.organisations if shown else "",
                _number(s.spread),
                _number(s.previous),
            ]
        )
    for s in scores:
        for label, mean in s.by_organisation:
            rows.append(["organisation mean", s.key, label, _number(mean), "", "", "", "", ""])
    for standing in ratings_summary(round).standings:
        rows.append(["partner trust", "", standing.label, _number(standing.trust), "", "", "", "", ""])
        rows.append(["partner value", "", standing.label, _number(standing.value), "", "", "", "", ""])
    return rows


@dataclass(frozen=True)
class RatingLine:
    rated: Partner
    rating: Rating | None


@dataclass(frozen=True)
class RaterBlock:
    rater: Partner
    lines: tuple[RatingLine, ...]


def my_ratings(round: Round, user: User | AnonymousUser) -> list[RaterBlock]:
    """For each partner the user speaks for, every other active partner with the
    rating saved for it in this round (one query beyond the partners loaded)."""
    mine = [p for p in partners_of_user(user, round.partnership) if speaks_for(user, p)]
    saved = {
        (r.rater_id, r.rated_id): r for r in round.ratings.filter(rater__in=mine).select_related("changed_by")
    }
    others = sorted(active_partners(round.partnership), key=lambda p: p.organisation.name)
    return [
        RaterBlock(
            rater,
            tuple(
                RatingLine(p, saved.get((rater.pk, p.pk)))
                for p in others
                if p.pk != rater.pk and p.organisation_id != rater.organisation_id
            ),
        )
        for rater in mine
    ]
