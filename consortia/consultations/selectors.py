"""Reading consultations: finding one by its public link (or a personal link by
its token), the convener's list of responses and counts of personal links, and the
summary partners see on the poll page."""

import re
from collections import Counter
from typing import Any
from uuid import UUID

from django.db.models import Count
from django.http import Http404

from consortia.core.tokens import token_hash
from consortia.decisions.models import Poll

from .models import STANCES, Consultation, ConsultationCode, ConsultationLink, ConsultationResponse

# Common English words that say nothing about a theme (a short, fixed list: enough
# for a small consultation; no stemming, so "bus" and "buses" count apart).
STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are aren't as at be because been before
    being below between both but by can can't cannot could couldn't did didn't do does doesn't doing
    don't down during each few for from further get got had hadn't has hasn't have haven't having he
    her here hers herself him himself his how i i'd i'll i'm i've if in into is isn't it it's its itself
    just let's like me more most much must my myself no nor not now of off on once only or other ought
    our ours ourselves out over own really same shan't she should shouldn't so some such than that
    that's the their theirs them themselves then there there's these they they'd they'll they're
    they've this those through to too under until up us very was wasn't we we'd we'll we're we've were
    weren't what what's when where which while who whom why will with won't would wouldn't you you'd
    you'll you're you've your yours yourself yourselves think one
    """.split()  # noqa: SIM905 (a list literal of 180 words would be unreadable)
)
CURLY_APOSTROPHE = "\u2019"
WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]")
THEMES = 10


def consultation_get_by_token(token: str) -> Consultation:
    """The consultation a public link opens; any unknown or forged token is a 404."""
    consultation = (
        Consultation.objects.filter(token_hash=token_hash(token)).select_related("poll__partnership").first()
    )
    if consultation is None:
        raise Http404("No such consultation.")
    return consultation


def link_get_by_token(token: str) -> ConsultationLink:
    """The personal link a token opens; an unknown or forged token is a 404."""
    link = (
        ConsultationLink.objects.filter(token_hash=token_hash(token))
        .select_related("consultation__poll__partnership")
        .first()
    )
    if link is None:
        raise Http404("No such link.")
    return link


def links_summary(consultation: Consultation) -> dict[str, Any]:
    """How many personal links were made, used and unused, in all and per label
    (labels in alphabetical order): two numbers and a list, never a token."""
    rows = (
        consultation.links.order_by("label")
        .values("label")
        .annotate(issued=Count("id"), used=Count("used_at"))
    )
    labels = [{**row, "unused": row["issued"] - row["used"]} for row in rows]
    issued = sum(row["issued"] for row in labels)
    used = sum(row["used"] for row in labels)
    return {"issued": issued, "used": used, "unused": issued - used, "labels": labels}


def responses_for_convener(consultation: Consultation) -> list[ConsultationResponse]:
    """Every response, hidden ones included, with the personal link it came through
    (for its label), in the order they came: names and emails too, so for the
    poll's manager only (the caller checks)."""
    return list(consultation.responses.select_related("link"))


def code_get(consultation: Consultation, uuid: UUID) -> ConsultationCode:
    """The consultation's email code with this uuid; another consultation's, or none, is a 404."""
    code = consultation.codes.filter(uuid=uuid).first()
    if code is None:
        raise Http404("No such code.")
    return code


def consultation_for_poll(poll: Poll) -> Consultation | None:
    """The poll's consultation, or None when it has none (whether the caller may see it
    is the caller's check)."""
    return Consultation.objects.filter(poll=poll).first()


def response_get(consultation: Consultation, uuid: UUID) -> ConsultationResponse:
    """The consultation's response with this uuid; another consultation's, or none, is a 404."""
    response = consultation.responses.filter(uuid=uuid).first()
    if response is None:
        raise Http404("No such response.")
    return response


def themes(comments: list[str], *, top: int = THEMES) -> list[tuple[str, int]]:
    """The most common words across comments: lower-cased words of letters (with
    inner apostrophes or hyphens), English stop words and one-letter words left out,
    each word counted once per comment so one long comment cannot dominate. Ties go
    alphabetically, so the list is stable."""
    counts: Counter[str] = Counter()
    for comment in comments:
        words = set(WORD.findall(comment.lower().replace(CURLY_APOSTROPHE, "'")))
        counts.update(w for w in words if len(w) > 1 and w not in STOP_WORDS)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]


def consultation_summary(consultation: Consultation) -> dict[str, Any]:
    """Counts per stance and the themes of the comments, of the visible responses only
    (hidden ones are left out). No names or emails: partners see this."""
    visible = list(consultation.responses.filter(hidden=False).values_list("stance", "comment"))
    counts = Counter(stance for stance, _ in visible)
    return {
        "total": len(visible),
        "stances": [(label, counts.get(key, 0)) for key, label in STANCES],
        "themes": themes([comment for _, comment in visible if comment]),
    }
