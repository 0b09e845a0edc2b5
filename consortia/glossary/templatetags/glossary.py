"""`{% load glossary %}` then `{{ post.body|markdown|glossary:partnership }}` (or
`{{ text|linebreaksbr|glossary:partnership }}`): the partnership's approved glossary
terms marked in place in already-safe HTML (consortia/glossary/marking.py). The terms
are read once per request, cached on the partnership object the page renders."""

from typing import Any

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString

from consortia.glossary.marking import Mark, mark_terms, short_definition
from consortia.glossary.models import Definition, Sector, Term
from consortia.glossary.selectors import terms_for_marking
from consortia.partnerships.models import Partnership

register = template.Library()
ORDER = [Sector.GENERAL.value] + [s.value for s in Sector if s != Sector.GENERAL]


def _mark(term: Term, definitions: list[Definition], page: str) -> Mark:
    definitions = sorted(definitions, key=lambda d: ORDER.index(d.sector))
    short = short_definition(definitions[0].text) if definitions else ""
    return Mark(
        key=str(term.pk),
        name=term.name,
        acronym=term.is_acronym,
        expansion=term.expansion,
        short=short,
        url=f"{page}#{term.anchor}",
    )


def marks_for(partnership: Partnership) -> list[Mark]:
    """The partnership's marks, built once per request."""
    cache: dict[str, Any] = partnership.__dict__.setdefault("_glossary_cache", {})
    if "marks" not in cache:
        page = reverse("glossary:list", args=[partnership.uuid])
        cache["marks"] = [_mark(t, ds, page) for t, ds in terms_for_marking(partnership)]
    marks: list[Mark] = cache["marks"]
    return marks


@register.filter(name="glossary")
def glossary_filter(fragment: SafeString, partnership: Partnership | None) -> SafeString:
    """Mark the partnership's terms in `fragment`, which must already be safe HTML."""
    if partnership is None or not isinstance(fragment, SafeString):
        # Unsafe text is never parsed as HTML: it is returned as it came (autoescaped).
        return fragment
    cache: dict[str, Any] = partnership.__dict__.setdefault("_glossary_cache", {})
    cache["fragments"] = cache.get("fragments", 0) + 1
    return mark_terms(fragment, marks_for(partnership), prefix=f"gl{cache['fragments']}")
