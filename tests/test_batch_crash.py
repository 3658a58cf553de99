"""A worker killed from outside (as the kernel's OOM killer does) costs one document, not the run."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

from govreport_parse.batch.local import run_local
from govreport_parse.batch.worker import Outcome, Task
from govreport_parse.config import resolve_config

from .conftest import SEED


def _children() -> set[int]:
    """Our forked workers: child processes running the same command line as this process."""
    me = os.getpid()
    own_cmdline = Path(f"/proc/{me}/cmdline").read_bytes()
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == me and (entry / "cmdline").read_bytes() == own_cmdline:
                found.add(int(entry.name))
        except (OSError, ValueError, IndexError):
            continue
    return found


def _kill_twice(stop: threading.Event, killed: list[int], ignore: set[int]) -> None:
    """Kill the worker twice, each time 0.3 s after a new worker appeared.

    ``ignore`` holds the forked children that existed before this test's pool started (workers
    of earlier tests that are still exiting): they are not this pool's workers.
    """
    seen: set[int] = set(ignore)
    while len(killed) < 2 and not stop.is_set():
        fresh = _children() - seen
        if fresh:
            time.sleep(0.3)
            for pid in fresh:
                seen.add(pid)
                try:
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)
                except ProcessLookupError:
                    pass
        time.sleep(0.02)


def test_a_killed_worker_is_retried_alone_and_the_culprit_recorded() -> None:
    seed = SEED.read_text(encoding="utf-8")
    huge = (seed * 240).encode()  # seconds of work: it is in a worker when the kill comes
    tasks = [
        Task(index=0, name="small.txt", sha256="0" * 64, data=seed.encode()),
        Task(index=1, name="huge.txt", sha256="1" * 64, data=huge),
        Task(index=2, name="after.txt", sha256="2" * 64, data=(seed + "\n（续）").encode()),
    ]
    config = resolve_config({"extract_labels": False})
    before = _children()
    outcomes = run_local(tasks, workers=1, config=config, method="fork")
    stop = threading.Event()
    killed: list[int] = []
    results: list[Outcome] = [next(outcomes)]  # the worker has moved on to the huge document
    killer = threading.Thread(target=_kill_twice, args=(stop, killed, before), daemon=True)
    killer.start()
    try:
        results.extend(outcomes)
    finally:
        stop.set()
        killer.join(5)
    assert len(killed) == 2
    assert [r.name for r in results] == ["small.txt", "huge.txt", "after.txt"]
    assert results[0].ok and results[2].ok
    failure = results[1].failure
    assert failure is not None and failure.error_type == "WorkerCrashedError"
    assert "SIGKILL" in failure.message and "max_memory_mb" in failure.message
