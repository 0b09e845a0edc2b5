"""What questions can say of a person's track record (consortia/matching/evidence.py):
the questions on the given topics they answered in the partnership, an accepted answer
counting double: "answered 3 questions on transport". One query."""

from collections.abc import Collection

from django.db.models import Count, Q

from consortia.matching.evidence import Evidence, evidence_provider
from consortia.partnerships.models import Partnership

from .models import Answer

ACCEPTED_WEIGHT = 2.0


@evidence_provider
def answers(
    partnership: Partnership, user_ids: Collection[int], topic_ids: Collection[int]
) -> dict[int, Evidence]:
    """Per person: how many questions on each of `topic_ids` they answered in
    `partnership` (accepted answers weigh double), the largest topic named first."""
    if not user_ids or not topic_ids:
        return {}
    rows = (
        Answer.objects.filter(
            question__partnership=partnership,
            author_id__in=list(user_ids),
            question__topics__in=list(topic_ids),
        )
        .values("author_id", "question__topics__name")
        .annotate(
            answered=Count("question_id", distinct=True),
            accepted=Count("question_id", filter=Q(accepted_at__isnull=False), distinct=True),
        )
        .order_by("author_id", "-answered", "question__topics__name")
    )
    per_person: dict[int, list[tuple[str, int, int]]] = {}
    for row in rows:
        per_person.setdefault(row["author_id"], []).append(
            (row["question__topics__name"], row["answered"], row["accepted"])
        )
    out: dict[int, Evidence] = {}
    for user_id, topics in per_person.items():
        weight = sum(answered - accepted + ACCEPTED_WEIGHT * accepted for _, answered, accepted in topics)
        first_name, first_count, _ = topics[0]
        reason = f"answered {first_count} question{'s' if first_count != 1 else ''} on {first_name}"
        if len(topics) > 1:
            reason += " and " + ", ".join(f"{n} on {name}" for name, n, _ in topics[1:])
        out[user_id] = Evidence(weight=weight, reason=reason)
    return out
