"""Build the flat tables (CSV and/or Parquet) from a ``reports.jsonl`` in one pass.

Each file is written under a temporary name and moved into place with
``os.replace``, so a reader never sees a half-written table.

>>> import os, tempfile, govreport_parse as gp
>>> from govreport_parse.export.jsonl import dumps_line
>>> out = tempfile.mkdtemp()
>>> r = gp.parse_text("某区人民政府2018年政府信息公开工作年度报告\\n一、概述\\n办结率100%。", name="a.txt")
>>> with open(os.path.join(out, "reports.jsonl"), "wb") as fh:
...     _ = fh.write(dumps_line(r.to_dict()))
>>> write_tables(os.path.join(out, "reports.jsonl"), out, ("csv",))["reports"]
1
>>> with open(os.path.join(out, "facts.csv"), encoding="utf-8-sig") as fh:
...     fh.readline()[:19]
'sha256,source_name,'
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from .flat import record_rows
from .jsonl import read_jsonl
from .panel import PanelBuilder
from .reuse import ReuseBuilder, reuse_available
from .tables import TABLES

__all__ = ["write_tables"]


def write_tables(
    reports_jsonl: str | os.PathLike[str],
    outdir: str | os.PathLike[str],
    formats: Sequence[str] = ("csv", "parquet"),
    *,
    limit: int | None = None,
) -> dict[str, int]:
    """Write ``<table>.csv`` / ``<table>.parquet`` for every flat table, the ``panel`` and,
    with ``datasketch`` installed, the ``reuse`` table (docs/panel.md); ``duckdb`` in
    ``formats`` also writes ``govreport.duckdb``
    (:func:`~govreport_parse.export.duckdb.write_duckdb`). Returns rows per table.

    ``limit`` reads only the first ``limit`` bytes of ``reports_jsonl`` (its committed length).
    """
    if "duckdb" in formats:
        from .duckdb import write_duckdb

        return write_duckdb(reports_jsonl, outdir, formats, limit=limit)
    from .csv import CsvTableWriter
    from .parquet import ParquetTableWriter

    out = os.fspath(outdir)
    pid = os.getpid()
    temps: list[tuple[str, str]] = []
    writers: list[tuple[str, Any]] = []
    streams = []
    try:
        for table in TABLES:
            if "csv" in formats:
                final = os.path.join(out, f"{table}.csv")
                tmp = f"{final}.tmp{pid}"
                stream = open(tmp, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
                streams.append(stream)
                writers.append((table, CsvTableWriter(stream, table)))
                temps.append((tmp, final))
            if "parquet" in formats:
                final = os.path.join(out, f"{table}.parquet")
                tmp = f"{final}.tmp{pid}"
                writers.append((table, ParquetTableWriter(tmp, table)))
                temps.append((tmp, final))
        counts = dict.fromkeys(TABLES, 0)
        panel = PanelBuilder()
        reuse = ReuseBuilder() if writers and reuse_available() else None
        if writers and os.path.exists(reports_jsonl):
            for record in read_jsonl(reports_jsonl, limit=limit):
                panel.add(record)
                if reuse is not None:
                    reuse.add(record)
                for table in TABLES:
                    rows = record_rows(record, table)
                    counts[table] += len(rows)
                    for name, writer in writers:
                        if name == table:
                            writer.write(rows)
        if writers:
            derived = {"panel": panel.rows()}
            if reuse is not None:
                derived["reuse"] = reuse.rows()
            for table, rows in derived.items():
                counts[table] = len(rows)
                if "csv" in formats:
                    final = os.path.join(out, f"{table}.csv")
                    tmp = f"{final}.tmp{pid}"
                    stream = open(tmp, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
                    streams.append(stream)
                    csv_writer = CsvTableWriter(stream, table)
                    csv_writer.write(rows)
                    writers.append((table, csv_writer))
                    temps.append((tmp, final))
                if "parquet" in formats:
                    final = os.path.join(out, f"{table}.parquet")
                    tmp = f"{final}.tmp{pid}"
                    pq_writer = ParquetTableWriter(tmp, table)
                    pq_writer.write(rows)
                    writers.append((table, pq_writer))
                    temps.append((tmp, final))
        for _, writer in writers:
            if hasattr(writer, "close"):
                writer.close()
        for stream in streams:
            stream.close()
        for tmp, final in temps:
            os.replace(tmp, final)
        return counts
    finally:
        for stream in streams:
            stream.close()
        for tmp, _ in temps:
            if os.path.exists(tmp):
                os.remove(tmp)
