"""Batch fault scenarios: every input ends exactly once across records and failures.

Each test runs ``govreport-parse batch`` as a subprocess (the real command) on a
small folder of real report text, puts one fault in the way (a second batch into
the same folder, a FIFO, a GBK-named file, a full disk, a hard link, duplicate
member names, an input changed before ``--resume``), and checks the output folder
with :func:`_exactly_once`.

The full disk is simulated two ways, both real kernel errors, no mocks: the
manifest as a symbolic link to ``/dev/full`` (every write fails with ``ENOSPC``), and
``RLIMIT_FSIZE`` on the batch process with ``SIGXFSZ`` ignored (a write past the limit
fails with ``EFBIG``, part way through the run).
"""

from __future__ import annotations

import io
import json
import os
import resource
import signal
import subprocess
import sys
import tarfile
import threading
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

from govreport_parse.batch.journal import Journal
from govreport_parse.batch.worker import Mode, Outcome, Task, run_task
from govreport_parse.config import ParseConfig

from .conftest import ROOT, SEED

SEED_TEXT = SEED.read_text("utf-8")
TIMEOUT = 300


def _variant(i: int) -> bytes:
    """Real report text with a distinct last line (a distinct SHA-256 per input)."""
    return (SEED_TEXT + f"\n附：第{i}号说明。\n").encode()


def _folder(root: Path, n: int = 4) -> list[str]:
    root.mkdir(parents=True, exist_ok=True)
    names = []
    for i in range(n):
        path = root / f"r{i}.txt"
        path.write_bytes(_variant(i))
        names.append(os.fspath(path))
    return names


def _batch(
    inputs: list[str], out: Path, *extra: str, preexec: Any = None, workers: str = "0"
) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "govreport_parse", "batch", *inputs, "-o", os.fspath(out)]
    cmd += ["--workers", workers, "--quiet", "--format", "jsonl", *extra]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT, preexec_fn=preexec)


