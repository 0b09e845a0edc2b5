"""Markdown people write is shown to everyone else: the stored-XSS attempts of the
advisories (../shared/docs/REFERENCES.md: script tags, event handlers, `javascript:`
and `data:` links, images from elsewhere) come out harmless."""

import re
from html.parser import HTMLParser

import pytest
from django.template import Context, Template
from hypothesis import given, settings
from hypothesis import strategies as st

from consortia.core.markdown import markdown_render


class _Tags(HTMLParser):
    """What the browser would see as markup: every tag and its attributes (decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def dangers(html: str) -> list[str]:
    """Scripts, event handlers and script/data URLs in the markup. (The same words in
    a post's text are shown as escaped text: a post may discuss "javascript:".)"""
    parser = _Tags()
    parser.feed(html)
    found = []
    for tag, attrs in parser.tags:
        if tag in {"script", "iframe", "style", "svg", "object", "embed", "form", "details"}:
            found.append(tag)
        for name, value in attrs:
            squashed = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
            if name.startswith("on") or name == "style":
                found.append(f"{tag} {name}")
            if squashed.startswith(("javascript:", "vbscript:", "data:")):
                found.append(f"{tag} {name}={value}")
    return found


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](&#x6A;avascript&#x3A;alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "![x](javascript:alert(1))",
    '![x](/a.png"onerror="alert(1))',
    "[a](<javascript:alert(1)>)",
    '<a href="javascript:alert(1)">x</a>',
    "<svg onload=alert(1)>",
    "<iframe src=https://evil.example></iframe>",
    "<details open ontoggle=alert(1)>",
    '[x](https://example.org "title" onmouseover=alert(1))',
    '[x](https://example.org "a\\" onmouseover=\\"alert(1)")',
    "<<script>script>alert(1)<</script>/script>",
    "```html\n<script>alert(1)</script>\n```",
    "<style>body{display:none}</style>",
    "[x]: javascript:alert(1)\n\n[link][x]",
    "<javascript:alert(1)>",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_it_renders_hostile_markdown_harmless(text):
    html = markdown_render(text)
    assert dangers(html) == [], html
    assert "<script" not in html.lower()


def test_it_renders_ordinary_markdown():
    html = markdown_render("**Bold** and _it_\n\n- one\n- two\n\n`code`")
    assert "<strong>Bold</strong>" in html
    assert "<em>it</em>" in html
    assert "<li>one</li>" in html
    assert "<code>code</code>" in html


def test_it_gives_links_a_safe_rel_and_linkifies_bare_urls():
    html = markdown_render("[site](https://example.org) and https://example.com/x")
    assert 'href="https://example.org"' in html
    assert 'rel="noopener noreferrer nofollow"' in html
    assert 'href="https://example.com/x"' in html


def test_it_keeps_images_from_the_site_only(settings):
    settings.SITE_URL = "https://consortia.example"
    assert '<img src="/static/a.png"' in markdown_render("![a](/static/a.png)")
    assert '<img src="https://consortia.example/a.png"' in markdown_render(
        "![a](https://consortia.example/a.png)"
    )
    for src in ("https://evil.example/a.png", "//evil.example/a.png", "http://consortia.example/a.png"):
        assert "<img" not in markdown_render(f"![a]({src})"), src


def test_it_shows_html_as_text():
    html = markdown_render("<b>hi</b>")
    assert "&lt;b&gt;hi&lt;/b&gt;" in html


def test_it_is_a_template_filter():
    rendered = Template("{% load markdown %}{{ body|markdown }}").render(
        Context({"body": "*hi* <script>x</script>"})
    )
    assert "<em>hi</em>" in rendered and "<script" not in rendered


PIECES = st.sampled_from(
    [
        "<script>", "</script>", "<img ", "src=", "onerror=", " on", "load=", "javascript:", "java",
        "script:", "data:", "vbscript:", "[", "](", ")", "![", "<", ">", '"', "'", "&#", "x6A;", "\n",
        "`", "<a href=", "&colon;", "*", "http://", "\t", " ", "alert(1)", "<svg", "<!--", "-->",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=30).map("".join))
def test_it_never_outputs_a_script_a_handler_or_a_javascript_link(text):
    html = markdown_render(text)
    assert "<script" not in html.lower()
    assert dangers(html) == [], html
    # Outside the markup, "javascript:" or " onload=" can only be escaped text.
    for tag in re.findall(r"<[^>]+>", html):
        assert not re.search(r"\son\w+=", re.sub(r'"[^"]*"', '""', tag), re.IGNORECASE), tag
