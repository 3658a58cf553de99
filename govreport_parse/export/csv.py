"""CSV: the flat tables in UTF-8 with a BOM (so Excel shows Chinese correctly).

Empty cell = null; booleans are ``true``/``false``; whole numbers in float
columns are written without ``.0``. Text that a spreadsheet would run as a
formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is
prefixed with a single quote, as OWASP recommends against CSV injection; numbers
are written as they are.

>>> import io
>>> w = CsvTableWriter(io.StringIO(), "checks")
>>> w.format_value(2.0), w.format_value(92.2), w.format_value(None), w.format_value(True)
('2', '92.2', '', 'true')
>>> w.format_value("=1+2"), w.format_value(-3), w.format_value("-3"), w.format_value("a=b")
("'=1+2", '-3', "'-3", 'a=b')
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

from .tables import columns_of

__all__ = ["FORMULA_STARTS", "CsvTableWriter"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection)."""


class CsvTableWriter:
    """Write rows of one table to an open text stream (header first)."""

    def __init__(self, stream: TextIO, table: str) -> None:
        self._writer = csv.writer(stream, lineterminator="\r\n")
        self._writer.writerow([c.name for c in columns_of(table)])
        self.rows = 0

    @staticmethod
    def format_value(value: Any) -> str:
        """The CSV text of one cell value."""
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        text = str(value)
        if isinstance(value, str) and text.startswith(FORMULA_STARTS):
            return "'" + text
        return text

    def write(self, rows: Iterable[tuple[Any, ...]]) -> None:
        """Append rows (tuples in column order)."""
        fmt = self.format_value
        for row in rows:
            self._writer.writerow([fmt(v) for v in row])
            self.rows += 1