def _lines(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _exactly_once(out: Path, expected: set[str]) -> dict[str, str]:
    """Every expected input is one manifest line; each ok/failed one is exactly one record or
    one failure (never both, never twice); returns name -> status."""
    manifest = _lines(out / "manifest.jsonl")
    names = [m["name"] for m in manifest]
    assert len(names) == len(set(names)), f"an input was committed twice: {names}"
    assert set(names) == expected, (sorted(set(names) ^ expected), names)
    records = [r["source"]["name"] for r in _lines(out / "reports.jsonl")]
    failures = [f["path"] for f in _lines(out / "failures.jsonl")]
    both = records + failures
    assert len(both) == len(set(both)), f"an input is in the journal twice: {both}"
    status = {m["name"]: m["status"] for m in manifest}
    assert set(both) == {n for n, s in status.items() if s in ("ok", "failed")}
    assert set(records) == {n for n, s in status.items() if s == "ok"}
    for m in manifest:
        assert len(m.get("sha256") or "") in (0, 64)  # skipped inputs were never read
    return status


# --------------------------------------------------------------------------- two batches


def test_second_batch_into_a_locked_folder_is_refused(tmp_path: Path) -> None:
    names = _folder(tmp_path / "in")
    out = tmp_path / "out"
    holder = Journal(out)  # this process holds the folder, as a running batch does
    try:
        proc = _batch([os.fspath(tmp_path / "in")], out, "--resume")
        assert proc.returncode == 2, proc.stderr
        assert "OutputError" in proc.stderr and "another batch is writing" in proc.stderr
        assert str(os.getpid()) in proc.stderr, "the message names the process holding the folder"
        assert "Traceback" not in proc.stderr
    finally:
        holder.close()
    proc = _batch([os.fspath(tmp_path / "in")], out, "--resume")
    assert proc.returncode == 0, proc.stderr
    assert set(_exactly_once(out, set(names)).values()) == {"ok"}


def test_two_concurrent_batches_commit_every_input_once(tmp_path: Path) -> None:
    names = _folder(tmp_path / "in", n=8)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "govreport_parse", "batch", os.fspath(tmp_path / "in")]
    cmd += ["-o", os.fspath(out), "--workers", "1", "--quiet", "--format", "jsonl", "--resume"]
    procs = [subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    codes = []
    errors = []
    for proc in procs:
        _, err = proc.communicate(timeout=TIMEOUT)
        codes.append(proc.returncode)
        errors.append(err)
    assert 0 in codes, errors
    for code, err in zip(codes, errors, strict=True):
        assert code in (0, 2), err
        if code == 2:
            assert "another batch is writing" in err, err
    _exactly_once(out, set(names))
    # and a third run afterwards finds everything done
    proc = _batch([os.fspath(tmp_path / "in")], out, "--resume")
    assert proc.returncode == 0 and "8 already done" in proc.stdout, proc.stdout
    assert _exactly_once(out, set(names))


# --------------------------------------------------------------------------- non-regular files


def test_fifo_among_the_inputs_is_skipped_not_a_hang(tmp_path: Path) -> None:
    """A FIFO in a folder is never opened (it would block): listed as skipped, with its reason."""
    names = _folder(tmp_path / "in", n=3)
    fifo = tmp_path / "in" / "pipe.txt"
    os.mkfifo(fifo)
    out = tmp_path / "out"
    t0 = time.monotonic()
    proc = _batch([os.fspath(tmp_path / "in")], out, workers="2")
    assert time.monotonic() - t0 < 120
    assert proc.returncode == 0, proc.stderr
    status = _exactly_once(out, {*names, os.fspath(fifo)})
    assert status[os.fspath(fifo)] == "skipped"
    (entry,) = [m for m in _lines(out / "manifest.jsonl") if m["name"] == os.fspath(fifo)]
    assert "FIFO" in json.dumps(entry, ensure_ascii=False)


def test_fifo_named_on_the_command_line_is_an_error(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    proc = subprocess.run(
        [sys.executable, "-m", "govreport_parse", os.fspath(fifo)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1 and "UnreadableFileError" in proc.stderr and "FIFO" in proc.stderr


# --------------------------------------------------------------------------- names that are not UTF-8


def test_gbk_named_files_and_members(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    names = set(_folder(folder, n=2))
    gbk = os.fsdecode(os.fsencode(folder) + b"/" + "张店区报告.txt".encode("gbk"))
    Path(gbk).write_bytes(_variant(10))
    junk = os.fsdecode(os.fsencode(folder) + b"/bad\xff\xfe.txt")
    Path(junk).write_bytes(_variant(11))
    tar_path = folder / "members.tar"
    with tarfile.open(tar_path, "w", format=tarfile.GNU_FORMAT, encoding="gbk") as tf:
        data = _variant(12)
        info = tarfile.TarInfo("年报/二〇一八.txt")
        info.size = len(data)
        tf.addfile(info, io.BytesIO(data))
    lying = folder / "lying.zip"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("x.txt", _variant(13))
    raw = buf.getvalue()
    # name the member with GBK bytes while the UTF-8 flag (bit 11) says UTF-8
    raw = raw.replace(b"x.txt", "报.txt".encode("gbk")[:5])
    raw = raw.replace(b"\x14\x00\x00\x00", b"\x14\x00\x00\x08", 2)
    lying.write_bytes(raw)
    out = tmp_path / "out"
    proc = _batch([os.fspath(folder)], out)
    assert proc.returncode == 1, proc.stderr  # the lying zip is the one failure
    assert "Traceback" not in proc.stderr
    shown = {
        f"{folder}/张店区报告.txt",
        f"{folder}/bad\\xff\\xfe.txt",
        f"{tar_path}/年报/二〇一八.txt",
        os.fspath(lying),
    }
    status = _exactly_once(out, names | shown)
    assert status[os.fspath(lying)] == "failed"
    (failure,) = _lines(out / "failures.jsonl")
    assert failure["error_type"] == "CorruptFileError" and "UTF-8" in failure["message"]
    for path in ("manifest.jsonl", "reports.jsonl", "failures.jsonl"):
        (out / path).read_bytes().decode("utf-8")  # valid UTF-8 throughout
    again = _batch([os.fspath(folder)], out, "--resume")
    assert again.returncode == 1, again.stderr
    assert _exactly_once(out, names | shown) == status


# --------------------------------------------------------------------------- full disk


def test_disk_full_on_the_manifest_then_resume(tmp_path: Path) -> None:
    names = _folder(tmp_path / "in", n=3)
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.jsonl").symlink_to("/dev/full")
    proc = _batch([os.fspath(tmp_path / "in")], out)
    assert proc.returncode == 2, proc.stderr
    assert "OutputError" in proc.stderr and "disk is full" in proc.stderr
    assert "Traceback" not in proc.stderr
    (out / "manifest.jsonl").unlink()
    proc = _batch([os.fspath(tmp_path / "in")], out, "--resume")
    assert proc.returncode == 0, proc.stderr
    assert set(_exactly_once(out, set(names)).values()) == {"ok"}


def _fsize_limit(limit: int) -> Any:
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_file_size_limit_part_way_then_resume(tmp_path: Path) -> None:
    names = _folder(tmp_path / "in", n=6)
    out = tmp_path / "out"
    one = _batch([names[0]], tmp_path / "probe")
    assert one.returncode == 0, one.stderr
    record_bytes = (tmp_path / "probe" / "reports.jsonl").stat().st_size
    # room for two and a half records: the third write fails half-way
    proc = _batch([os.fspath(tmp_path / "in")], out, preexec=_fsize_limit(int(record_bytes * 2.5)))
    assert proc.returncode == 2, proc.stderr
    assert "OutputError" in proc.stderr and "size limit" in proc.stderr
    assert "Traceback" not in proc.stderr
    committed = _lines(out / "manifest.jsonl")
    assert 1 <= len(committed) < len(names)
    proc = _batch([os.fspath(tmp_path / "in")], out, "--resume")
    assert proc.returncode == 0, proc.stderr
    assert set(_exactly_once(out, set(names)).values()) == {"ok"}


def test_output_that_names_a_file_or_a_read_only_folder(tmp_path: Path) -> None:
    names = _folder(tmp_path / "in", n=1)
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    proc = _batch(names, a_file)
    assert proc.returncode == 2 and "is an existing file" in proc.stderr and "Traceback" not in proc.stderr
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    proc = _batch(names, ro / "out")
    assert proc.returncode == 2 and "OutputError" in proc.stderr and "Traceback" not in proc.stderr


# --------------------------------------------------------------------------- archives


def test_tar_hard_link_and_duplicate_member_names(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    tar_path = folder / "a.tar"
    with tarfile.open(tar_path, "w") as tf:
        for name, data in (("r.txt", _variant(1)), ("r.txt", _variant(2)), ("s.txt", _variant(3))):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("link.txt")
        link.type = tarfile.LNKTYPE
        link.linkname = "s.txt"
        tf.addfile(link)
    zip_path = folder / "b.zip"
    with zipfile.ZipFile(zip_path, "w") as zf:
        zf.writestr("r.txt", _variant(4))
        with pytest.warns(UserWarning, match="Duplicate name"):
            zf.writestr("r.txt", _variant(5))
    out = tmp_path / "out"
    proc = _batch([os.fspath(folder)], out)
    assert proc.returncode == 0, proc.stderr
    t, z = os.fspath(tar_path), os.fspath(zip_path)
    status = _exactly_once(
        out, {f"{t}/r.txt", f"{t}/r.txt#2", f"{t}/s.txt", f"{t}/link.txt", f"{z}/r.txt", f"{z}/r.txt#2"}
    )
    assert status[f"{t}/link.txt"] == "duplicate"  # the same bytes as s.txt, not dropped
    shas = {m["name"]: m["sha256"] for m in _lines(out / "manifest.jsonl")}
    assert shas[f"{t}/link.txt"] == shas[f"{t}/s.txt"]
    for first, second in ((f"{t}/r.txt", f"{t}/r.txt#2"), (f"{z}/r.txt", f"{z}/r.txt#2")):
        assert status[first] == status[second] == "ok"
        assert shas[first] != shas[second], "both entries of the name were parsed, each its own bytes"


# --------------------------------------------------------------------------- changed before --resume


def test_input_changed_before_resume_stays_once(tmp_path: Path) -> None:
    names = _folder(tmp_path / "in", n=3)
    bad = tmp_path / "in" / "broken.txt"
    bad.write_bytes(b"")
    out = tmp_path / "out"
    proc = _batch([os.fspath(tmp_path / "in")], out)
    assert proc.returncode == 1, proc.stderr
    before = {m["name"]: m["sha256"] for m in _lines(out / "manifest.jsonl")}
    bad.write_bytes(_variant(9))  # fixed, and another changed too
    Path(names[0]).write_bytes(_variant(99))
    proc = _batch([os.fspath(tmp_path / "in")], out, "--resume")
    assert "changed since they were committed" in proc.stdout, proc.stdout
    status = _exactly_once(out, {*names, os.fspath(bad)})
    assert status[os.fspath(bad)] == "failed"
    after = {m["name"]: m["sha256"] for m in _lines(out / "manifest.jsonl")}
    assert after == before, "the recorded sha256 is that of the bytes that were parsed"


# --------------------------------------------------------------------------- tiny memory ceiling


def test_memory_ceiling_too_low_is_a_limit_not_a_bug(tmp_path: Path) -> None:
    """``max_memory_mb=1``: documents parse or fail with LimitExceededError, never InternalError."""
    folder = tmp_path / "in"
    folder.mkdir()
    generated = ROOT / "fixtures" / "generated"
    names = set()
    for src in sorted(generated.glob("*")):
        if src.suffix in (".pdf", ".docx", ".html", ".txt"):
            (folder / src.name).write_bytes(src.read_bytes())
            names.add(os.fspath(folder / src.name))
    out = tmp_path / "out"
    proc = _batch([os.fspath(folder)], out, "--limit", "max_memory_mb=1", workers="1")
    assert proc.returncode in (0, 1), proc.stderr
    _exactly_once(out, names)
    kinds = {f["error_type"] for f in _lines(out / "failures.jsonl")}
    assert kinds <= {"LimitExceededError"}, _lines(out / "failures.jsonl")


# --------------------------------------------------------------------------- Dask: a stuck task


_RELEASE = threading.Event()


def _runner_with_a_looping_document(task: Task, config: ParseConfig, mode: Mode) -> Outcome:
    """``run_task``, except that the document named ``loop.txt`` keeps its worker thread busy
    (as a parser stuck inside one stage would: no deadline check, no signal in a thread)."""
    if task.name.endswith("loop.txt"):
        _RELEASE.wait(120)
    return run_task(task, config, mode)


def test_dask_declares_a_stuck_task_and_goes_on(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    from govreport_parse.batch.dask_runner import run_dask
    from govreport_parse.batch.inputs import sha256_of

    tasks = [
        Task(index=i, name=name, sha256=sha256_of(data), data=data)
        for i, (name, data) in enumerate(
            [
                ("a.txt", _variant(1)),
                ("loop.txt", _variant(2)),
                ("b.txt", _variant(3)),
                ("c.txt", _variant(4)),
            ]
        )
    ]
    _RELEASE.clear()
    try:
        with (
            distributed.LocalCluster(
                n_workers=1, threads_per_worker=2, processes=False, dashboard_address=":0", silence_logs=50
            ) as cluster,
            distributed.Client(cluster) as client,
        ):
            t0 = time.monotonic()
            outcomes = list(
                run_dask(
                    tasks,
                    client=client,
                    config=ParseConfig(),
                    mode="line",
                    stall_seconds=8,
                    runner=_runner_with_a_looping_document,
                )
            )
            seconds = time.monotonic() - t0
            _RELEASE.set()
    finally:
        _RELEASE.set()
    assert [o.name for o in outcomes] == ["a.txt", "loop.txt", "b.txt", "c.txt"]
    stuck = outcomes[1]
    assert stuck.failure is not None and stuck.failure.error_type == "ParseTimeoutError"
    assert "stuck" in stuck.failure.message
    assert all(o.ok for i, o in enumerate(outcomes) if i != 1), outcomes
    assert seconds < 60, f"the stuck task held the batch for {seconds:.0f} s"


# --------------------------------------------------------------------------- recursive glob over link loops


def test_recursive_glob_over_links_to_dot_and_dotdot_ends(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    names = set(_folder(folder, n=1))
    (folder / "sub").mkdir()
    for i in (5, 6):
        (folder / "sub" / f"s{i}.txt").write_bytes(_variant(i))
        names.add(os.fspath(folder / "sub" / f"s{i}.txt"))
    os.symlink(".", folder / "here")
    os.symlink("..", folder / "sub" / "up")
    out = tmp_path / "out"
    t0 = time.monotonic()
    proc = _batch([os.fspath(folder / "**" / "*.txt")], out)
    assert time.monotonic() - t0 < 120
    assert proc.returncode == 0, proc.stderr
    assert set(_exactly_once(out, names).values()) == {"ok"}
