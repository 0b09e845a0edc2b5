"""Normalising a topic's name into its key, so near-duplicates are one topic: case,
spacing and punctuation do not count, and a simple English plural ("assessments",
"carers'", "policies") counts as its singular. Nothing fuzzier: two topics this
cannot tell apart are merged by a convener (services.topic_merge)."""

import re
import unicodedata

_NOT_WORD = re.compile(r"[^\w\s]+")


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def topic_key(name: str) -> str:
    """ "Carers' Assessments" -> "carer assessment"; "" when nothing is left."""
    text = unicodedata.normalize("NFKC", name).casefold().replace("'", "").replace("\u2019", "")
    words = _NOT_WORD.sub(" ", text).split()
    return " ".join(_singular(w) for w in words)


def topic_name(name: str) -> str:
    """The name as typed, with its spacing tidied."""
    return " ".join((name or "").split())
