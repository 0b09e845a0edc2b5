"""Files for download: the canvas as CSV (one file per section) and as JSON.

CSV cells that a spreadsheet would read as a formula (starting with = + - @, or a
tab or carriage return that some spreadsheets skip before one) get a leading
single quote, so a pledge described as "=HYPERLINK(…)" stays text. Numbers are
written as numbers: a negative baseline is data, not a formula.
"""

import csv
import json
from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils.text import slugify

from consortia.partnerships.models import Partnership

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (Decimal, int)):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def export_filename(partnership: Partnership, section: str, extension: str) -> str:
    """Like "carers-advice-partnership-canvas-needs.csv": only letters, digits and
    hyphens, so the Content-Disposition header needs no quoting rules."""
    name = slugify(partnership.name)[:60].strip("-") or "partnership"
    return f"{name}-canvas{f'-{section}' if section else ''}.{extension}"


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def csv_response(filename: str, header: list[str], rows: list[list[Any]]) -> HttpResponse:
    # The byte-order mark makes spreadsheet programs read the file as UTF-8 (£, names).
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([csv_cell(h) for h in header])
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return _attachment(response, filename)


def json_response(filename: str, document: dict[str, Any]) -> HttpResponse:
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    return _attachment(response, filename)
