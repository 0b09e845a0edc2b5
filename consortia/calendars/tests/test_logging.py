"""A feed's token never reaches the logs: not Django's (the "Not Found" warning for a
revoked link, with the request it carries), not gunicorn's access log."""

import io
import json
import logging
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone
from gunicorn.config import Config

from consortia.core.access_log import RedactingLogger
from consortia.core.factories import CalendarFeedFactory
from consortia.core.logging import RedactSecrets, redact

TOKEN = "QmFkLXRva2VuLWZvci10aGUtbG9ncy10ZXN0LW9ubHk"


@pytest.fixture
def log_output():
    """What the site's configured log handler (settings.LOGGING) writes, in a buffer."""
    handler = next(
        h for h in logging.getLogger().handlers if any(isinstance(f, RedactSecrets) for f in h.filters)
    )
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    yield buffer
    handler.setStream(previous)


@pytest.mark.parametrize("revoked", [False, True])
def test_the_token_is_not_in_the_logs_of_a_feed_request(world, client, log_output, revoked):
    CalendarFeedFactory(
        user=world.users["partner_member"], token=TOKEN, revoked_at=timezone.now() if revoked else None
    )

    response = client.get(reverse("calendars:feed", args=[TOKEN]))
    logging.getLogger("consortia.test").warning("Fetched %s", reverse("calendars:feed", args=[TOKEN]))

    assert response.status_code == (404 if revoked else 200)
    lines = [json.loads(line) for line in log_output.getvalue().splitlines()]
    assert any(line["message"] == "Fetched /calendar/[redacted].ics" for line in lines)
    if revoked:  # Django logs a 4xx, and the request with it
        warning = next(line for line in lines if line["logger"] == "django.request")
        assert warning["message"] == "Not Found: /calendar/[redacted].ics"
        assert "[redacted]" in warning["request"]
    assert TOKEN not in log_output.getvalue()


def test_gunicorns_access_log_leaves_the_token_out(capsys):
    config = Config()
    config.set("accesslog", "-")
    logger = RedactingLogger(config)
    buffer = io.StringIO()
    for handler in logger.access_log.handlers:
        handler.setStream(buffer)
    path = f"/calendar/{TOKEN}.ics"
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path,
        "PATH_INFO": path,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"https://consortia.example{path}",
        "REMOTE_ADDR": "127.0.0.1",
    }
    response = SimpleNamespace(status="200 OK", sent=120, headers=[])
    request = SimpleNamespace(headers=[("REFERER", f"https://consortia.example{path}")])

    logger.access(response, request, environ, timedelta(milliseconds=5))

    written = buffer.getvalue()
    assert '"GET /calendar/[redacted].ics HTTP/1.1" 200' in written
    assert TOKEN not in written


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("/calendar/abc_DEF-123.ics", "/calendar/[redacted].ics"),
        ("GET /calendar/abc HTTP/1.1", "GET /calendar/[redacted] HTTP/1.1"),
        ("'/calendar/abc.ics'", "'/calendar/[redacted].ics'"),
        ("/accounts/calendar/", "/accounts/calendar/"),
        ("/accounts/calendar/new/", "/accounts/calendar/new/"),
        ("/partnerships/abc/", "/partnerships/abc/"),
    ],
)
def test_it_redacts_what_follows_calendar_in_a_path(text, clean):
    assert redact(text) == clean


def test_every_log_handler_of_the_site_keeps_secrets_out():
    """Django's own handlers (its console one while DEBUG, runserver's) would write
    "Not Found: <path>" without the filter: settings.LOGGING replaces them."""
    # gunicorn's loggers are its own (its access log redacts in RedactingLogger, above).
    names = [n for n in list(logging.root.manager.loggerDict) if not n.startswith("gunicorn")]
    loggers = [logging.getLogger(), *(logging.getLogger(n) for n in names)]
    handlers = {
        handler
        for logger in loggers
        for handler in getattr(logger, "handlers", [])
        if not type(handler).__module__.startswith("_pytest")  # pytest's own capture
        # A library's NullHandler (added when another test imports it) writes nowhere.
        and not isinstance(handler, logging.NullHandler)
    }

    assert handlers
    assert [h for h in handlers if not any(isinstance(f, RedactSecrets) for f in h.filters)] == []
