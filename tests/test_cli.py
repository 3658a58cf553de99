"""The command line: outline, JSON record, review page, and the exit codes of SPEC §4."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from govreport_parse.cli import main

from .conftest import SEED


def test_outline_shows_metadata_tree_metrics_and_artifacts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(SEED)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "张店区人民政府2018年政府信息公开工作年度报告"
    assert "issuer: 张店区人民政府" in out and "year: 2018" in out and "layout: narrative" in out
    assert "七 存在的主要问题及改进措施" in out
    assert "requests_received            142 件" in out
    assert "image_marker 5" in out


def test_json_is_the_dataset_record(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(SEED), "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["schema_version"] == "1.0"
    assert [s["number"] for s in record["sections"]] == ["一", "二", "三", "四", "五", "六", "七"]
    for fact in record["facts"]:
        assert record["text"][fact["start"] : fact["end"]] == fact["text"]


def test_view_writes_a_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.html"
    assert main(["view", str(SEED), "-o", str(page)]) == 0
    assert "张店区人民政府2018年政府信息公开工作年度报告" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("argv", "code", "words"),
    [
        (["/nonexistent/report.pdf"], 2, "does not exist"),
        ([], 2, "required"),
        ([str(SEED), "--limit", "bogus=1"], 2, "unknown limits setting 'bogus'"),
        ([str(SEED), "--limit", "max_pages"], 2, "NAME=VALUE"),
        (["batch", str(SEED), "-o", "x", "--format", "xml"], 2, "unknown --format xml"),
        (["batch", str(SEED), "-o", "x", "--executor", "dask"], 2, "--scheduler"),
    ],
)
def test_exit_codes(argv: list[str], code: int, words: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == code
    assert words in capsys.readouterr().err


def test_python_dash_m_runs_the_cli() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "govreport_parse", str(SEED)], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0
    assert proc.stdout.startswith("张店区人民政府2018年政府信息公开工作年度报告")
