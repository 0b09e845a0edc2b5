"""What apps above matching can say about a person's track record on some topics, for
the reasons a suggestion shows ("answered 3 questions on transport").

Matching sits below the apps that know such things (questions, the practice library),
so they tell it through this table: each registers a provider in its own
`matching.py`, which MatchingConfig.ready() imports (autodiscover_modules, as the
notifications and calendar tables do). A provider is

    provider(partnership, user_ids, topic_ids) -> dict[user_id, Evidence]

and must cost one query (or a constant few) whatever the number of people, and count
only what happened in `partnership`. `user_ids` are the partnership's current members
(the asker left out), so a track record alone can bring someone in; `topic_ids` may be
empty (a need has no topics: say nothing then, or judge by what you know).

    # consortia/questions/matching.py
    from consortia.matching.evidence import Evidence, evidence_provider

    @evidence_provider
    def answers(partnership, user_ids, topic_ids):
        ...  # one query: accepted and other answers per person on these topics
        return {user_id: Evidence(weight=count, reason=f"answered {count} questions on {topic}")}
"""

from collections.abc import Callable, Collection
from dataclasses import dataclass

from consortia.partnerships.models import Partnership


@dataclass(frozen=True)
class Evidence:
    weight: float  # adds to the person's score; 1.0 is one piece of work on the topic
    reason: str  # plain words, lower case, shown after the other reasons


Provider = Callable[[Partnership, Collection[int], Collection[int]], dict[int, Evidence]]

_providers: list[Provider] = []


def evidence_provider(provider: Provider) -> Provider:
    """Register `provider` (a decorator); registering the same function twice is once."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def providers() -> list[Provider]:
    return list(_providers)
