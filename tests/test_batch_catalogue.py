"""A batch over the whole bad-input catalogue plus the fixtures finishes, records every bad
file as a failure with its expected error type and message, and every good file as a record.

Runs ``govreport-parse batch <folder> -o <out> --workers 2`` as a subprocess. Cases with a
per-case config (a lowered limit) are left out: a batch applies one config to every file.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from govreport_parse.batch.inputs import REPORT_SUFFIXES

from .conftest import FIXTURES, ROOT, SEED

#: Parse for tens of seconds with two workers on a busy machine; the catalogue test covers them.
SLOW = {"numbers-100k.txt", "prose-line-4mb.txt"}
BATCH_SECONDS = 600


def _catalogue_module() -> Any:
    name = "make_bad_inputs"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / "make_bad_inputs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


CATALOGUE = _catalogue_module()
CASES = {
    case.name: case
    for case, _ in CATALOGUE.BUILDERS
    if not case.config and case.name not in SLOW and case.name.lower().endswith(REPORT_SUFFIXES)
}
FORMATS = (".pdf", ".docx", ".html", ".txt")
GENERATED = sorted(p for p in (FIXTURES / "generated").iterdir() if p.suffix in FORMATS)
GOOD_FIXTURES = [SEED, *GENERATED]


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("batch-catalogue")
    inputs = root / "in"
    built = root / "built"
    built.mkdir()
    (inputs / "catalogue").mkdir(parents=True)
    for case, make in CATALOGUE.BUILDERS:
        if case.name in CASES:
            (inputs / "catalogue" / case.name).write_bytes(make(built))
    (inputs / "fixtures" / "generated").mkdir(parents=True)
    shutil.copy(SEED, inputs / "fixtures" / SEED.name)
    for path in GOOD_FIXTURES[1:]:
        shutil.copy(path, inputs / "fixtures" / "generated" / path.name)
    out = root / "out"
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "govreport_parse", "batch", str(inputs), "-o", str(out), "--workers", "2"],
        capture_output=True,
        text=True,
        timeout=BATCH_SECONDS,
    )
    seconds = time.perf_counter() - t0
    manifest = _jsonl(out / "manifest.jsonl")
    return {
        "proc": proc,
        "seconds": seconds,
        "inputs": inputs,
        "manifest": {Path(r["name"]).name: r for r in manifest},
        "manifest_rows": manifest,
        "failures": {r["path"]: r for r in _jsonl(out / "failures.jsonl")},
        "reports": {r["source"]["name"]: r for r in _jsonl(out / "reports.jsonl")},
    }


def _outcome(batch: dict[str, Any], name: str) -> tuple[str, dict[str, Any]]:
    """``("ok", record)`` or ``("failed", failure)`` for the input named ``name``, following
    a duplicate (same bytes) to the input it repeats."""
    row = batch["manifest"][name]
    if row["status"] == "duplicate":
        row = batch["manifest"][Path(row["duplicate_of"]).name]
    if row["status"] == "ok":
        return "ok", batch["reports"][row["name"]]
    assert row["status"] == "failed", row
    return "failed", batch["failures"][row["name"]]


def test_batch_finishes_with_exit_code_1(batch: dict[str, Any]) -> None:
    proc = batch["proc"]
    assert proc.returncode == 1, proc.stderr[-3000:]
    assert "failures:" in proc.stdout + proc.stderr


def test_every_input_is_accounted_for_once(batch: dict[str, Any]) -> None:
    names = [Path(r["name"]).name for r in batch["manifest_rows"]]
    assert len(names) == len(set(names))
    assert set(names) == set(CASES) | {p.name for p in GOOD_FIXTURES}
    assert {r["status"] for r in batch["manifest_rows"]} <= {"ok", "failed", "duplicate"}


def test_no_crash_and_no_internal_error(batch: dict[str, Any]) -> None:
    kinds = {f["error_type"] for f in batch["failures"].values()}
    assert not kinds & {"WorkerCrashedError", "InternalError"}, kinds


@pytest.mark.parametrize("name", sorted(n for n, c in CASES.items() if c.expect != "ok"))
def test_bad_case_is_a_failure_with_its_error(name: str, batch: dict[str, Any]) -> None:
    case = CASES[name]
    status, failure = _outcome(batch, name)
    assert status == "failed", f"{name} parsed in the batch"
    assert failure["error_type"] in case.expect.split("|"), failure
    assert Path(failure["path"]).name in (name, Path(batch["manifest"][name].get("duplicate_of") or "").name)
    assert failure["path"].startswith(str(batch["inputs"])), "the failure names the file by its path"
    for word in case.words:
        assert word.lower() in failure["message"].lower(), (name, word, failure["message"])


@pytest.mark.parametrize(
    "name", sorted([n for n, c in CASES.items() if c.expect == "ok"] + [p.name for p in GOOD_FIXTURES])
)
def test_good_file_is_a_record(name: str, batch: dict[str, Any]) -> None:
    status, record = _outcome(batch, name)
    assert status == "ok", f"{name} failed: {record}"
    assert record["text"] and record["facts"], name


def test_batch_time(batch: dict[str, Any]) -> None:
    assert batch["seconds"] < BATCH_SECONDS / 2, f"the batch took {batch['seconds']:.0f} s"
