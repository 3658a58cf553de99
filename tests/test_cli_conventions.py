"""CLI conventions on real processes: --version, Ctrl-C (SIGINT), a closed pipe, the exit-code
table, -o errors, no report found, failures named on a terminal, -q/-v, bar and summary agree."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from govreport_parse import __version__
from govreport_parse.cli import (
    EXIT_CODES,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_NO_REPORT,
    EXIT_OK,
    EXIT_USAGE,
)

from .conftest import ROOT, SEED
from .test_batch_corpus import variant_text

ENV = {**os.environ, "PYTHONPATH": os.fspath(ROOT)}


def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govreport_parse", *args],
        capture_output=True, text=True, timeout=timeout, env=ENV, cwd=ROOT,
    )


def folder_of_reports(root: Path, n: int) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (root / f"{i:03d}.txt").write_text(variant_text(i), encoding="utf-8")
    return root


@pytest.mark.parametrize("command", [[], ["batch"], ["view"]], ids=["file", "batch", "view"])
def test_version_on_every_command(command: list[str]) -> None:
    proc = run(*command, "--version")
    assert proc.returncode == EXIT_OK
    assert proc.stdout.strip() == f"govreport-parse {__version__}"


def test_exit_code_table_is_documented_in_help_and_module() -> None:
    proc = run("--help")
    for code, meaning in EXIT_CODES.items():
        assert f"{code} {meaning}" in " ".join(proc.stdout.split())
    doc = (ROOT / "docs" / "quickstart.md").read_text(encoding="utf-8")
    for code in EXIT_CODES:
        assert re.search(rf"^\|\s*{code}\s*\|", doc, re.M), f"exit code {code} missing from the docs"


def test_exit_codes_are_the_same_everywhere(tmp_path: Path) -> None:
    png = tmp_path / "scan.pdf"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    notice = tmp_path / "notice.txt"
    notice.write_text("关于开展安全检查的通知\n各单位：请认真落实。", encoding="utf-8")
    missing = os.fspath(tmp_path / "nope.pdf")
    cases = [
        (["--bogus"], EXIT_USAGE, "usage: govreport-parse"),
        (["batch", os.fspath(SEED), "-o", os.fspath(tmp_path / "o0"), "--workers", "x"], EXIT_USAGE, "int"),
        ([missing], EXIT_USAGE, "does not exist"),
        (["batch", missing, "-o", os.fspath(tmp_path / "o1")], EXIT_USAGE, "does not exist"),
        (["view", missing, "-o", os.fspath(tmp_path / "p.html")], EXIT_USAGE, "does not exist"),
        ([os.fspath(png)], EXIT_FAILED, "UnsupportedFormatError"),
        (["batch", os.fspath(png), "-o", os.fspath(tmp_path / "o2"), "-q"], EXIT_FAILED, ""),
        ([os.fspath(notice)], EXIT_NO_REPORT, "not a report: notice"),
        (["batch", os.fspath(notice), "-o", os.fspath(tmp_path / "o3"), "-q"], EXIT_NO_REPORT, "no report"),
        ([os.fspath(notice), "--not-a-report-ok"], EXIT_OK, ""),
    ]
    for argv, code, words in cases:
        proc = run(*argv)
        assert proc.returncode == code, (argv, proc.stderr)
        assert words in proc.stderr, (argv, proc.stderr)
        assert "Traceback" not in proc.stderr, proc.stderr


def test_o_naming_an_existing_file_is_a_clear_usage_error(tmp_path: Path) -> None:
    existing = tmp_path / "out.csv"
    existing.write_text("keep me", encoding="utf-8")
    proc = run("batch", os.fspath(SEED), "-o", os.fspath(existing))
    assert proc.returncode == EXIT_USAGE
    assert "is an existing file" in proc.stderr and "Traceback" not in proc.stderr
    assert existing.read_text(encoding="utf-8") == "keep me"
    proc = run("view", os.fspath(SEED), "-o", os.fspath(tmp_path))
    assert proc.returncode == EXIT_USAGE and "is a folder" in proc.stderr


def test_a_closed_pipe_is_silent() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "govreport_parse", os.fspath(SEED), "--json", "--indent", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV, cwd=ROOT,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.read(100)  # like `| head -c 100`
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.stderr.close()
    proc.wait(timeout=120)
    assert first.startswith(b"{")
    assert err == "", err
    assert proc.returncode == EXIT_OK


def _wait_lines(path: Path, n: int, proc: subprocess.Popen[bytes], deadline: float) -> None:
    while time.monotonic() < deadline and proc.poll() is None:
        if path.exists() and len(path.read_bytes().splitlines()) >= n:
            return
        time.sleep(0.01)


@pytest.mark.parametrize("workers", ["0", "2"])
def test_sigint_stops_cleanly_with_the_resume_command(tmp_path: Path, workers: str) -> None:
    folder = folder_of_reports(tmp_path / "in", 150)
    out = tmp_path / "out"
    argv = ["batch", os.fspath(folder), "-o", os.fspath(out), "--workers", workers, "--format", "jsonl"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "govreport_parse", *argv],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV, cwd=ROOT,
    )
    _wait_lines(out / "manifest.jsonl", 5, proc, time.monotonic() + 120)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    err = stderr.decode()
    assert proc.returncode == EXIT_INTERRUPTED, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert "interrupted; to continue: govreport-parse batch" in err and "--resume" in err, err
    done = len((out / "manifest.jsonl").read_bytes().splitlines())
    assert 5 <= done < 150, "the batch was not stopped half-way"
    assert re.search(r"parsed\s+\d+ reports", err), err  # what was committed
    resumed = run(*argv, "--resume", "-q", timeout=600)
    assert resumed.returncode == EXIT_OK, resumed.stderr
    names = [json.loads(x)["name"] for x in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(names) == sorted(os.fspath(p) for p in folder.iterdir())  # each once


def _run_on_a_terminal(argv: list[str], timeout: float = 300) -> tuple[int, str, str]:
    """Run with stderr on a pseudo-terminal (so the progress bar is drawn); returns code, stdout, tty text."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "govreport_parse", *argv],
        stdout=subprocess.PIPE, stderr=slave, env=ENV, cwd=ROOT,
    )
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    assert proc.stdout is not None
    stdout = proc.stdout.read().decode()
    proc.stdout.close()
    proc.wait(timeout=60)
    os.close(master)
    return proc.returncode, stdout, b"".join(chunks).decode(errors="replace")


