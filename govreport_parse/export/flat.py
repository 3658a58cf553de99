"""Flatten dataset records into the fixed-column tables, and into pandas.

A row is a tuple in the column order of :data:`~govreport_parse.export.tables.TABLES`;
values are coerced to the column's type, and a value that does not fit the
column (or a field the schema does not name) goes to the ``extra`` JSON column.

>>> record = {"source": {"sha256": "ab" * 32, "name": "a.txt"}, "year": 2018,
...           "facts": [{"kind": "percentage", "text": "100%", "start": 9, "end": 13, "value": 100.0}]}
>>> row = dict(zip(column_names("facts"), next(iter_rows([record], "facts"))))
>>> row["kind"], row["value"], row["index"], row["extra"]
('percentage', 100.0, 0, None)
>>> frame = to_pandas([record], table="reports")
>>> int(frame.loc[0, "year"]), int(frame.loc[0, "n_facts"]), str(frame["year"].dtype)
(2018, 1, 'Int32')
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..model import Report
from .tables import FACT_RENAMES, HEADLINE_METRICS, TABLES, Column, column_names

__all__ = ["column_names", "iter_records", "iter_rows", "record_rows", "to_arrow", "to_pandas"]

Row = tuple[Any, ...]
Records = Iterable[Mapping[str, Any] | Report] | str | os.PathLike[str]


def _coerce(value: Any, col: Column) -> tuple[bool, Any]:
    """``(fits, value)``: the value converted to the column type, or ``fits=False``."""
    if value is None:
        return True, None
    t = col.type
    if t == "string":
        return (True, value) if isinstance(value, str) else (False, value)
    if t == "bool":
        return (True, value) if isinstance(value, bool) else (False, value)
    if isinstance(value, bool):
        return False, value
    if t == "float64":
        return (True, float(value)) if isinstance(value, (int, float)) else (False, value)
    if isinstance(value, int):
        bits = 31 if t == "int32" else 63
        return (True, value) if -(2**bits) <= value < 2**bits else (False, value)
    return False, value


def _row(table: str, fields: Mapping[str, Any], base: Mapping[str, Any]) -> Row:
    """Place ``fields`` into the columns of ``table``; leftovers go to ``extra``."""
    cols = TABLES[table]
    out: list[Any] = []
    used = set(base)
    extra: dict[str, Any] = {}
    for col in cols:
        if col.name == "extra":
            continue
        if col.name in base:
            out.append(base[col.name])
            continue
        fits, value = _coerce(fields.get(col.name), col)
        if col.name in fields:
            used.add(col.name)
            if not fits:
                extra[col.name] = value
                value = None
        out.append(value)
    for key, value in fields.items():
        if key not in used and key not in extra:
            extra[key] = value
    if cols[-1].name == "extra":
        out.append(json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None)
    return tuple(out)


def _walk_sections(sections: Iterable[Mapping[str, Any]], parent: str | None) -> Iterator[dict[str, Any]]:
    for s in sections:
        flat = {k: v for k, v in s.items() if k != "children"}
        flat["parent_id"] = parent
        yield flat
        yield from _walk_sections(s.get("children") or (), s.get("id"))


def record_rows(record: Mapping[str, Any], table: str) -> list[Row]:
    """The rows one record contributes to ``table``."""
    column_names(table)  # validates the name
    source = record.get("source") or {}
    key = {"sha256": source.get("sha256"), "source_name": source.get("name")}
    if table == "reports":
        return [_report_row(record, key)]
    if table == "sections":
        return [_row("sections", s, key) for s in _walk_sections(record.get("sections") or (), None)]
    if table == "facts":
        rows = []
        for i, fact in enumerate(record.get("facts") or ()):
            renames = FACT_RENAMES.get(str(fact.get("kind")), {})
            fields = {renames.get(k, k): v for k, v in fact.items()}
            rows.append(_row("facts", fields, {**key, "index": i}))
        return rows
    if table == "metrics":
        return [_row("metrics", {**m, "name": n}, key) for n, m in (record.get("metrics") or {}).items()]
    rows = []
    for i, check in enumerate(record.get("checks") or ()):
        fields = dict(check)
        refs = fields.pop("refs", None)
        if refs is not None:
            spans = [[r.get("start"), r.get("end")] if isinstance(r, Mapping) else r for r in refs]
            fields["refs"] = json.dumps(spans)
        rows.append(_row("checks", fields, {**key, "index": i}))
    return rows


def _report_row(record: Mapping[str, Any], key: Mapping[str, Any]) -> Row:
    source = record.get("source") or {}
    metrics = record.get("metrics") or {}
    sections = list(_walk_sections(record.get("sections") or (), None))
    checks = record.get("checks") or ()
    fields: dict[str, Any] = {
        "source_format": source.get("format"),
        "source_encoding": source.get("encoding"),
        "source_pages": source.get("pages"),
        "source_size": source.get("size"),
        "title": record.get("title"),
        "issuer": record.get("issuer"),
        "year": record.get("year"),
        "layout": record.get("layout"),
        "schema_version": record.get("schema_version"),
        "parser_version": record.get("parser_version"),
        "text_chars": len(record.get("text") or ""),
        "n_sections": len(sections),
        "n_facts": len(record.get("facts") or ()),
        "n_metrics": len(metrics),
        "n_checks": len(checks),
        "n_checks_failed": sum(1 for c in checks if c.get("status") == "fail"),
        "n_tables": len(record.get("tables") or ()),
        "n_artifacts": len(record.get("artifacts") or ()),
        "n_diagnostics": len(record.get("diagnostics") or ()),
    }
    for name in HEADLINE_METRICS:
        metric = metrics.get(name)
        fields[name] = metric.get("value") if isinstance(metric, Mapping) else None
    evidence = record.get("evidence")
    if isinstance(evidence, Mapping):
        fields["evidence_kind"] = evidence.get("kind")
        fields["evidence_score"] = evidence.get("score")
    return _row("reports", fields, key)


def iter_records(records: Records) -> Iterator[Mapping[str, Any]]:
    """Records as dicts from dicts, :class:`Report` objects or a ``reports.jsonl`` path."""
    if isinstance(records, (str, os.PathLike)):
        from .jsonl import read_jsonl

        yield from read_jsonl(_reports_path(records))
        return
    for r in records:
        yield r.to_dict() if isinstance(r, Report) else r


_GIVE = "give the output folder of a batch or a reports.jsonl"


def _reports_path(path: str | os.PathLike[str]) -> str:
    """``path`` itself, or the ``reports.jsonl`` of a batch output folder; a typed error otherwise.

    >>> import tempfile
    >>> from govreport_parse.errors import UnreadableFileError
    >>> try:
    ...     _reports_path(tempfile.mkdtemp())
    ... except UnreadableFileError as err:
    ...     print(err.message[:38])
    is a folder without a reports.jsonl; g
    """
    from ..errors import UnreadableFileError

    p = os.fspath(path)
    if os.path.isdir(p):
        inner = os.path.join(p, "reports.jsonl")
        if os.path.isfile(inner):
            return inner
        raise UnreadableFileError(f"is a folder without a reports.jsonl; {_GIVE}", path=p)
    if not os.path.exists(p):
        raise UnreadableFileError(f"does not exist; {_GIVE}", path=p)
    return p


def iter_rows(records: Records, table: str) -> Iterator[Row]:
    """Every row of ``table`` over ``records``, in record order."""
    column_names(table)
    for record in iter_records(records):
        yield from record_rows(record, table)


def arrow_schema(table: str) -> Any:
    """The explicit Arrow schema of ``table`` (``pyarrow.Schema``)."""
    import pyarrow as pa

    types = {"string": pa.string(), "int32": pa.int32(), "int64": pa.int64(),
             "float64": pa.float64(), "bool": pa.bool_()}
    column_names(table)
    schema = pa.schema([pa.field(c.name, types[c.type], nullable=True) for c in TABLES[table]])
    return schema.with_metadata({b"pandas": pandas_metadata(table).encode()})


PANDAS_DTYPES = {
    "string": "string", "int32": "Int32", "int64": "Int64", "float64": "float64", "bool": "boolean"
}
"""The pandas dtype of each column type: nullable integers, booleans and strings."""


def pandas_metadata(table: str) -> str:
    """The ``pandas`` schema metadata of ``table`` (JSON): readers that honour it
    (``pd.read_parquet``, ``pyarrow.Table.to_pandas``) restore the nullable dtypes, so
    counts and offsets with gaps stay integers instead of turning into float64.

    >>> json.loads(pandas_metadata("facts"))["columns"][2]["numpy_type"]
    'Int32'
    """
    columns = [
        {
            "name": c.name,
            "field_name": c.name,
            "pandas_type": {"string": "unicode", "bool": "boolean"}.get(c.type, c.type),
            "numpy_type": PANDAS_DTYPES[c.type],
            "metadata": None,
        }
        for c in TABLES[table]
    ]
    meta = {"index_columns": [], "column_indexes": [], "columns": columns,
            "creator": {"library": "govreport-parse"}, "pandas_version": "2.0.0"}
    return json.dumps(meta)


def rows_to_arrow(rows: list[Row], table: str) -> Any:
    """A ``pyarrow.Table`` of ``rows`` with the explicit schema of ``table``."""
    import pyarrow as pa

    schema = arrow_schema(table)
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(schema)
    arrays = [pa.array(list(col), type=field.type) for col, field in zip(columns, schema, strict=True)]
    return pa.Table.from_arrays(arrays, schema=schema)


def to_arrow(records: Records, table: str = "facts") -> Any:
    """One flat table over ``records`` as a ``pyarrow.Table``."""
    return rows_to_arrow(list(iter_rows(records, table)), table)


def to_pandas(records: Records, table: str = "facts") -> Any:
    """One flat table over ``records`` as a pandas DataFrame with the documented columns.

    ``records`` are :class:`Report` objects, record dicts, the path of a
    ``reports.jsonl`` or of a batch output folder (``gp.to_pandas("out/")``).
    Integer columns are nullable ``Int32``/``Int64``,
    booleans ``boolean``, text ``string``, numbers ``float64``.
    A path that is missing, or a folder without a ``reports.jsonl``, raises
    :class:`~govreport_parse.errors.UnreadableFileError`; an unknown ``table``
    a ``ValueError``.

    >>> import govreport_parse as gp
    >>> r = gp.parse_text("某区人民政府2018年政府信息公开工作年度报告\\n一、概述\\n办结率100%。")
    >>> facts = gp.to_pandas([r], table="facts")
    >>> facts[facts["kind"] == "percentage"][["text", "value", "section"]].values.tolist()
    [['100%', 100.0, '1']]
    """
    import pandas as pd
    import pyarrow as pa

    mapping = {
        pa.int32(): pd.Int32Dtype(),
        pa.int64(): pd.Int64Dtype(),
        pa.bool_(): pd.BooleanDtype(),
        pa.string(): pd.StringDtype(),
    }
    return to_arrow(records, table).to_pandas(types_mapper=mapping.get)
