"""A batch over the real reports in ../shared/corpus: every input accounted for exactly once."""

from __future__ import annotations

import json
import os
from pathlib import Path

from govreport_parse.batch import run_batch

from .conftest import CORPUS, need_shared


def test_real_reports_in_one_batch(tmp_path: Path) -> None:
    need_shared(CORPUS / "pdf")
    inputs = sorted(os.fspath(p) for p in (CORPUS / "pdf").glob("*.pdf"))
    inputs += sorted(os.fspath(p) for p in (CORPUS / "text").glob("*") if p.is_file())
    summary = run_batch(inputs, tmp_path / "out", workers=2, progress=False, formats=("parquet",))
    manifest = [json.loads(x) for x in (tmp_path / "out" / "manifest.jsonl").read_text("utf-8").splitlines()]
    assert [m["name"] for m in manifest] == inputs
    assert summary.parsed + summary.failed == len(inputs)
    assert summary.parsed >= len(inputs) - 1, (tmp_path / "out" / "failures.jsonl").read_text("utf-8")
    import pandas as pd

    reports = pd.read_parquet(tmp_path / "out" / "reports.parquet")
    assert len(reports) == summary.parsed
    pdfs = reports[reports["source_format"] == "pdf"]
    assert (pdfs["source_pages"] >= 5).all()
    assert set(reports["year"].dropna()) <= set(range(2008, 2026))
