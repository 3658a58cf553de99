"""Batch over many generated documents: records, failures, tables, resume after SIGKILL, Dask."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import govreport_parse as gp
from govreport_parse.batch import run_batch
from govreport_parse.cli import main
from govreport_parse.export.tables import TABLES, column_names

from .conftest import ROOT, SEED
from .test_batch_corpus import write_corpus

N_GOOD = 55
N_BAD = 5
TABLE_NAMES = tuple(TABLES)
Corpus = tuple[Path, dict[str, str]]
NO_LABELS = {"extract_labels": False}  # no jieba: fast worker start where labels do not matter


def read_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def records_by_sha(out: Path) -> dict[str, dict[str, Any]]:
    records = read_lines(out / "reports.jsonl")
    by_sha = {r["source"]["sha256"]: r for r in records}
    assert len(by_sha) == len(records), "a document appears twice in reports.jsonl"
    return by_sha


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    folder = tmp_path_factory.mktemp("corpus")
    return folder, write_corpus(folder, N_GOOD)


@pytest.fixture(scope="module")
def full_run(corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder, _ = corpus
    out = tmp_path_factory.mktemp("full") / "out"
    code = main(["batch", os.fspath(folder), "-o", os.fspath(out), "--workers", "2", "--quiet"])
    assert code == 1  # some inputs failed
    return out


def test_batch_records_and_failures(corpus: Corpus, full_run: Path) -> None:
    _, expected = corpus
    records = records_by_sha(full_run)
    assert len(records) == N_GOOD
    assert {r["source"]["name"] for r in records.values()} == {n for n, e in expected.items() if e == "ok"}
    failures = read_lines(full_run / "failures.jsonl")
    assert len(failures) == N_BAD
    for f in failures:
        assert f["error_type"] == expected[f["path"]], f
        assert len(f["message"]) > 20 and "please report" not in f["message"]
        assert f["sha256"] and len(f["sha256"]) == 64
    every = read_lines(full_run / "manifest.jsonl")
    # every file of the folder has a line: the files not taken say why (they come first)
    not_taken = [m for m in every if m["status"] == "skipped"]
    assert [(os.path.basename(m["name"]), m["reason"], m["detail"]) for m in not_taken] == [
        ("notes.json", "not a document", "JSON data")
    ]
    manifest = [m for m in every if m["status"] != "skipped"]
    assert [m["name"] for m in manifest] == sorted(expected)  # one line per input, in input order
    assert Counter(m["status"] for m in manifest) == {"ok": N_GOOD, "failed": N_BAD}
    for m in manifest:
        if m["status"] == "ok":
            rec = records[m["sha256"]]
            assert m["rows"]["facts"] == len(rec["facts"])
            assert m["rows"]["metrics"] == len(rec["metrics"])


def test_parquet_and_csv_tables_have_the_documented_columns(full_run: Path) -> None:
    import pandas as pd

    records = records_by_sha(full_run)
    for table in TABLE_NAMES:
        frame = pd.read_parquet(full_run / f"{table}.parquet")
        assert list(frame.columns) == column_names(table)
        csv_bytes = (full_run / f"{table}.csv").read_bytes()
        assert csv_bytes.startswith(b"\xef\xbb\xbf")  # BOM for Excel
        csv = pd.read_csv(full_run / f"{table}.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
        assert list(csv.columns) == column_names(table)
        assert len(csv) == len(frame)
    reports = pd.read_parquet(full_run / "reports.parquet")
    assert len(reports) == N_GOOD
    assert set(reports["sha256"]) == set(records)
    facts = pd.read_parquet(full_run / "facts.parquet")
    assert len(facts) == sum(len(r["facts"]) for r in records.values())
    assert set(facts["sha256"]) <= set(records)
    import pyarrow.parquet as pq

    schema = pq.read_schema(full_run / "facts.parquet")
    types = {c.name: c.type for c in TABLES["facts"]}
    arrow = {"string": "string", "int32": "int32", "int64": "int64", "float64": "double", "bool": "bool"}
    assert {f.name: str(f.type) for f in schema} == {k: arrow[v] for k, v in types.items()}


def test_summary_names_failures_by_type(corpus: Corpus, tmp_path: Path) -> None:
    folder, _ = corpus
    summary = run_batch([folder / "bad"], tmp_path / "out", workers=0, progress=False)
    text = summary.format()
    assert summary.failed == N_BAD and summary.parsed == 0
    assert "EmptyDocumentError 1" in text and "UnsupportedFormatError 2" in text
    assert "failures:" in text


def _count_lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def test_sigkill_then_resume_has_every_document_once(
    corpus: Corpus, full_run: Path, tmp_path: Path
) -> None:
    folder, expected = corpus
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "govreport_parse", "batch", os.fspath(folder), "-o", os.fspath(out)]
    proc = subprocess.Popen([*cmd, "--workers", "1", "--quiet"], cwd=ROOT, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while _count_lines(out / "manifest.jsonl") < 8 and proc.poll() is None:
            assert time.monotonic() < deadline
            time.sleep(0.005)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    committed = _count_lines(out / "manifest.jsonl")
    assert 8 <= committed < len(expected), "the run was not stopped half-way"
    # a crash in the middle of a write leaves partial last lines: resume must discard them
    with open(out / "reports.jsonl", "ab") as fh:
        fh.write(b'{"schema_version":"1.0","source":{"name":"torn')
    with open(out / "manifest.jsonl", "ab") as fh:
        fh.write(b'{"name":"torn"')
    args = ["batch", os.fspath(folder), "-o", os.fspath(out), "--resume", "--workers", "0", "--quiet"]
    assert main(args) == 1
    every = read_lines(out / "manifest.jsonl")
    assert [os.path.basename(m["name"]) for m in every if m["status"] == "skipped"] == ["notes.json"]  # once
    manifest = [m for m in every if m["status"] != "skipped"]
    assert sorted(m["name"] for m in manifest) == sorted(expected)
    assert len({m["sha256"] for m in manifest}) == len(expected)
    resumed = records_by_sha(out)
    full = records_by_sha(full_run)
    assert resumed.keys() == full.keys()
    assert all(resumed[k] == full[k] for k in full)
    failures = read_lines(out / "failures.jsonl")
    assert sorted(f["path"] for f in failures) == sorted(n for n, e in expected.items() if e != "ok")
    import pandas as pd

    assert len(pd.read_parquet(out / "reports.parquet")) == N_GOOD


def test_resume_of_a_finished_batch_parses_nothing(full_run: Path, corpus: Corpus) -> None:
    folder, expected = corpus
    summary = run_batch([folder], full_run, resume=True, workers=0, progress=False, formats=("jsonl",))
    assert summary.parsed == 0 and summary.failed_now == 0
    assert summary.skipped == len(expected)
    assert summary.records == N_GOOD and summary.failed == N_BAD


def test_without_resume_an_existing_batch_is_not_overwritten(full_run: Path) -> None:
    seed = os.fspath(ROOT / "fixtures" / "zhangdian-2018.txt")
    assert main(["batch", seed, "-o", os.fspath(full_run)]) == 2
    assert len(read_lines(full_run / "reports.jsonl")) == N_GOOD


def test_parse_many_yields_in_input_order_and_never_raises(corpus: Corpus) -> None:
    _, expected = corpus
    good = [n for n, e in expected.items() if e == "ok"][:6]
    bad = [n for n, e in expected.items() if e != "ok"][:3]
    names = [good[0], bad[0], *good[1:4], bad[1], *good[4:], bad[2]]  # failures in between
    inputs: list[Any] = [*names, "/no/such/file.pdf", ("mem/inline.txt", Path(good[0]).read_bytes())]
    results = list(gp.parse_many(inputs, workers=2, config=NO_LABELS))
    assert len(results) == len(inputs)
    for item, result in zip(inputs[:-2], results, strict=False):
        want = expected[item]
        if want == "ok":
            assert isinstance(result, gp.Report) and result.source.name == item
        else:
            assert isinstance(result, gp.Failure) and result.error_type == want and result.path == item
    missing = results[-2]
    assert isinstance(missing, gp.Failure) and missing.sha256 is None and "cannot read" in missing.message
    inline = results[-1]
    assert isinstance(inline, gp.Report) and inline.source.name == "mem/inline.txt"
    assert isinstance(results[0], gp.Report) and inline.to_dict()["facts"] == results[0].to_dict()["facts"]


def test_time_limit_turns_documents_into_failures(corpus: Corpus) -> None:
    _, expected = corpus
    names = [n for n, e in expected.items() if e == "ok"][:3]
    results = list(gp.parse_many(names, workers=1, timeout=1e-6))
    assert [type(r).__name__ for r in results] == ["Failure"] * 3
    assert all(isinstance(r, gp.Failure) and r.error_type == "ParseTimeoutError" for r in results)
    assert all(isinstance(r, gp.Failure) and "max_seconds" in r.message for r in results)


def test_dask_gives_the_same_records_as_the_local_run(corpus: Corpus, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    _, expected = corpus
    good = [n for n, e in expected.items() if e == "ok"][:5]
    subset = good + [n for n, e in expected.items() if e != "ok"][:2]
    options: dict[str, Any] = {"progress": False, "config": NO_LABELS}
    local = run_batch(subset, tmp_path / "local", workers=0, formats=("jsonl",), **options)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=50
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        remote = run_batch(subset, tmp_path / "dask", client=client, formats=("parquet",), **options)
        many = list(gp.parse_many(subset, client=client, config=NO_LABELS))
        seed = os.fspath(ROOT / "fixtures" / "zhangdian-2018.txt")
        address = cluster.scheduler_address
        cli = ["batch", seed, "-o", os.fspath(tmp_path / "cli"), "--executor", "dask", "--scheduler", address]
        assert main([*cli, "--quiet", "--format", "jsonl"]) == 0
    assert (local.parsed, local.failed) == (remote.parsed, remote.failed) == (5, 2)
    dask_lines = (tmp_path / "dask" / "reports.jsonl").read_bytes()
    assert dask_lines == (tmp_path / "local" / "reports.jsonl").read_bytes()
    assert (tmp_path / "dask" / "failures.jsonl").read_text().count("\n") == 2
    local_records = read_lines(tmp_path / "local" / "reports.jsonl")
    assert [r.to_dict() for r in many if isinstance(r, gp.Report)] == local_records
    assert [r.path for r in many if isinstance(r, gp.Failure)] == subset[5:]
    (cli_record,) = read_lines(tmp_path / "cli" / "reports.jsonl")
    assert cli_record == gp.parse(ROOT / "fixtures" / "zhangdian-2018.txt").to_dict()


def test_memory_ceiling_turns_a_huge_document_into_a_failure() -> None:
    seed = SEED.read_text(encoding="utf-8")
    huge = (seed * 240).encode()  # about 3 million characters
    config = {"limits": {"max_memory_mb": 50}, "extract_labels": False}
    results = list(gp.parse_many([("huge.txt", huge), ("seed.txt", seed.encode())], workers=1, config=config))
    first, second = results
    assert isinstance(first, gp.Failure) and first.error_type == "LimitExceededError"
    assert "max_memory_mb" in first.message and first.path == "huge.txt"
    assert isinstance(second, gp.Report)  # the same worker goes on


def test_a_slow_document_times_out_and_the_worker_goes_on() -> None:
    seed = SEED.read_text(encoding="utf-8")
    slow = (seed * 240).encode()  # several seconds of work, well over the 1 s limit
    config = {"limits": {"max_seconds": 1}, "extract_labels": False}
    started = time.monotonic()
    results = list(gp.parse_many([("slow.txt", slow), ("seed.txt", seed.encode())], workers=1, config=config))
    first, second = results
    assert isinstance(first, gp.Failure) and first.error_type == "ParseTimeoutError"
    assert "max_seconds" in first.message and first.seconds < 30
    assert isinstance(second, gp.Report)
    assert time.monotonic() - started < 60
