"""Fixtures for browser journeys (tests marked `browser`).

They drive the system Chromium through Playwright's sync API against pytest-django's
live_server (a real HTTP server on a transactional test database, which also serves
static files through django.contrib.staticfiles).

Without a usable Chromium the journeys are skipped with the reason, except when the
environment variable CI is set: there they fail, so CI never passes by skipping them.
"""

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.request import urlopen

import pytest
from django.templatetags.static import static

from .a11y import Audit
from .visitor import Visitor

# Playwright's sync API runs an event loop in this thread, and Django refuses ORM
# calls when it sees one. The tests and the live server never share a connection
# concurrently, so telling Django it is safe here is true.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

# Debian's Chromium; Playwright's own browser download is not used.
CHROMIUM = Path(os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
TIMEOUT_MS = 10_000

_launched: dict = {}  # "playwright", "browser" or "problem": launched once per session


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no", "off"}


def _launch() -> str | None:
    """Start Playwright and Chromium once; return why not, or None."""
    if not _launched:
        if not CHROMIUM.exists():
            _launched["problem"] = f"{CHROMIUM} is missing (apt-get install chromium)"
            return _launched["problem"]
        try:
            from playwright.sync_api import sync_playwright

            playwright = sync_playwright().start()
        except Exception as error:
            _launched["problem"] = f"Playwright cannot start: {error}"
            return _launched["problem"]
        try:
            _launched["browser"] = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
            )
        except Exception as error:
            playwright.stop()
            first_line = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
            _launched["problem"] = f"Playwright cannot launch {CHROMIUM}: {first_line}"
            return _launched["problem"]
        _launched["playwright"] = playwright
    return _launched.get("problem")


def pytest_report_header(config) -> str:
    mode = "a missing browser FAILS them (CI is set)" if _in_ci() else "a missing browser skips them"
    return f"browser journeys: {CHROMIUM} {'found' if CHROMIUM.exists() else 'MISSING'}; {mode}"


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    # Before any fixture (the live server, the test database): no point setting
    # those up for a journey that cannot run.
    if item.get_closest_marker("browser") is None:
        return
    _require_browser()


def _require_browser():
    problem = _launch()
    if problem is None:
        return _launched["browser"]
    if _in_ci():
        pytest.fail(f"Browser journeys cannot run in CI: {problem}", pytrace=False)
    pytest.skip(f"Browser journeys skipped: {problem}")


def pytest_sessionfinish(session, exitstatus) -> None:
    if "browser" in _launched:
        _launched["browser"].close()
        _launched["playwright"].stop()


@pytest.fixture(scope="session")
def browser():
    return _require_browser()


@pytest.fixture
def site(live_server, settings):
    """The live server, with links in emails pointing at it. Emails go to
    django.core.mail.outbox and tasks run at once (see the root conftest)."""
    settings.SITE_URL = live_server.url
    stylesheet = live_server.url + static("consortia/consortia.min.css")
    with urlopen(stylesheet, timeout=5) as response:  # the page must be styled for axe's contrast checks
        assert response.headers.get_content_type() == "text/css", f"{stylesheet}: {response.headers}"
    assert settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend"), (
        "Journeys read invitation emails from the outbox: tasks must run immediately"
    )
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.locmem.EmailBackend"
    return live_server


@pytest.fixture
def audit() -> Iterator[Audit]:
    audit = Audit()
    yield audit
    # Shown with the failure when a journey breaks before its own assert_clean().
    report = audit.report()
    if report:
        print(report)


@pytest.fixture
def new_visitor(browser, site, audit) -> Iterator:
    """new_visitor("Ada") opens a fresh browser context (own cookies) for one person."""
    contexts = []

    def make(label: str) -> Visitor:
        context = browser.new_context(viewport=DESKTOP, locale="en-GB")
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        audit.watch(page, label)
        return Visitor(page=page, base_url=site.url, audit=audit)

    yield make
    for context in contexts:
        context.close()
