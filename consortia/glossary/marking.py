"""Marking glossary terms in place, in HTML that is already safe (the output of
`markdown_render`, or escaped plain text).

The HTML is read with the standard library's html.parser, never with regular
expressions: tags are copied through unchanged and only text nodes are looked at. The
first occurrence of each approved term in the fragment is marked, as a whole word
(names whatever their case, acronyms exactly), and never inside a link, code,
preformatted text, a heading, an existing <abbr> or <dfn>, or a form control's label:
text there is copied as it came. Marking only wraps text: the text itself is never
changed (the property tests check it).

The pattern, for WCAG 2.2 AA (1.3.1, 2.1.1, 1.4.13, 2.5.3, 4.1.2): each marked term is
an ordinary link to the term's anchor on the glossary page, so it is reached and
followed by keyboard and announced as a link; there is no hover-only tooltip (a
`title` alone is unavailable to keyboard and touch users and most screen readers).
The link's visible text is its accessible name (Label in Name holds); the short
definition is its accessible description, through aria-describedby pointing at a
`hidden` span after the fragment (hidden elements still give their text to
aria-describedby, and are not read twice in the reading order). Acronyms are also
an <abbr> whose title is the expansion (the title is a bonus for mouse users; the
expansion is also in the description); other terms a <dfn>-like inline link, styled
with GOV.UK's link class (no new CSS) so sighted users see there is more to read.
"""

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser

from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from consortia.core.markdown import markdown_render

# Text inside these is never marked: links (a link in a link), code, headings,
# existing explanations, and controls.
SKIP = {
    "a", "abbr", "dfn", "code", "pre", "kbd", "samp", "h1", "h2", "h3", "h4", "h5", "h6",
    "button", "label", "option", "select", "textarea", "script", "style", "title", "summary",
}  # fmt: skip
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SHORT = 240


@dataclass(frozen=True)
class Mark:
    """What the filter needs of one term: its name, whether it is an acronym (matched
    exactly), its expansion, a short plain-text definition and its URL."""

    key: str
    name: str
    acronym: bool
    expansion: str
    short: str
    url: str


def short_definition(markdown: str) -> str:
    """A definition's Markdown as short plain text (sanitised, then its tags removed)."""
    text = " ".join(strip_tags(markdown_render(markdown)).split())
    return Truncator(html.unescape(text)).chars(SHORT)


# A typed apostrophe and a typographer's (Word, phones, Markdown's smart quotes) are
# one character to a reader: "carer's assessment" marks it typed with U+2019 too.
APOSTROPHES = "'\u2019\u2018\u02bc"
_ONE_APOSTROPHE = str.maketrans(dict.fromkeys(APOSTROPHES[1:], "'"))


def _fold(name: str) -> str:
    """A name as the marker compares it: case ignored, every apostrophe one."""
    return name.casefold().translate(_ONE_APOSTROPHE)


def _escaped(name: str) -> str:
    """`name` as a regular expression in which any apostrophe matches any other."""
    return "".join(f"[{APOSTROPHES}]" if c in APOSTROPHES else re.escape(c) for c in name)


def _pattern(marks: Iterable[Mark]) -> re.Pattern[str] | None:
    # Longest first, so "carer's assessment" wins over "assessment"; each name in
    # its own group flag: names ignore case, acronyms do not.
    ordered = sorted(marks, key=lambda m: (-len(m.name), m.name))
    if not ordered:
        return None
    parts = [_escaped(m.name) if m.acronym else f"(?i:{_escaped(m.name)})" for m in ordered]
    return re.compile(rf"(?<!\w)(?:{'|'.join(parts)})(?!\w)")


class _Marker(HTMLParser):
    def __init__(self, marks: list[Mark], prefix: str) -> None:
        super().__init__(convert_charrefs=True)
        self.exact = {m.name: m for m in marks if m.acronym}
        self.folded = {_fold(m.name): m for m in marks if not m.acronym}
        self.pattern = _pattern(marks)
        self.prefix = prefix
        self.out: list[str] = []
        self.open: list[str] = []
        self.skipping = 0
        self.done: list[Mark] = []

    # --- tags are copied through as they came -------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")
        if tag in VOID:
            return
        self.open.append(tag)
        if tag in SKIP:
            self.skipping += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")
        if tag in self.open:
            while self.open:
                closed = self.open.pop()
                if closed in SKIP:
                    self.skipping -= 1
                if closed == tag:
                    break

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")

    # --- text: escaped again, and marked when outside SKIP -------------------------------
    def handle_data(self, data: str) -> None:
        if self.skipping or self.pattern is None:
            self.out.append(html.escape(data, quote=False))
            return
        start = 0
        for found in self.pattern.finditer(data):
            word = found.group(0)
            mark = self.exact.get(word) or self.folded.get(_fold(word))
            if mark is None or mark in self.done:
                continue
            self.out.append(html.escape(data[start : found.start()], quote=False))
            self.out.append(self._wrap(mark, word))
            self.done.append(mark)
            start = found.end()
        self.out.append(html.escape(data[start:], quote=False))

    def _id(self, mark: Mark) -> str:
        return f"{self.prefix}-{mark.key}"

    def _wrap(self, mark: Mark, word: str) -> str:
        text = html.escape(word, quote=False)
        if mark.acronym:
            text = f'<abbr title="{html.escape(mark.expansion)}">{text}</abbr>'
        return (
            f'<a class="govuk-link consortia-glossary-term" href="{html.escape(mark.url)}" '
            f'aria-describedby="{self._id(mark)}">{text}</a>'
        )

    def notes(self) -> str:
        if not self.done:
            return ""
        spans = []
        for mark in self.done:
            head = f"{mark.name} ({mark.expansion})" if mark.acronym else mark.name
            text = f"Glossary: {head}. {mark.short}".strip()
            spans.append(f'<span id="{self._id(mark)}">{html.escape(text, quote=False)}</span>')
        return f'<span class="consortia-glossary-notes" hidden>{"".join(spans)}</span>'


def mark_terms(fragment: str, marks: list[Mark], *, prefix: str = "gl") -> SafeString:
    """`fragment` (safe HTML) with the first occurrence of each of `marks` marked in its
    text nodes, and their short definitions after it for assistive technology. `prefix`
    keeps the definitions' ids unique when a page marks several fragments."""
    parser = _Marker(marks, prefix)
    parser.feed(str(fragment))
    parser.close()
    return mark_safe("".join(parser.out) + parser.notes())  # tags copied from safe input, text escaped
