"""Accessibility audit for browser journeys: axe-core on every page a person lands on.

`Audit.watch(page)` records every main-frame navigation; `Audit.check(page)` runs
axe (WCAG 2.0, 2.1 and 2.2, levels A and AA) on the page as it is now and checks the
site's stylesheet is applied (colour-contrast results mean nothing on an unstyled
page). At the end of a journey `Audit.assert_clean()` fails with one readable report:
the violations page by page, any page that was visited but never audited, and any
JavaScript error.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
STYLESHEET = "consortia.min.css"

_axe = Axe()


def _document_url(url: str) -> str:
    return url.split("#", 1)[0]


def _one_line(summary: str) -> str:
    """axe's "Fix any of the following:\n  reason\n  reason" as one line."""
    text = ""
    for line in filter(None, (line.strip() for line in summary.splitlines())):
        text += f" {line}" if line.endswith(":") or text.endswith(":") else f"; {line}"
    return text.strip()


@dataclass
class PageResult:
    label: str
    url: str
    violations: list[dict]


@dataclass
class Audit:
    results: list[PageResult] = field(default_factory=list)
    unaudited: list[str] = field(default_factory=list)
    script_errors: list[str] = field(default_factory=list)
    _pending: dict = field(default_factory=dict)
    _labels: dict = field(default_factory=dict)
    _documents: dict = field(default_factory=dict)  # each page's document URL, without fragment

    def watch(self, page: Page, label: str) -> None:
        """Follow `page` (one person's tab, named `label` in reports)."""
        self._labels[page] = label

        def navigated(frame) -> None:
            if frame != page.main_frame or not frame.url.startswith("http"):
                return
            # A link to a fragment of the document shown (the skip link) is not a new
            # page; a redirect to another document's fragment (saving the agreement's
            # roles lands on its #roles) is.
            document = _document_url(frame.url)
            if "#" in frame.url and document == self._documents.get(page):
                return
            self._documents[page] = document
            if page in self._pending:
                self.unaudited.append(f"{label}: {self._pending[page]}")
            self._pending[page] = frame.url

        def console(message) -> None:
            # Chromium's "Failed to load resource" names no URL; `response` below does.
            if message.type == "error" and not message.text.startswith("Failed to load resource"):
                self.script_errors.append(f"{label} {page.url}: console error: {message.text}")

        def response(response) -> None:
            if response.status >= 400 and response.request.resource_type != "document":
                self.script_errors.append(f"{label} {page.url}: {response.status} for {response.url}")

        page.on("framenavigated", navigated)
        page.on("pageerror", lambda error: self.script_errors.append(f"{label} {page.url}: {error}"))
        page.on("console", console)
        page.on("response", response)

    def check(self, page: Page) -> list[dict]:
        """Run axe on the page as it is now; return (and record) its violations."""
        styled = page.evaluate(
            """(name) => [...document.styleSheets].some(
                (sheet) => sheet.href && sheet.href.includes(name) && sheet.cssRules.length > 0)""",
            STYLESHEET,
        )
        assert styled, f"{page.url} is not styled: {STYLESHEET} did not load, so axe cannot judge contrast"
        violations = _axe.run(page, options=AXE_OPTIONS).response["violations"]
        label = self._labels.get(page, "page")
        self.results.append(PageResult(label, page.url, violations))
        self._pending.pop(page, None)
        return violations

    @property
    def pages_checked(self) -> int:
        return len(self.results)

    def report(self) -> str:
        lines: list[str] = []
        by_rule: dict[str, int] = defaultdict(int)
        for result in self.results:
            if not result.violations:
                continue
            lines.append(f"{result.label} at {result.url}:")
            for violation in result.violations:
                by_rule[violation["id"]] += 1
                lines.append(f"  - {violation['id']} [{violation['impact']}] {violation['help']}")
                lines.append(f"    {violation['helpUrl']}")
                for node in violation["nodes"]:
                    target = " >> ".join(
                        " ".join(part) if isinstance(part, list) else part for part in node["target"]
                    )
                    lines.append(f"      {target}")
                    summary = _one_line(node.get("failureSummary") or "")
                    if summary:
                        lines.append(f"        {summary}")
        if lines:
            counts = ", ".join(f"{rule} on {n} page(s)" for rule, n in sorted(by_rule.items()))
            lines.insert(0, f"axe found WCAG A/AA violations ({counts}):")
        unaudited = self.unaudited + [f"{self._labels[p]}: {url}" for p, url in self._pending.items()]
        if unaudited:
            lines.append("Pages visited but never audited (call Audit.check after each navigation):")
            lines.extend(f"  - {item}" for item in unaudited)
        if self.script_errors:
            lines.append("JavaScript errors and failed page resources:")
            lines.extend(f"  - {item}" for item in self.script_errors)
        return "\n".join(lines)

    def assert_clean(self) -> None:
        report = self.report()
        assert not report, report
