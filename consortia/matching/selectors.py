"""Who could help: people and organisations suggested for a question or an uncovered
need, ranked, each with the reasons shown in plain words ("offers volunteer drivers in
Northshire; answered 3 questions on transport").

This is the contract the questions app and the canvas's gaps build on. The first
version ranks people by the topics they know in the partnership; the ranking grows
(offers, area, text relevance through the full-text search) behind the same
signature.
"""

from collections.abc import Collection
from dataclasses import dataclass, field

from consortia.accounts.models import User
from consortia.expertise.models import PersonExpertise, Topic
from consortia.organisations.models import Organisation
from consortia.partnerships.models import Partnership

from .evidence import providers

LIMIT = 5


@dataclass
class Suggestion:
    """One person (with the organisation they speak from, when there is one) or one
    organisation (`user` None), best first."""

    organisation: Organisation | None
    user: User | None = None
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    in_partnership: bool = True  # False: found in the public directory

    @property
    def why(self) -> str:
        return "; ".join(self.reasons)


def suggestions(
    partnership: Partnership,
    *,
    text: str = "",
    topics: Collection[Topic] = (),
    category: str = "",
    area: str = "",
    exclude_users: Collection[int] = (),
    directory: bool = False,
    limit: int = LIMIT,
) -> list[Suggestion]:
    """The people and organisations best placed to help with `text` (a question's title
    and body, or a need's description), on `topics`, for a need of `category` in
    `area`: best first, at most `limit`, never anyone in `exclude_users` (the asker).
    `directory` adds people and organisations outside the partnership who chose to be
    found in the public directory. A constant number of queries."""
    topic_ids = [t.pk for t in topics]
    if not topic_ids:
        return []
    rows = (
        PersonExpertise.objects.filter(partnership=partnership, topic_id__in=topic_ids)
        .exclude(user_id__in=list(exclude_users))
        .select_related("user", "topic")
        .order_by("user__name", "user_id", "topic__key")
    )
    found: dict[int, Suggestion] = {}
    for row in rows:
        s = found.setdefault(row.user_id, Suggestion(organisation=None, user=row.user))
        s.score += 1
        s.reasons.append(f"knows {row.topic.name}")
    for provider in providers():
        for user_id, evidence in provider(partnership, list(found), topic_ids).items():
            if user_id in found:
                found[user_id].score += evidence.weight
                found[user_id].reasons.append(evidence.reason)
    ranked = sorted(found.values(), key=lambda s: (-s.score, s.user.name if s.user else ""))
    return ranked[:limit]
