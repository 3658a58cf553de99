"""Review pages in a batch: each drawn from its reports.jsonl line rebuilt with Report.from_dict."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import lxml.html

from govreport_parse import Report
from govreport_parse.batch.run import run_batch
from govreport_parse.view import page_name, render_page

from .conftest import FIXTURES

_NAMES = ("narrative-2017.txt", "standard-2021.txt")


def _inputs(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for name in _NAMES:
        shutil.copy(FIXTURES / "generated" / name, src)
    return src


def test_batch_pages_are_the_pages_of_the_rebuilt_reports(tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = run_batch([_inputs(tmp_path)], out, workers=0, formats=(), progress=False, view=True)
    assert summary.records == 2 and not summary.notes
    lines = (out / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    for line in lines:
        report = Report.from_dict(json.loads(line))
        page = out / "view" / page_name(report)
        assert page.read_text(encoding="utf-8") == render_page(report)
    index = lxml.html.document_fromstring((out / "view" / "index.html").read_text(encoding="utf-8"))
    assert len(index.xpath('//table[contains(@class, "docs")]/tbody/tr')) == 2


def test_index_leaves_out_a_record_of_another_schema_and_says_so(tmp_path: Path) -> None:
    src, out = _inputs(tmp_path), tmp_path / "out"
    run_batch([src], out, workers=0, formats=(), progress=False, view=True)
    path = out / "reports.jsonl"
    data = path.read_bytes()
    first = data.index(b"\n")
    # the same number of bytes, so the journal's offsets still hold: a record an older parser wrote
    old = data[:first].replace(b'"schema_version":"1.0"', b'"schema_version":"0.9"', 1)
    assert old != data[:first] and len(old) == first
    path.write_bytes(old + data[first:])
    summary = run_batch([src], out, workers=0, formats=(), progress=False, view=True, resume=True)
    assert summary.records == 2
    assert len(summary.notes) == 1
    assert "leaves out 1 unreadable record" in summary.notes[0] and "schema_version" in summary.notes[0]
    index = lxml.html.document_fromstring((out / "view" / "index.html").read_text(encoding="utf-8"))
    assert len(index.xpath('//table[contains(@class, "docs")]/tbody/tr')) == 1
