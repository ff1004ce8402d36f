"""CSV and TSV: a header of record fields, RFC 4180 quoting, formula cells neutralized for spreadsheets."""

from __future__ import annotations

import csv
import io
from typing import Any

from ..model import FIELD_NAMES, Article, json_text
from .base import ExportOptions, StreamWriter, printable

BOM = "\ufeff".encode()
# A spreadsheet runs a cell starting with these as a formula (OWASP "CSV injection"); fullwidth forms too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def neutralize(cell: str) -> str:
    """Prefix a cell a spreadsheet would evaluate with an apostrophe, so it shows as text."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def cell(value: Any) -> str:
    """One field as cell text: '' for unknown or empty, lists and objects as compact JSON."""
    if value is None or value == []:
        return ""
    if isinstance(value, (list, dict)):
        return neutralize(json_text(value, separators=(", ", ": ")))
    return neutralize(str(value))


class DelimitedWriter(StreamWriter):
    """Rows of the record's known fields, in schema order, CRLF line ends as RFC 4180 asks."""

    def __init__(self, name: str, delimiter: str, summary: str) -> None:
        """A dialect: the name, the separator, and the help line."""
        self.name = name
        self.extension = name
        self.delimiter = delimiter
        self.summary = summary

    def _row(self, values: list[str]) -> bytes:
        """One quoted row."""
        buffer = io.StringIO()
        csv.writer(
            buffer, delimiter=self.delimiter, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n"
        ).writerow(values)
        return buffer.getvalue().encode("utf-8")

    def head(self, first: Article | None, single: bool, options: ExportOptions) -> bytes:
        """The optional byte order mark (for spreadsheets) and the header row."""
        return (BOM if options.bom else b"") + self._row(list(FIELD_NAMES))

    def item(self, article: Article, index: int, options: ExportOptions) -> bytes:
        """The article's row."""
        article = printable(article)
        return self._row([cell(getattr(article, name)) for name in FIELD_NAMES])


CSV = DelimitedWriter("csv", ",", "comma-separated values with a header row (lists as JSON; --bom for Excel)")
TSV = DelimitedWriter("tsv", "\t", "tab-separated values with a header row (lists as JSON; --bom for Excel)")
