"""DuckDB: every flat table and the panel in one database file, with a ``panel`` view.

``govreport.duckdb`` holds the tables ``reports``, ``sections``, ``facts``, ``metrics``,
``checks``, ``reuse`` (when written) and ``panel_rows`` (the panel, docs/panel.md), and
the view ``panel`` over ``panel_rows`` ordered by issuer and year. The tables are loaded
from the Parquet files
(written beside it when ``parquet`` is asked for too, else in a temporary folder removed
afterwards). The ``duckdb`` package is an optional extra (``pip install govreport-parse[duckdb]``);
without it :class:`~govreport_parse.errors.DependencyMissingError` is raised.

One SQL line then answers a cross-year question::

    SELECT year, requests_received, requests_disclosed FROM panel WHERE region_code = '350128'
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Sequence

from ..errors import DependencyMissingError
from .tables import ALL_TABLES

__all__ = ["DUCKDB_FILE", "write_duckdb"]

#: The database file's name in the output folder.
DUCKDB_FILE = "govreport.duckdb"

#: The panel view: the panel table ordered by issuer and year.
PANEL_VIEW = "CREATE VIEW panel AS SELECT * FROM panel_rows ORDER BY issuer_canonical, year"


def write_duckdb(
    reports_jsonl: str | os.PathLike[str],
    outdir: str | os.PathLike[str],
    formats: Sequence[str] = ("duckdb",),
    *,
    limit: int | None = None,
) -> dict[str, int]:
    """Write ``govreport.duckdb`` (and the CSV / Parquet tables ``formats`` asks for); rows per table."""
    try:
        import duckdb
    except ImportError:
        raise DependencyMissingError(
            "--format duckdb needs the duckdb package (pip install 'govreport-parse[duckdb]')"
        ) from None
    from .dataset import write_tables

    out = os.fspath(outdir)
    keep_parquet = "parquet" in formats
    files = [f for f in formats if f in ("csv", "parquet")]
    scratch = None if keep_parquet else tempfile.mkdtemp(prefix=".duckdb-", dir=out)
    try:
        if scratch is not None:
            counts = write_tables(reports_jsonl, scratch, ("parquet",), limit=limit)
            if "csv" in files:
                write_tables(reports_jsonl, out, ("csv",), limit=limit)
        else:
            counts = write_tables(reports_jsonl, out, files, limit=limit)
        where = scratch or out
        final = os.path.join(out, DUCKDB_FILE)
        tmp = f"{final}.tmp{os.getpid()}"
        if os.path.exists(tmp):
            os.remove(tmp)
        con = duckdb.connect(tmp)
        try:
            for table in ALL_TABLES:
                name = "panel_rows" if table == "panel" else table
                path = os.path.join(where, f"{table}.parquet")
                if not os.path.exists(path):  # reuse: written only with datasketch installed
                    continue
                path = path.replace("'", "''")
                con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_parquet('{path}')")
            con.execute(PANEL_VIEW)
        finally:
            con.close()
        os.replace(tmp, final)
        return counts
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
