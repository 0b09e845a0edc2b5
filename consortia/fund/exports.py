"""The accountant's exports of a fund: CSV and XLSX (openpyxl), one row per
transaction (selectors.export_rows). Cells that a spreadsheet would read as a formula
(starting with =, +, - or @) are written as text, so a payee's name cannot run one."""

import csv
import io
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]

from .selectors import EXPORT_HEADER

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def export_csv(rows: Iterable[list[Any]]) -> str:
    """The rows as CSV text with a header."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_HEADER)
    for row in rows:
        writer.writerow(
            [
                v.isoformat() if isinstance(v, date) else f"{v:.2f}" if isinstance(v, Decimal) else _safe(v)
                for v in row
            ]
        )
    return out.getvalue()


def export_xlsx(rows: Iterable[list[Any]], title: str) -> bytes:
    """The rows as an XLSX workbook: dates as dates, money as numbers to two places."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Transactions"
    sheet.append(EXPORT_HEADER)
    for row in rows:
        sheet.append([_safe(v) for v in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, Decimal | float | int):
                cell.number_format = "#,##0.00"
            elif isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    book.properties.title = title[:200]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