def test_failures_are_named_on_a_terminal_and_bar_and_summary_agree(tmp_path: Path) -> None:
    folder = folder_of_reports(tmp_path / "in", 6)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    (folder / "dup.txt").write_text(variant_text(0), encoding="utf-8")  # a duplicate of 000.txt
    (folder / "notice.txt").write_text("关于开展安全检查的通知\n各单位：请认真落实。", encoding="utf-8")
    code, stdout, tty = _run_on_a_terminal(
        ["batch", os.fspath(folder), "-o", os.fspath(tmp_path / "out"), "--workers", "0", "--format", "jsonl"]
    )
    assert code == EXIT_FAILED
    assert f"failed: {folder / 'broken.pdf'}" in tty  # named on the terminal, above the bar
    assert f"failed:    {folder / 'broken.pdf'}" in stdout  # and in the summary
    bars = re.findall(r"\] (\d+)/(\d+)", tty)
    done, total = map(int, bars[-1])
    parsed = int(re.search(r"parsed\s+(\d+) reports", stdout).group(1))  # type: ignore[union-attr]
    failed = int(re.search(r"failed\s+(\d+)", stdout).group(1))  # type: ignore[union-attr]
    rejected = int(re.search(r"rejected\s+(\d+)", stdout).group(1))  # type: ignore[union-attr]
    inputs = int(re.search(r"batch: (\d+) inputs", stdout).group(1))  # type: ignore[union-attr]
    duplicates = int(re.search(r"(\d+) duplicates", stdout).group(1))  # type: ignore[union-attr]
    assert (parsed, failed, rejected, duplicates) == (6, 1, 1, 1)
    assert done == total == parsed + failed + rejected
    assert inputs == done + duplicates


def test_quiet_and_verbose(tmp_path: Path) -> None:
    folder = folder_of_reports(tmp_path / "in", 2)
    quiet = run("batch", os.fspath(folder), "-o", os.fspath(tmp_path / "q"), "--workers", "0", "-q")
    assert quiet.returncode == EXIT_OK and quiet.stderr == ""
    loud = run("batch", os.fspath(folder), "-o", os.fspath(tmp_path / "v"), "--workers", "0", "-v")
    assert loud.returncode == EXIT_OK
    assert f"ok: {folder / '000.txt'}" in loud.stderr and f"ok: {folder / '001.txt'}" in loud.stderr
    one = run(os.fspath(SEED), "-v")
    assert one.returncode == EXIT_OK and one.stderr.startswith("evidence: annual_report (score ")
    page = tmp_path / "p.html"
    viewq = run("view", os.fspath(SEED), "-o", os.fspath(page), "-q")
    assert viewq.returncode == EXIT_OK and viewq.stdout == "" and page.exists()
