"""CSV cells a spreadsheet would run as a formula are escaped (OWASP: a leading single quote);
numbers, and text that merely contains those characters, are written as they are."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from govreport_parse.batch import run_batch
from govreport_parse.export.csv import CsvTableWriter

from .conftest import SEED

ESCAPED = [
    ("=1+2", "'=1+2"),
    ('=HYPERLINK("http://evil.example","点击")', '\'=HYPERLINK("http://evil.example","点击")'),
    ("+86-533-1234567", "'+86-533-1234567"),
    ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\t=1+2", "'\t=1+2"),
    ("\r=1+2", "'\r=1+2"),
    ("-", "'-"),
]
KEPT = [
    ("受理申请=12件", "受理申请=12件"),  # the sign inside the text, not first
    ("＝1+2", "＝1+2"),  # a full-width sign is no formula
    (" =1", " =1"),
    ("'=1", "'=1"),
    ("", ""),
    (-3, "-3"),  # numbers stay numbers
    (-2.5, "-2.5"),
    (-4.0, "-4"),
    (None, ""),
    (False, "false"),
]


@pytest.mark.parametrize(("value", "written"), ESCAPED + KEPT)
def test_cell_value(value: object, written: str) -> None:
    assert CsvTableWriter.format_value(value) == written


def test_round_trip_through_the_csv_module() -> None:
    stream = io.StringIO()
    writer = CsvTableWriter(stream, "sections")
    width = len(next(csv.reader(io.StringIO(stream.getvalue()))))
    rows = [tuple([v] + [None] * (width - 1)) for v, _ in ESCAPED + KEPT]
    writer.write(rows)
    got = list(csv.reader(io.StringIO(stream.getvalue(), newline="")))[1:]
    assert [r[0] for r in got] == [w for _, w in ESCAPED + KEPT]


def test_batch_tables_hold_no_formula(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Inputs named like formulas, with formula headings: no CSV cell of the batch starts with one."""
    text = SEED.read_text("utf-8") + '\n八、=HYPERLINK("http://x")\n受理申请12件\n九、@SUM(A1)\n办结10件\n'
    monkeypatch.chdir(tmp_path)
    names = ["=HYPERLINK(1).txt", "@SUM(A1).txt", "+1.txt", "-1+1.txt"]
    for i, name in enumerate(names):
        Path(name).write_text(text + f"附{i}\n", "utf-8")
    out = tmp_path / "out"
    run_batch(names, os.fspath(out), workers=0, formats=("jsonl", "csv"), progress=False)
    escaped = sum(t.read_text("utf-8-sig").count(f"'{c}") for t in out.glob("*.csv") for c in "=@+-")
    assert escaped >= 4 * len(names), "the formula-like names and headings reach the tables, escaped"
    cells = 0
    for table in out.glob("*.csv"):
        for row in csv.reader(io.StringIO(table.read_text("utf-8-sig"), newline="")):
            for cell in row:
                cells += 1
                if cell[:1] in ("=", "+", "@", "\t", "\r"):
                    raise AssertionError(f"{table.name}: formula cell {cell!r}")
                if cell.startswith("-"):
                    float(cell)  # a leading minus only on a number
    assert cells > 100
