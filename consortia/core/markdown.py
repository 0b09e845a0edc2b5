"""Markdown that people write (posts, later the practice library), rendered to HTML
that is safe to show to everyone else.

Two steps, each enough on its own for the usual attacks and together the defence:
markdown-it-py in CommonMark mode with raw HTML switched off (what a person types as
`<script>` comes out as text), then nh3 (the Rust `ammonia` sanitiser) with an
allow-list of tags and attributes: no scripts or event handlers, links only to
http(s), mailto and relative URLs, each with rel="noopener noreferrer nofollow", and
images only from this site (a relative URL or one under SITE_URL); other images are
dropped, leaving their alt text.
"""

import html
import re
from urllib.parse import urlsplit

import nh3
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

from .errors import ServiceError

TAGS = {
    "a", "blockquote", "br", "code", "del", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "img", "li", "ol", "p", "pre", "s", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener noreferrer nofollow"


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "typographer": False})
    try:  # linkify needs linkify-it-py (the [linkify] extra); without it bare URLs stay text
        import linkify_it  # type: ignore[import-untyped]  # noqa: F401

        parser = parser.enable("linkify")
        parser.options["linkify"] = True
    except ImportError:  # pragma: no cover - the extra is a dependency
        pass
    return parser.enable(["table", "strikethrough"])


_PARSER = _parser()


def _own_image(src: str) -> bool:
    """A relative URL on this site, or an absolute one under SITE_URL."""
    parts = urlsplit(src)
    if not parts.scheme and not parts.netloc:
        return not src.startswith("//") and "\\" not in src
    site = urlsplit(getattr(settings, "SITE_URL", ""))
    return (parts.scheme, parts.netloc) == (site.scheme, site.netloc) and parts.scheme in {"http", "https"}


def _filter(element: str, attribute: str, value: str) -> str | None:
    if element == "img" and attribute == "src" and not _own_image(value):
        return None
    return value


def markdown_render(text: str) -> SafeString:
    """`text` (Markdown) as sanitised HTML, safe to put in any page."""
    html = _PARSER.render(text or "")
    clean = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        attribute_filter=_filter,
        strip_comments=True,
    )
    # An <img> whose src was dropped is an image from elsewhere: remove what is left of it.
    clean = _drop_bare_images(clean)
    return mark_safe(clean)  # sanitised by nh3 just above


def _drop_bare_images(html: str) -> str:
    return re.sub(r"<img(?![^>]*\ssrc=)[^>]*>", "", html)


_RAW_TAG = re.compile(r"<(?!(?:https?|mailto):)[/!?]?[A-Za-z]")
_EVENT_ATTRIBUTE = re.compile(r"\bon[a-z]+\s*=", re.IGNORECASE)
_BAD_SCHEME = re.compile(r"(?:javascript|vbscript):|data:[a-z]+/[a-z]", re.IGNORECASE)


def markdown_hazard(text: str) -> str:
    """Why `text` is refused as Markdown that would be hostile in a page ("" when it is
    fine): raw HTML (a tag, which is also where on* attributes live) or a
    javascript:/vbscript:/data: link, spelled with entities or spaces or not. The
    renderer makes such text inert anyway; apps that must refuse it (the practice
    library) say so with this."""
    text = text or ""
    for tag in _RAW_TAG.finditer(text):
        if _EVENT_ATTRIBUTE.search(text[tag.start() : text.find(">", tag.start()) + 1 or None]):
            return "must not contain HTML event attributes such as onclick: write Markdown only"
    if _RAW_TAG.search(text):
        return "must not contain HTML tags: write Markdown only"
    squeezed = re.sub(r"[\s\x00-\x1f]+", "", html.unescape(text))
    if _BAD_SCHEME.search(squeezed):
        return "must not link to javascript:, vbscript: or data: addresses: link to a web page"
    return ""


def markdown_refuse_hostile(text: str, *, label: str, field: str) -> None:
    """Refuse hostile Markdown (markdown_hazard) with a 400 on `field`: "`label` must
    not contain HTML tags: write Markdown only". The one way services refuse it (the
    practice library, questions and answers, glossary definitions)."""
    if hazard := markdown_hazard(text):
        raise ServiceError(f"{label} {hazard}", field=field)
