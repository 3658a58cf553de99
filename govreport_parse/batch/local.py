"""The local executor: a pool of worker processes, sturdy against bad documents.

- ``workers=0`` parses in this process (no isolation; for debugging and tiny jobs).
- ``workers>=1`` starts that many processes; each pays the extractor's start-up
  once (:func:`~govreport_parse.batch.worker.init_worker`).  On Linux a
  single-threaded caller (the command line, a plain script) forks: fast, and a
  script needs no ``if __name__ == "__main__":`` guard.  A caller that runs
  threads (a Dask client, a web server) gets ``forkserver``, since forking a
  threaded process can deadlock; other systems use ``spawn``.  With
  ``forkserver``/``spawn`` a script must guard its entry point.
- At most ``window`` documents are in flight or waiting to be released in
  input order, so memory stays flat on any input size.
- A worker that dies (memory ceiling, CPU limit, a native crash) breaks the
  pool; the pool is restarted and the documents that were in flight are
  retried one at a time, so the one that kills a worker again is recorded as a
  failure and the others parse normally.
- If nothing finishes for ``2 * max_seconds + 30`` seconds, and no worker said it
  is making progress (it does at each OCR'd page of a long scan) in that time, the
  workers are killed and the in-flight documents retried the same way.

>>> from govreport_parse.config import ParseConfig
>>> from govreport_parse.batch.worker import Task
>>> text = "某区2018年政府信息公开工作年度报告\\n办结率100%。"
>>> task = Task(index=0, name="a.txt", sha256="0" * 64, data=text.encode())
>>> [o.ok for o in run_local([task], workers=0, config=ParseConfig())]
[True]
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from ..config import ParseConfig
from ..errors import GovReportError
from .scheduling import Item, Reorder
from .worker import Mode, Outcome, Task, failure_outcome, init_worker, run_task

__all__ = ["run_local", "start_method"]


def start_method() -> str:
    """``fork`` for a single-threaded caller on Linux, ``forkserver`` for a threaded one, else ``spawn``."""
    if not sys.platform.startswith("linux"):
        return "spawn"
    methods = multiprocessing.get_all_start_methods()
    if threading.active_count() == 1 and "fork" in methods:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def hang_seconds(config: ParseConfig) -> float:
    """How long the pool may go without finishing anything before it is declared hung."""
    return 2 * config.limits.max_seconds + 30


class _Pool:
    """A ProcessPoolExecutor that can be killed and restarted, remembering its processes."""

    def __init__(self, workers: int, config: ParseConfig, method: str | None = None) -> None:
        self.workers = workers
        self.config = config
        self.method = method
        self.executor: ProcessPoolExecutor | None = None
        self.processes: dict[int, Any] = {}
        self.completed = 0
        # the time a worker last said it is making progress (a page of a long scan started)
        self.beat = multiprocessing.get_context(method or start_method()).Value("d", time.time(), lock=False)

    def busy(self, hang: float) -> bool:
        """Whether a worker said it is making progress within the last ``hang`` seconds."""
        return time.time() - float(self.beat.value) < hang

    def submit(self, task: Task, mode: Mode) -> Future[Outcome]:
        if self.executor is None:
            context = multiprocessing.get_context(self.method or start_method())
            self.executor = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=context,
                initializer=init_worker,
                initargs=(self.config, self.beat),
            )
        future = self.executor.submit(run_task, task, self.config, mode)
        self.processes.update(getattr(self.executor, "_processes", None) or {})
        return future

    def death_note(self) -> str:
        """What is known about a worker that died: its exit signal or code."""
        notes = []
        for proc in self.processes.values():
            code = _exit_code(proc)
            if code is None or code == 0:
                continue
            if code < 0:
                try:
                    notes.append(f"killed by {signal.Signals(-code).name}")
                except ValueError:
                    notes.append(f"killed by signal {-code}")
            else:
                notes.append(f"exit code {code}")
        return ", ".join(sorted(set(notes))) or "no exit status"

    def kill(self) -> None:
        """Stop every worker now (used on hangs, crashes and interruption)."""
        for proc in list(self.processes.values()):
            with contextlib.suppress(Exception):
                if proc.is_alive():
                    proc.kill()
        if self.executor is not None:
            with contextlib.suppress(Exception):
                self.executor.shutdown(wait=False, cancel_futures=True)
        for proc in list(self.processes.values()):
            with contextlib.suppress(Exception):
                proc.join(5)
        self.executor = None
        self.processes = {}

    def close(self) -> None:
        """Finish normally: wait for the workers to exit."""
        if self.executor is not None:
            self.executor.shutdown(wait=True)
        self.executor = None
        self.processes = {}


def _exit_code(proc: Any, wait: float = 3.0) -> int | None:
    """The exit code of a worker that died, or None if it is alive or unknown.

    The executor's management thread reaps dead workers too; when both threads call
    ``waitpid`` at once, the loser sees ECHILD and ``exitcode`` stays None until the winner
    stores the status, so the status is polled for a short while instead of read once.
    """
    deadline = time.monotonic() + wait
    while True:
        with contextlib.suppress(Exception):
            proc.join(0.2)
        code = getattr(proc, "exitcode", None)
        if code is not None or time.monotonic() >= deadline:
            return code
        with contextlib.suppress(Exception):
            if proc.is_alive():
                return None
        time.sleep(0.05)


def _crash_failure(task: Task, pool: _Pool) -> Outcome:
    note = pool.death_note()
    limits = pool.config.limits
    if "SIGXCPU" in note:
        return failure_outcome(
            task.index,
            task.name,
            task.sha256,
            "ParseTimeoutError",
            f"the worker was stopped after using more CPU time than allowed (2 x max_seconds = "
            f"{2 * limits.max_seconds:g} s); raise it with --limit max_seconds=N",
        )
    return failure_outcome(
        task.index,
        task.name,
        task.sha256,
        "WorkerCrashedError",
        f"the worker process died while parsing this file ({note}); it probably exceeded the "
        f"max_memory_mb limit of {limits.max_memory_mb} MB or crashed in a native library; "
        "the other documents were not affected",
    )


MAX_CRASHES_IN_A_ROW = 3
"""Crashes in a row, before any worker ever returned a result, that mean workers cannot start."""


def _isolate(tasks: list[Task], pool: _Pool, mode: Mode) -> Iterator[Outcome]:
    """Run suspects one at a time; the one that breaks the pool again is the culprit."""
    timeout = hang_seconds(pool.config)
    crashes = 0
    for task in sorted(tasks, key=lambda t: t.index):
        future = pool.submit(task, mode)
        try:
            while True:
                try:
                    outcome = future.result(timeout=timeout)
                    break
                except FutureTimeout:
                    if not pool.busy(timeout):
                        raise
            crashes = 0
            pool.completed += 1
            yield outcome
        except BrokenProcessPool:
            crashes += 1
            if crashes >= MAX_CRASHES_IN_A_ROW and not pool.completed:
                pool.kill()
                raise GovReportError(
                    f"worker processes died on {crashes} documents in a row, each in a fresh pool: "
                    "they probably cannot start (a script using multiprocessing needs an "
                    "`if __name__ == '__main__':` guard), or max_memory_mb is too low to run at all; "
                    "try workers=0 to see the error in this process"
                ) from None
            yield _crash_failure(task, pool)
            pool.kill()
        except FutureTimeout:
            pool.kill()
            yield failure_outcome(
                task.index,
                task.name,
                task.sha256,
                "ParseTimeoutError",
                f"the worker did not finish within {timeout:g} s and was stopped; "
                "the file may make a native library hang",
            )
        except Exception as exc:  # the result could not be sent back (e.g. not picklable)
            message = f"the worker failed: {exc}; please report"
            yield failure_outcome(task.index, task.name, task.sha256, "InternalError", message)


def run_local(
    items: Iterable[Item],
    *,
    workers: int,
    config: ParseConfig,
    mode: Mode = "report",
    window: int | None = None,
    method: str | None = None,
) -> Iterator[Outcome]:
    """Parse every task with ``workers`` processes; yield outcomes in input (index) order."""
    if workers <= 0:
        for item in items:
            yield item if isinstance(item, Outcome) else run_task(item, config, mode)
        return
    window = window or max(8 * workers, 16)
    reorder = Reorder()
    pool = _Pool(workers, config, method)
    pending: dict[Future[Outcome], Task] = {}
    source = iter(items)
    submitted = 0
    exhausted = False
    finished = False
    try:
        while True:
            while not exhausted and submitted - reorder.next < window:
                nxt = next(source, None)
                if nxt is None:
                    exhausted = True
                    break
                submitted += 1
                if isinstance(nxt, Outcome):
                    yield from reorder.push(nxt)
                    continue
                try:
                    pending[pool.submit(nxt, mode)] = nxt
                except BrokenProcessPool:  # it broke since the last look: retry everything in flight
                    in_flight = [nxt, *pending.values()]
                    pending.clear()
                    pool.kill()
                    for outcome in _isolate(in_flight, pool, mode):
                        yield from reorder.push(outcome)
            if not pending:
                if exhausted:
                    break
                continue
            done, _ = wait(pending, timeout=hang_seconds(config), return_when=FIRST_COMPLETED)
            if not done and pool.busy(hang_seconds(config)):
                continue  # nothing finished, but a worker is busy on a long document (OCR pages)
            suspects: list[Task] = []
            if not done:  # every worker is stuck
                suspects = list(pending.values())
                pending.clear()
                pool.kill()
            for future in done:
                task = pending.pop(future)
                try:
                    outcome = future.result()
                    pool.completed += 1
                except BrokenProcessPool:
                    suspects.append(task)
                    continue
                except Exception as exc:  # the result could not be sent back
                    outcome = failure_outcome(
                        task.index, task.name, task.sha256, "InternalError", f"the worker failed: {exc}"
                    )
                yield from reorder.push(outcome)
            if suspects:
                suspects.extend(pending.values())
                pending.clear()
                pool.kill()
                for outcome in _isolate(suspects, pool, mode):
                    yield from reorder.push(outcome)
        finished = True
    finally:
        if finished:
            pool.close()
        else:
            pool.kill()
