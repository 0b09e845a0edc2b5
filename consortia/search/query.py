"""What a person typed into the search box, as terms the engines can be trusted with.

Nothing typed reaches an engine's own query language: the text is read here into
words and quoted phrases, with `-word` to leave out and `OR` between two
alternatives, and each engine gets an expression built from those alone (every word
its own quoted string). So `NEAR(`, `*`, `^`, `title:x`, a lone `"` or a NUL byte are
plain characters at worst, never syntax: FTS5's MATCH language is never exposed, and
PostgreSQL's websearch_to_tsquery gets a string that only ever holds quoted words,
`-` and `or`.

    >>> parse('"referral pathway" surgeries OR practices -fax')
    Query(groups=((('referral', 'pathway'),), (('surgeries',), ('practices',))), excluded=(('fax',),))
    >>> fts5_match(parse('"referral pathway" surgeries OR practices -fax'))
    '"referral pathway" AND ("surgeries" OR "practices") NOT "fax"'
    >>> websearch(parse('"referral pathway" surgeries OR practices -fax'))
    '"referral pathway" "surgeries" or "practices" -"fax"'

A query with no word to look for (only exclusions, or only punctuation) is empty:
the page asks for words rather than listing everything.
"""

import re
from dataclasses import dataclass

# At most this many words and phrases are used; the rest of a long text is ignored,
# so a pasted page costs no more than a sentence.
MAX_ITEMS = 16
# Words, as both engines' tokenisers see them: runs of letters and digits (the
# underscore and every punctuation mark separate words).
_WORD = re.compile(r"[^\W_]+")
# A quoted phrase (to the closing quote, or to the end: an unbalanced quote closes
# itself), or a run of anything else but whitespace.
_ITEM = re.compile(r'(-?)"([^"]*)"?|(\S+)')

Phrase = tuple[str, ...]  # the words of one term or quoted phrase, in order


@dataclass(frozen=True)
class Query:
    groups: tuple[tuple[Phrase, ...], ...]  # all groups must match; any phrase of a group
    excluded: tuple[Phrase, ...]  # none may match

    def __bool__(self) -> bool:
        return bool(self.groups)


def _words(text: str) -> Phrase:
    return tuple(word.lower() for word in _WORD.findall(text))


def parse(text: str) -> Query:
    """The words and phrases of `text`: any text at all, never an error."""
    groups: list[list[Phrase]] = []
    excluded: list[Phrase] = []
    pending_or = False
    count = 0
    for match in _ITEM.finditer(text.replace("\x00", " ")):
        if count >= MAX_ITEMS:
            break
        minus, quoted, bare = match.groups()
        if bare is not None and bare.upper() == "OR" and groups:
            pending_or = True
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            minus, bare = "-", bare[1:]
        phrase = _words(quoted if quoted is not None else bare)
        if not phrase:
            continue
        count += 1
        if minus:
            excluded.append(phrase)
        elif pending_or:
            groups[-1].append(phrase)
        else:
            groups.append([phrase])
        pending_or = False
    return Query(groups=tuple(tuple(g) for g in groups), excluded=tuple(excluded))


def _quoted(phrase: Phrase) -> str:
    # Words hold no quote (see _WORD); doubling is FTS5's escape, kept as a second guard.
    return '"' + " ".join(phrase).replace('"', '""') + '"'


def fts5_match(query: Query) -> str:
    """The FTS5 MATCH expression for a non-empty query: quoted strings, AND, OR, NOT."""
    parts = []
    for group in query.groups:
        alternatives = " OR ".join(_quoted(p) for p in group)
        parts.append(f"({alternatives})" if len(group) > 1 else alternatives)
    expression = " AND ".join(parts)
    return expression + "".join(f" NOT {_quoted(p)}" for p in query.excluded)


def websearch(query: Query) -> str:
    """The text for PostgreSQL's websearch_to_tsquery (which never raises on any
    text; this keeps its reading identical to FTS5's)."""
    parts = [" or ".join(_quoted(p) for p in group) for group in query.groups]
    return " ".join(parts + [f"-{_quoted(p)}" for p in query.excluded])


# PostgreSQL's English stop words (tsearch_data/english.stop): its configuration drops
# them from a query and FTS5 does not, so `any_words` drops them first and both engines
# match a longer text on the same words.
_STOP_WORDS = """i me my myself we our ours ourselves you your yours yourself yourselves he him his
    himself she her hers herself it its itself they them their theirs themselves what which
    who whom this that these those am is are was were be been being have has had having do
    does did doing a an the and but if or because as until while of at by for with about
    against between into through during before after above below to from up down in out on
    off over under again further then once here there when where why how all any both each
    few more most other some such no nor not only own same so than too very s t can will
    just don should now"""
STOP_WORDS = frozenset(_STOP_WORDS.split())


def any_words(text: str) -> Query:
    """A longer text (a question, a need's description) as a query that matches ANY of
    its meaningful words: stop words, one-letter words and repeats dropped, at most
    MAX_ITEMS words, all alternatives of one group (OR). Empty when no word is left.

    >>> fts5_match(any_words("How do we record consent for carers' assessments?"))
    '("record" OR "consent" OR "carers" OR "assessments")'
    """
    words: list[Phrase] = []
    for word in _words(text.replace("\x00", " ")):
        if len(word) > 1 and word not in STOP_WORDS and (word,) not in words:
            words.append((word,))
        if len(words) >= MAX_ITEMS:
            break
    return Query(groups=(tuple(words),) if words else (), excluded=())
