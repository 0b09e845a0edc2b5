"""What the health check shows. The two functions below are the contract the radar
and the activity network read; their bodies come with the health check (issue 12)."""

from dataclasses import dataclass

from consortia.partnerships.models import Partnership

from .network import Network


@dataclass(frozen=True)
class FactorScore:
    """One factor of a closed health check round, scored organisation-balanced.

    `band` is "strength" (4.0-5.0), "borderline" (3.0-3.9), "concern" (below 3.0), or
    "" when `score` is None (fewer respondents than the threshold, or only "don't
    know"). `spread` is the range between the highest and lowest organisation means
    (None under the threshold). `previous` is the same factor's score in the round
    before, for the trend."""

    key: str
    label: str
    score: float | None
    band: str
    spread: float | None
    organisations: int
    respondents: int
    previous: float | None = None


def factor_scores_latest(*, partnership: Partnership) -> list[FactorScore]:
    """The factor scores of `partnership`'s latest closed round, in the factors'
    order; [] when no round has closed. A few queries, whatever the number of answers."""
    return []


def reported_network(*, partnership: Partnership) -> Network | None:
    """Who said they worked with whom in the latest closed round, with each partner's
    received trust and value; None when no round has closed."""
    return None
