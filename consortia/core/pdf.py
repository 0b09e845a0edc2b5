"""The one module that makes PDFs (WeasyPrint), for every app that offers one (the
agreement's versions, the advantage page). Tests patch this seam.

WeasyPrint needs Pango and a font from the operating system (Debian:
libpango-1.0-0, libpangoft2-1.0-0, fonts-dejavu-core). Without them importing it
raises OSError; `pdf_render` turns that into PdfUnavailable, which views answer
with a 503 page instead of a 500.
"""

import logging
from typing import Any, NoReturn

logger = logging.getLogger(__name__)
# WeasyPrint logs every rendering step at INFO; only its warnings are news.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


class PdfUnavailable(Exception):
    """PDFs cannot be made on this server just now."""


def _refuse_fetch(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    raise ValueError(f"PDF rendering does not fetch {url!r}")


def _fetcher() -> Any:
    """Nothing is fetched while rendering: the document carries its own styles, and
    text that partners wrote must never make the server load a URL. (WeasyPrint 66
    and later take a URLFetcher allowed no protocol; earlier ones a function.)"""
    try:
        from weasyprint.urls import URLFetcher
    except ImportError:
        return _refuse_fetch
    return URLFetcher(allowed_protocols=())


def pdf_render(html: str) -> bytes:
    """The PDF of a self-contained HTML document."""
    try:
        from weasyprint import HTML  # imported here: it loads system libraries
    except (ImportError, OSError) as error:
        logger.error("WeasyPrint cannot be loaded: %s", error)
        raise PdfUnavailable(str(error)) from error
    try:
        document: bytes = HTML(string=html, url_fetcher=_fetcher()).write_pdf()
        return document
    except OSError as error:  # a library or font that went missing after import
        logger.error("WeasyPrint could not render a PDF: %s", error)
        raise PdfUnavailable(str(error)) from error
