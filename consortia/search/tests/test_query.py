"""Typed search syntax: read into words and phrases, and never an engine's syntax.
The engine tests run on whichever database the suite runs on (SQLite's FTS5 by
default, PostgreSQL with DATABASE_URL)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consortia.core.factories import PostFactory, ThreadFactory
from consortia.search.engines import Scope, engine_count, engine_page
from consortia.search.index import index_rebuild
from consortia.search.query import MAX_ITEMS, Query, fts5_match, parse, websearch
from consortia.search.text import MARK_END, MARK_START, highlighted, plain_text

HOSTILE = [
    '"',
    "'",
    '"unbalanced quote',
    "NEAR(referral pathway, 2)",
    "NEAR(",
    "refer*",
    "*",
    "-",
    "--",
    "-referral",
    "OR",
    "referral OR",
    "OR referral",
    "AND NOT",
    "^referral",
    "title:referral",
    "body:x OR title:y",
    "referral:",
    ":",
    "\x00",
    "referral\x00pathway",
    "(referral",
    "referral)",
    "{title body}: x",
    '""',
    '"" OR ""',
    "a" * 10_000,
    "referral " * 2_000,
    "%s %% ?",
    "'; DROP TABLE search_searchdocument; --",
    "<script>alert(1)</script>",
    "\ue000marked\ue001",
    "café naïve Ærø",
    "!!!",
    "+referral",
    "referral~2",
    "referral & pathway | !x <-> y",
]


def test_it_reads_words_phrases_exclusions_and_alternatives():
    query = parse('"Referral Pathway" surgeries OR practices -fax')

    assert query.groups == ((("referral", "pathway"),), (("surgeries",), ("practices",)))
    assert query.excluded == (("fax",),)


def test_an_unbalanced_quote_closes_at_the_end():
    assert parse('carers "referral pathway').groups == ((("carers",),), (("referral", "pathway"),))


def test_punctuation_and_operators_are_not_words():
    assert parse("NEAR( * ^ : -").groups == ((("near",),),)
    assert not parse("* ^ : - \x00 \"\" ''")


def test_only_exclusions_is_an_empty_query():
    assert not parse("-fax -post")


def test_a_long_text_is_cut_to_a_few_terms():
    assert sum(len(g) for g in parse("word " * 5000).groups) == MAX_ITEMS


def test_every_term_reaches_fts5_quoted():
    assert (
        fts5_match(parse('title:x NEAR(a b) "c d" -e')) == '"title x" AND "near a" AND "b" AND "c d" NOT "e"'
    )


def test_websearch_gets_only_quoted_words_or_and_minus():
    assert websearch(parse("a OR b -c")) == '"a" or "b" -"c"'


def test_the_markers_cannot_be_forged_and_snippets_are_escaped():
    assert MARK_START not in plain_text(f"{MARK_START}x{MARK_END}")
    assert highlighted(f"<b>{MARK_START}rota{MARK_END}</b>") == "&lt;b&gt;<mark>rota</mark>&lt;/b&gt;"
    assert highlighted(f"{MARK_END}a{MARK_START}b") == "a<mark>b</mark>"


def test_plain_text_is_what_a_reader_sees():
    # Raw HTML in Markdown is shown as text on the thread's page, so it is indexed as text.
    typed = "**Bold** and [a link](https://example.org)\n\n<b>x</b> &amp;"
    assert plain_text(typed) == "Bold and a link <b>x</b> &"


@pytest.fixture
def a_post(world):
    thread = ThreadFactory(partnership=world.partnership, title="Referral pathway")
    PostFactory(thread=thread, body="Referrals go by the secure mailbox, not fax. Café at ten.")
    index_rebuild()
    return world.partnership


@pytest.mark.django_db
@pytest.mark.parametrize("typed", HOSTILE, ids=lambda t: repr(t[:30]))
def test_hostile_syntax_never_raises_in_either_engine(a_post, typed):
    query = parse(typed)

    total = engine_count(query, Scope([a_post.pk]), cap=100)
    hits = engine_page(query, Scope([a_post.pk]))

    assert total == len(hits)


@pytest.mark.django_db
def test_what_the_syntax_means_is_the_same_on_both_engines(a_post):
    def found(typed: str) -> int:
        return engine_count(parse(typed), Scope([a_post.pk]), cap=100)

    assert found("referral") == 2  # the thread (title) and the post
    assert found('"secure mailbox"') == 1
    assert found('"mailbox secure"') == 0
    assert found("mailbox -fax") == 0
    assert found("mailbox OR nothingsuch") == 1
    assert found("mailbox nothingsuch") == 0
    assert found("cafe") == 1  # without its accent


@pytest.mark.django_db
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed=st.text(max_size=300) | st.lists(st.sampled_from([*HOSTILE[:25], "a", "b", " "])).map("".join))
def test_any_text_at_all_never_raises(a_post, typed):
    query: Query = parse(typed)

    assert engine_count(query, Scope([a_post.pk]), cap=100) >= 0
    engine_page(query, Scope([a_post.pk]), limit=5)
