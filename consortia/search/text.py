"""Plain text for the index, and the snippet markers that come back from it.

The engines mark matches in snippets with two private-use characters (`MARK_START`,
`MARK_END`) rather than HTML: the snippet is HTML-escaped whole, then the markers
become <mark> and </mark>. So nothing a person wrote is ever taken as markup, and the
markers cannot be forged: `plain_text` removes them from everything indexed.
"""

import html
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from consortia.core.markdown import markdown_render

MARK_START, MARK_END = "\ue000", "\ue001"
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_UNWANTED = str.maketrans({MARK_START: " ", MARK_END: " ", "\x00": " "})


def clean(text: str) -> str:
    """One line of text without the markers, NUL bytes or runs of whitespace."""
    return _SPACE.sub(" ", text.translate(_UNWANTED)).strip()


def plain_text(markdown: str) -> str:
    """Markdown as the words a reader sees: rendered (and sanitised) by the site's
    renderer, then every tag dropped, entities decoded."""
    return clean(html.unescape(_TAG.sub(" ", str(markdown_render(markdown or "")))))


def highlighted(text: str) -> SafeString:
    """An engine's snippet as safe HTML: escaped, then the markers as <mark> (an
    opened mark is always closed; a stray closing one is dropped)."""
    out, open_ = [], False
    for part in re.split(f"([{MARK_START}{MARK_END}])", text or ""):
        if part == MARK_START:
            if not open_:
                out.append("<mark>")
                open_ = True
        elif part == MARK_END:
            if open_:
                out.append("</mark>")
                open_ = False
        else:
            out.append(str(escape(part)))
    if open_:
        out.append("</mark>")
    return mark_safe("".join(out))
