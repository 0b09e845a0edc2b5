"""gunicorn's access log, with the secrets of settings.LOG_SECRET_PATTERNS taken out
of every field (the request line, the path, the referrer...). `consortia serve`
passes this class as gunicorn's --logger-class (consortia/cli.py)."""

from typing import Any

from gunicorn.glogging import Logger

from .logging import redact


class RedactingLogger(Logger):
    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        return {
            key: redact(value) if isinstance(value, str) else value
            for key, value in super().atoms(resp, req, environ, request_time).items()
        }
