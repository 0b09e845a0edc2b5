"""Secrets in URL paths (a calendar feed's token) kept out of the logs.

A calendar client can only be given a URL, so the feed's token is in the path, and a
path reaches the logs in three ways: Django's `django.request` logger ("Not Found:
/calendar/<token>.ics", for a revoked link), the `request` it attaches to that record
(which the JSON formatter writes out as an extra field), and gunicorn's access log.
`RedactSecrets` (a filter on the handler in settings.LOGGING, so every logger's
records pass it) covers the first two; consortia/core/access_log.py the third.

settings.LOG_SECRET_PATTERNS lists regular expressions whose group named `secret` is
replaced by "[redacted]"; an app with a secret in its URLs adds its pattern there.
"""

import logging
import re
from functools import cache

from django.conf import settings

REDACTED = "[redacted]"

# The attributes every LogRecord has; anything else on a record came from `extra=`
# (Django's `request` and `status_code`) and a formatter may write it out.
_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


@cache
def _patterns(sources: tuple[str, ...]) -> list[re.Pattern[str]]:
    return [re.compile(source) for source in sources]


def redact(text: str) -> str:
    """`text` with every secret that settings.LOG_SECRET_PATTERNS finds replaced."""
    for pattern in _patterns(tuple(getattr(settings, "LOG_SECRET_PATTERNS", ()))):
        text = pattern.sub(_replacer, text)
    return text


def _replacer(match: re.Match[str]) -> str:
    start, end = match.span("secret")
    whole = match.group(0)
    offset = match.start(0)
    return whole[: start - offset] + REDACTED + whole[end - offset :]


class RedactSecrets(logging.Filter):
    """Rewrites a record's message, and any extra attribute whose text holds a secret,
    before a handler formats it. Never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        for name, value in list(record.__dict__.items()):
            if name in _STANDARD or value is None or isinstance(value, int | float | bool):
                continue
            text = str(value)
            if (clean := redact(text)) != text:
                setattr(record, name, clean)
        return True
