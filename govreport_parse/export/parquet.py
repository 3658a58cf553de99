"""Parquet: the flat tables with an explicit Arrow schema in fixed column order.

Rows are buffered and written in row groups, so a table larger than memory
streams through.  pyarrow loads on first use.

>>> import os, tempfile
>>> path = os.path.join(tempfile.mkdtemp(), "checks.parquet")
>>> w = ParquetTableWriter(path, "checks")
>>> w.write([("ab" * 32, "a.txt", 0, "sum", "pass", 3.0, 3.0, "", "[]", None)])
>>> w.close()
>>> import pyarrow.parquet as pq
>>> pq.read_table(path).column_names[:5]
['sha256', 'source_name', 'index', 'rule', 'status']
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from .flat import arrow_schema, rows_to_arrow

__all__ = ["ParquetTableWriter"]


class ParquetTableWriter:
    """Stream rows of one table into a Parquet file (zstd-compressed row groups)."""

    def __init__(self, path: str | os.PathLike[str], table: str, *, group_rows: int = 50_000) -> None:
        import pyarrow.parquet as pq

        self.table = table
        self.rows = 0
        self._group_rows = group_rows
        self._buffer: list[tuple[Any, ...]] = []
        self._writer = pq.ParquetWriter(os.fspath(path), arrow_schema(table), compression="zstd")

    def write(self, rows: Iterable[tuple[Any, ...]]) -> None:
        """Append rows (tuples in column order)."""
        for row in rows:
            self._buffer.append(row)
            self.rows += 1
            if len(self._buffer) >= self._group_rows:
                self._flush()

    def _flush(self) -> None:
        if self._buffer:
            self._writer.write_table(rows_to_arrow(self._buffer, self.table))
            self._buffer = []

    def close(self) -> None:
        """Write what is buffered and finish the file (an empty table keeps its schema)."""
        self._flush()
        self._writer.close()
