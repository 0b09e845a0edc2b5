"""The advantage page as a PDF (WeasyPrint, through consortia/core/pdf.py): it holds
the page's case, downloads under a sensible name, shows hostile markup as text, and a
server that cannot make PDFs answers 503 with a way to print instead, not 500."""

import io
import sys

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from consortia.core.factories import MeasurementFactory, OutcomeFactory
from consortia.core.testing import SCRIPT, problem_message, text

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


def pdf_url(world) -> str:
    return reverse("progress:advantage_pdf", args=[world.partnership.uuid])


def test_the_pdf_holds_the_outcomes_and_the_case(world, indicator, client_for):
    MeasurementFactory(indicator=indicator, on=timezone.localdate(), value=45)

    response = client_for("observer").get(pdf_url(world))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="carers-advice-partnership-advantage.pdf"'
    assert response.content.startswith(b"%PDF-")
    words = pdf_text(response.content)
    assert "Our advantage" in words
    assert "1 outcome: 1 on track, 0 at risk, 0 off track." in words
    assert "Carers feel less alone" in words
    assert "Decisions taken together" in words and "Learning shared" in words


def test_the_pdf_shows_hostile_markup_as_text_and_fetches_nothing(world, client_for):
    OutcomeFactory(partnership=world.partnership, statement=f"{SCRIPT} <img src='http://example.com/x.png'>")

    response = client_for("partner_member").get(pdf_url(world))

    assert response.status_code == 200
    assert "<script>alert(1)</script>" in pdf_text(response.content)


def test_it_answers_503_when_weasyprint_cannot_be_loaded(world, client_for, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if its system libraries were missing

    response = client_for("observer").get(pdf_url(world))

    assert response.status_code == 503
    assert "cannot make PDF files" in problem_message(response)
    assert reverse("progress:advantage", args=[world.partnership.uuid]) in text(response)


def test_it_answers_503_when_rendering_fails_in_a_system_library(world, client_for, monkeypatch):
    class BrokenHTML:
        def __init__(self, **kwargs):
            pass

        def write_pdf(self):
            raise OSError("cannot load library 'libpango-1.0-0'")

    import weasyprint

    monkeypatch.setattr(weasyprint, "HTML", BrokenHTML)

    response = client_for("observer").get(pdf_url(world))

    assert response.status_code == 503
