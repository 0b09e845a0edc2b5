"""The agreement as a PDF (WeasyPrint): it holds the agreement's text, downloads
under a sensible name, and a server that cannot make PDFs answers 503, not 500."""

import io
import sys

import pytest
from pypdf import PdfReader

from consortia.core import pdf
from consortia.core.testing import SCRIPT, problem_message, text

from .conftest import VISION, published_in


def pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


def pdf_url(version) -> str:
    return f"/partnerships/{version.partnership.uuid}/agreement/versions/{version.uuid}/pdf/"


def test_the_pdf_holds_the_vision_objectives_and_endorsements(world, published, client_for):
    response = client_for("observer").get(pdf_url(published))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="carers-advice-partnership-agreement-version-1.pdf"'
    )
    assert response.content.startswith(b"%PDF-")
    words = pdf_text(response.content)
    assert VISION in words
    assert "Advise 200 carers a year" in words
    assert "Convener Org: not endorsed yet" in words


def test_the_pdf_shows_hostile_markup_as_text_and_fetches_nothing(world, client_for):
    version = published_in(world, vision=f"{SCRIPT} <img src='http://example.com/x.png'> Carers first.")

    response = client_for("convener_admin").get(pdf_url(version))

    assert response.status_code == 200
    assert "<script>alert(1)</script>" in pdf_text(response.content)


def test_a_draft_can_be_downloaded_and_says_it_is_a_draft(world, draft, client_for):
    response = client_for("partner_member").get(pdf_url(draft))

    assert "Draft, not yet published." in pdf_text(response.content)


def test_it_answers_503_when_weasyprint_cannot_be_loaded(world, published, client_for, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if its system libraries were missing

    response = client_for("observer").get(pdf_url(published))

    assert response.status_code == 503
    assert "cannot make PDF files" in problem_message(response)
    assert f"/agreement/versions/{published.uuid}/print/" in text(response)


def test_it_answers_503_when_rendering_fails_in_a_system_library(world, published, client_for, monkeypatch):
    class BrokenHTML:
        def __init__(self, **kwargs):
            pass

        def write_pdf(self):
            raise OSError("cannot load library 'libpango-1.0-0'")

    import weasyprint

    monkeypatch.setattr(weasyprint, "HTML", BrokenHTML)

    response = client_for("observer").get(pdf_url(published))

    assert response.status_code == 503


def test_pdf_render_refuses_to_fetch_urls():
    """The fetcher allows no protocol, so no image or stylesheet URL is ever loaded."""
    fetcher = pdf._fetcher()
    fetch = getattr(fetcher, "fetch", fetcher)

    for address in ("file:///etc/passwd", "http://127.0.0.1/", "data:text/css,p{}"):
        with pytest.raises(ValueError):
            fetch(address)
