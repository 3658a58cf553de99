"""Flat tables: fixed columns, lossless flattening (extra), pandas dtypes, CSV and Parquet files."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport_parse as gp
from govreport_parse.export.dataset import write_tables
from govreport_parse.export.flat import iter_rows, record_rows
from govreport_parse.export.jsonl import dumps_line
from govreport_parse.export.tables import TABLES, column_names

from .conftest import ROOT, SEED

DOCS = ROOT / "docs" / "batch.md"


def seed_record() -> dict[str, Any]:
    return gp.parse(SEED).to_dict()


def as_dict(table: str, row: tuple[Any, ...]) -> dict[str, Any]:
    return dict(zip(column_names(table), row, strict=True))


def test_every_table_starts_with_the_key_and_has_unique_columns() -> None:
    for table, cols in TABLES.items():
        names = [c.name for c in cols]
        assert names[:2] == ["sha256", "source_name"], table
        assert len(set(names)) == len(names), table


def test_rows_match_the_record() -> None:
    record = seed_record()
    facts = [as_dict("facts", r) for r in record_rows(record, "facts")]
    assert len(facts) == len(record["facts"])
    for row, fact in zip(facts, record["facts"], strict=True):
        assert row["text"] == fact["text"] == record["text"][row["start"] : row["end"]]
        assert row["kind"] == fact["kind"]
        assert row["sha256"] == record["source"]["sha256"]
    sections = [as_dict("sections", r) for r in record_rows(record, "sections")]
    ids = {s["id"] for s in sections}
    assert all(s["parent_id"] is None or s["parent_id"] in ids for s in sections)
    report = as_dict("reports", record_rows(record, "reports")[0])
    assert report["n_facts"] == len(record["facts"]) and report["n_sections"] == len(sections)
    assert report["year"] == 2018 and report["issuer"] == "张店区人民政府"


def test_contact_fields_are_renamed_not_lost() -> None:
    record = {
        "source": {"sha256": "a" * 64, "name": "x.txt"},
        "facts": [{"kind": "contact", "text": "0533-2869836", "start": 0, "end": 12, "type": "phone",
                   "value": "0533-2869836"}],
    }
    row = as_dict("facts", record_rows(record, "facts")[0])
    assert row["contact_type"] == "phone" and row["contact_value"] == "0533-2869836"
    assert row["value"] is None and row["extra"] is None


def test_unknown_and_ill_typed_fields_go_to_extra() -> None:
    record = {
        "source": {"sha256": "b" * 64, "name": "y.txt"},
        "facts": [{"kind": "quantity", "text": "三件", "start": 0, "end": 2, "value": "三", "novel": [1, 2]}],
        "metrics": {"requests_received": {"value": 12, "source": "text", "derived": "no"}},
    }
    fact = as_dict("facts", record_rows(record, "facts")[0])
    assert fact["value"] is None
    assert json.loads(fact["extra"]) == {"value": "三", "novel": [1, 2]}
    metric = as_dict("metrics", record_rows(record, "metrics")[0])
    assert metric["name"] == "requests_received" and metric["value"] == 12.0
    assert json.loads(metric["extra"]) == {"derived": "no"}
    report = as_dict("reports", record_rows(record, "reports")[0])
    assert report["requests_received"] == 12.0


json_scalar = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False) | st.text(max_size=6)
)
RESERVED = {"sha256", "source_name", "index", "extra", "contact_type", "contact_value"}
FACT_KEYS = [c for c in column_names("facts") if c not in RESERVED] + ["other", "type"]


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(FACT_KEYS), json_scalar, max_size=12))
def test_flattening_a_fact_is_lossless(fact: dict[str, Any]) -> None:
    record = {"source": {"sha256": "c" * 64, "name": "z.txt"}, "facts": [fact]}
    row = as_dict("facts", record_rows(record, "facts")[0])
    extra = json.loads(row["extra"]) if row["extra"] else {}
    renames = {"type": "contact_type", "value": "contact_value"} if fact.get("kind") == "contact" else {}
    for key, value in fact.items():
        column = renames.get(key, key)
        if column in extra or key in extra:
            assert extra.get(column, extra.get(key)) == value
        else:
            got = row[column]
            if isinstance(value, float) or (isinstance(got, float) and not isinstance(value, bool)):
                assert value is not None and math.isclose(float(got), float(value), rel_tol=1e-12)
            else:
                assert got == value


def test_to_pandas_dtypes_and_to_frame() -> None:
    report = gp.parse(SEED)
    facts = report.to_frame()
    assert list(facts.columns) == column_names("facts")
    assert str(facts["start"].dtype) == "Int64" and str(facts["page"].dtype) == "Int32"
    assert str(facts["value"].dtype) == "float64" and str(facts["year_inferred"].dtype) == "boolean"
    reports = gp.to_pandas([report, report.to_dict()], table="reports")
    assert len(reports) == 2 and reports["issuer"].tolist() == ["张店区人民政府"] * 2
    with pytest.raises(ValueError, match="unknown table"):
        gp.to_pandas([report], table="nope")


def test_to_pandas_reads_a_reports_jsonl(tmp_path: Path) -> None:
    record = seed_record()
    path = tmp_path / "reports.jsonl"
    path.write_bytes(dumps_line(record) + b'{"partial')
    frame = gp.to_pandas(path, table="metrics")
    assert len(frame) == len(record["metrics"])
    assert next(iter(iter_rows(path, "reports")))[0] == record["source"]["sha256"]


def test_write_tables_csv_and_parquet(tmp_path: Path) -> None:
    import pandas as pd

    record = seed_record()
    (tmp_path / "reports.jsonl").write_bytes(dumps_line(record) * 2)
    counts = write_tables(tmp_path / "reports.jsonl", tmp_path, ("csv", "parquet"))
    assert counts["reports"] == 2 and counts["facts"] == 2 * len(record["facts"])
    for table in TABLES:
        assert (tmp_path / f"{table}.csv").read_bytes()[:3] == b"\xef\xbb\xbf"
        frame = pd.read_parquet(tmp_path / f"{table}.parquet")
        assert list(frame.columns) == column_names(table) and len(frame) == counts[table]
    assert not list(tmp_path.glob("*.tmp*"))


def test_empty_tables_keep_their_schema(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    (tmp_path / "reports.jsonl").write_bytes(b"")
    write_tables(tmp_path / "reports.jsonl", tmp_path, ("parquet",))
    assert pq.read_schema(tmp_path / "checks.parquet").names == column_names("checks")


def test_docs_describe_every_column() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for table, cols in TABLES.items():
        assert f"### {table}" in text, table
        section = text.split(f"### {table}", 1)[1].split("\n### ", 1)[0]
        for col in cols:
            assert f"| `{col.name}` | {col.type} |" in section, (table, col.name)
