"""Reads for the glossary: a partnership's glossary settings (cached on the
partnership object), its approved terms with their definitions (the glossary page,
filtered by a search on the server), the suggestions waiting for a decision, and the
terms the marking filter looks for (one query per page, cached on the partnership)."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from consortia.partnerships.models import Partnership

from .models import Definition, Glossary, Term


def glossary_of(partnership: Partnership) -> Glossary | None:
    """The partnership's glossary settings with their stewards group, or None when the
    convener has named none (cached on the partnership: one query per request)."""
    cache: dict[str, Any] = partnership.__dict__.setdefault("_glossary_cache", {})
    if "glossary" not in cache:
        cache["glossary"] = (
            Glossary.objects.filter(partnership=partnership).select_related("stewards").first()
        )
    glossary: Glossary | None = cache["glossary"]
    return glossary


def _with_definitions(terms: QuerySet[Term]) -> QuerySet[Term]:
    return terms.prefetch_related(Prefetch("definitions", queryset=Definition.objects.order_by("sector")))


@dataclass(frozen=True)
class Letter:
    letter: str
    terms: list[Term]


def term_list(partnership: Partnership, *, query: str = "") -> list[Letter]:
    """The approved terms, alphabetical and grouped by first letter (anything not A-Z
    under "#", last), whose name, expansion or a definition contains `query` (two queries)."""
    terms = Term.objects.filter(partnership=partnership, status=Term.Status.APPROVED)
    query = " ".join(query.split())[:100]
    if query:
        terms = terms.filter(
            Q(name__icontains=query) | Q(expansion__icontains=query) | Q(definitions__text__icontains=query)
        ).distinct()
    groups: dict[str, list[Term]] = {}
    for term in _with_definitions(terms):
        first = term.name[:1].upper()
        groups.setdefault(first if "A" <= first <= "Z" else "#", []).append(term)
    return [Letter(letter, groups[letter]) for letter in sorted(groups, key=lambda g: (g == "#", g))]


def suggestions(partnership: Partnership) -> list[Term]:
    """Terms suggested and waiting for a decision, oldest first, with who suggested them."""
    terms = Term.objects.filter(partnership=partnership, status=Term.Status.SUGGESTED).select_related(
        "suggested_by"
    )
    return list(_with_definitions(terms).order_by("created_at", "pk"))


def terms_for_marking(partnership: Partnership) -> list[tuple[Term, list[Definition]]]:
    """The approved terms with their definitions in one query, once per request (cached
    on the partnership object the page renders): what the marking filter looks for."""
    cache: dict[str, Any] = partnership.__dict__.setdefault("_glossary_cache", {})
    if "terms" not in cache:
        definitions = Definition.objects.filter(
            term__partnership=partnership, term__status=Term.Status.APPROVED
        ).select_related("term")
        by_term: dict[int, tuple[Term, list[Definition]]] = {}
        for definition in definitions.order_by("term_id", "sector"):
            by_term.setdefault(definition.term_id, (definition.term, []))[1].append(definition)
        cache["terms"] = list(by_term.values())
    terms: list[tuple[Term, list[Definition]]] = cache["terms"]
    return terms
