"""The marking filter (consortia/glossary/marking.py and templatetags/glossary.py):
the first occurrence of each approved term is marked in text nodes only, as whole
words (names whatever their case, acronyms exactly), never inside links, code,
preformatted text, headings or existing explanations; marking only wraps text; the
terms are read once per page; hostile Markdown stays harmless."""

from html.parser import HTMLParser

import pytest
from django.template import Context, Template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from hypothesis import given, settings
from hypothesis import strategies as st

from consortia.core.factories import DefinitionFactory, TermFactory
from consortia.core.markdown import markdown_render
from consortia.glossary.marking import SKIP, Mark, mark_terms

MARKS = [
    Mark("1", "assessment", False, "", "An evaluation of needs.", "/g/#term-1"),
    Mark("2", "CQC", True, "Care Quality Commission", "The regulator.", "/g/#term-2"),
    Mark("3", "carer's assessment", False, "", "A council's assessment.", "/g/#term-3"),
]


class _Reader(HTMLParser):
    """The text content, leaving out `hidden` elements, and every marked link's
    ancestors."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.open: list[tuple[str, bool]] = []
        self.marked_inside: list[list[str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "consortia-glossary-term" in (attrs.get("class") or ""):
            self.marked_inside.append([t for t, _ in self.open])
        if tag not in {"br", "img", "hr"}:
            self.open.append((tag, "hidden" in attrs))

    def handle_endtag(self, tag):
        while self.open:
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not any(hidden for _, hidden in self.open):
            self.text.append(data)


def read(html: str) -> _Reader:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader


def marked(html: str) -> list[str]:
    return [a for a in read(str(mark_terms(mark_safe(html), MARKS))).marked_inside]


def test_it_marks_the_first_occurrence_of_each_term_in_text():
    out = mark_terms(mark_safe("<p>An assessment, another assessment and CQC.</p>"), MARKS)
    assert out.count('class="govuk-link consortia-glossary-term"') == 2
    assert (
        '<a class="govuk-link consortia-glossary-term" href="/g/#term-1" aria-describedby="gl-1">assessment</a>'
        in out
    )
    assert '<abbr title="Care Quality Commission">CQC</abbr></a>' in out
    # The short definitions, for aria-describedby, after the fragment and hidden from the reading order.
    assert (
        '<span class="consortia-glossary-notes" hidden><span id="gl-1">Glossary: assessment. An evaluation of needs.</span>'
        in out
    )


def test_names_ignore_case_and_acronyms_do_not():
    out = mark_terms(mark_safe("<p>cqc Assessment Cqc</p>"), MARKS)
    assert ">Assessment</a>" in out and "<abbr" not in out


def test_it_marks_whole_words_only_and_prefers_the_longest_term():
    assert "consortia-glossary-term" not in mark_terms(mark_safe("<p>reassessments, CQCs</p>"), MARKS)
    out = mark_terms(mark_safe("<p>A carer&#39;s assessment.</p>"), MARKS)
    assert ">carer's assessment</a>" in out and 'href="/g/#term-1"' not in out


@pytest.mark.parametrize(
    "typed", ["carer\u2019s assessment", "Carer\u2018s Assessment", "carer\u02bcs assessment"]
)
def test_any_apostrophe_marks_a_term_typed_with_another(typed):
    out = mark_terms(mark_safe(f"<p>Book a {typed} today.</p>"), MARKS)

    assert f'href="/g/#term-3" aria-describedby="gl-3">{typed}</a>' in out  # the text as written
    assert 'href="/g/#term-1"' not in out


def test_a_term_typed_with_a_curly_apostrophe_marks_text_with_a_straight_one():
    curly = [Mark("4", "carer\u2019s allowance", False, "", "A benefit.", "/g/#term-4")]
    assert ">carer's allowance</a>" in mark_terms(mark_safe("<p>The carer&#39;s allowance.</p>"), curly)


@pytest.mark.parametrize(
    "html",
    [
        '<p><a href="https://example.org">an assessment by CQC</a></p>',
        "<p><code>assessment CQC</code></p>",
        "<pre><code>assessment CQC</code></pre>",
        "<h2>Assessment and CQC</h2>",
        '<p><abbr title="x">CQC</abbr> <dfn>assessment</dfn></p>',
        '<p><a href="/x"><strong>an <em>assessment</em></strong></a></p>',
    ],
    ids=["link", "code", "pre", "heading", "abbr and dfn", "nested in a link"],
)
def test_it_never_marks_inside_links_code_headings_or_explanations(html):
    out = mark_terms(mark_safe(html), MARKS)
    assert out == html


def test_it_marks_after_a_link_closes():
    out = mark_terms(mark_safe('<p><a href="/x">assessment</a> then assessment</p>'), MARKS)
    assert out.startswith('<p><a href="/x">assessment</a> then <a class="govuk-link consortia-glossary-term"')


def test_a_term_that_would_mark_text_inside_a_link_or_code_from_markdown_is_left_alone():
    html = markdown_render(
        "See [the CQC report](https://example.org) and `assessment` and <https://cqc.org.uk/CQC>."
    )
    assert mark_terms(html, MARKS) == html


HOSTILE = [
    "<script>alert('assessment')</script>",
    "[CQC](javascript:alert(1))",
    '<img src=x onerror="alert(1)"> assessment',
    '<a href="#" onclick="alert(1)">assessment</a>',
    "[x](  JaVaScRiPt:alert(1)) CQC",
]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


@pytest.mark.parametrize(
    "source", HOSTILE, ids=["script", "javascript link", "onerror", "onclick", "mixed case"]
)
def test_hostile_markdown_stays_harmless_once_marked(source):
    out = str(mark_terms(markdown_render(source), MARKS))
    for tag, attrs in tags(out):
        assert tag not in {"script", "img", "iframe", "style"}
        assert not [name for name in attrs if name.startswith("on")]
        assert not (attrs.get("href") or "").strip().lower().startswith("javascript")
    assert "consortia-glossary-term" in out  # still marked, in the text that survived


def test_a_hostile_term_or_definition_is_escaped():
    mark = Mark("9", "<b>x</b>", True, '"><script>', "<script>alert(1)</script>", '/g/#"x')
    out = mark_terms(mark_safe(escape("a <b>x</b> b")), [mark])
    assert "consortia-glossary-term" in out
    assert [tag for tag, _ in tags(str(out))] == ["a", "abbr", "span", "span"]


# --- the property: marking only wraps text -----------------------------------------------------

WORDS = st.sampled_from(
    ["assessment", "Assessment", "CQC", "cqc", "carer's", "the", "&", "<", ">", "'", '"', " ", "\n", "é"]
)
TEXT = st.lists(WORDS, max_size=8).map("".join)


@st.composite
def fragments(draw, depth=0):
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        if depth < 3 and draw(st.booleans()):
            tag = draw(
                st.sampled_from(["p", "em", "strong", "a", "code", "pre", "h2", "li", "abbr", "blockquote"])
            )
            attrs = ' href="https://example.org/?a=1&amp;b=2"' if tag == "a" else ""
            parts.append(f"<{tag}{attrs}>{draw(fragments(depth + 1))}</{tag}>")
        elif draw(st.booleans()):
            parts.append("<br>")
        else:
            parts.append(escape(draw(TEXT)))
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(fragments())
def test_marking_never_changes_the_text_and_never_marks_inside_a_code_or_pre(html):
    out = str(mark_terms(mark_safe(html), MARKS))
    assert "".join(read(out).text) == "".join(read(html).text)
    for ancestors in read(out).marked_inside:
        assert not set(ancestors) & SKIP


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_marking_markdown_never_changes_its_text(source):
    html = markdown_render(source)
    out = str(mark_terms(html, MARKS))
    assert "".join(read(out).text) == "".join(read(html).text)
    for ancestors in read(out).marked_inside:
        assert not set(ancestors) & SKIP


# --- the template filter -----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_filter_marks_approved_terms_only_and_reads_them_once(world, django_assert_num_queries):
    approved = TermFactory(partnership=world.partnership, name="Social prescribing")
    DefinitionFactory(term=approved, sector="health", text="A GP refers to *local* support.")
    DefinitionFactory(term=TermFactory(partnership=world.partnership, name="Referral", status="suggested"))
    DefinitionFactory(term=TermFactory(partnership=world.partnership, name="Case", status="retired"))
    template = Template(
        "{% load markdown glossary %}{% for t in texts %}{{ t|markdown|glossary:partnership }}{% endfor %}"
        "{{ plain|linebreaksbr|glossary:partnership }}{{ unsafe|glossary:partnership }}"
    )
    context = Context(
        {
            "partnership": world.partnership,
            "texts": ["Social prescribing, a referral", "A case for social prescribing"],
            "plain": "<b>social prescribing</b>",
            "unsafe": "<i>social prescribing</i>",
        }
    )
    with django_assert_num_queries(1):
        out = template.render(context)

    url = f"/partnerships/{world.partnership.uuid}/glossary/#term-{approved.uuid}"
    assert out.count(f'href="{url}"') == 3
    assert 'aria-describedby="gl1-' in out and 'aria-describedby="gl2-' in out
    assert "Glossary: Social prescribing. A GP refers to local support." in out
    assert ">referral<" not in out and ">case<" not in out.lower()
    assert "&lt;b&gt;<a " in out  # escaped plain text is marked, its markup stays text
    assert "&lt;i&gt;social prescribing&lt;/i&gt;" in out  # unsafe text is never parsed
