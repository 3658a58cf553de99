"""What runs in a worker: one document in, one :class:`Outcome` out, never an exception.

A worker process pays the extractor's start-up cost (jieba's dictionary) once,
in :func:`init_worker`, then parses many documents.  Inside a worker process
the per-document limits are enforced three ways:

- the pipeline's own deadline checks between stages (``Limits.max_seconds``);
- ``SIGALRM`` a little after ``max_seconds`` interrupts Python code stuck in one stage;
- ``RLIMIT_CPU`` at twice ``max_seconds`` (plus 10 s) kills a worker stuck in native
  code, and ``RLIMIT_AS`` (``Limits.max_memory_mb``) makes a runaway allocation
  fail with ``MemoryError``; the pool then records the document as a failure.

>>> from govreport_parse.config import ParseConfig
>>> out = run_task(Task(index=0, name="empty.txt", sha256="0" * 64, data=b""), ParseConfig())
>>> out.failure.error_type, out.failure.message
('EmptyDocumentError', 'file is empty (0 bytes); nothing to parse')
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from .. import timebudget
from ..config import ParseConfig
from ..errors import GovReportError
from ..model import Failure, Report

__all__ = ["Outcome", "Task", "failure_outcome", "init_worker", "run_task", "warm_up"]

Mode = Literal["report", "line"]

ALARM_GRACE_SECONDS = 2.0
"""SIGALRM fires this long after ``max_seconds`` (the pipeline's own check comes first)."""

WARM_UP_TEXT = (
    "某区人民政府2018年政府信息公开工作年度报告\n一、概述\n"
    "2018年1月5日起，全年共受理政府信息公开申请128件，办结率92.2%。"
)


@dataclass(frozen=True, slots=True)
class Task:
    """One document to parse: its position in the input, name, SHA-256 and bytes."""

    index: int
    name: str
    sha256: str
    data: bytes


@dataclass(frozen=True, slots=True)
class Outcome:
    """What came back for one input: a report (as an object or a JSON line) or a failure.

    ``counts`` holds the rows the record adds to each flat table; ``duplicate_of``
    names an earlier input with the same SHA-256 (this one was not parsed again).
    """

    index: int
    name: str
    sha256: str | None
    seconds: float
    report: Report | None = None
    line: bytes | None = None
    counts: dict[str, int] = field(default_factory=dict)
    failure: Failure | None = None
    duplicate_of: str | None = None

    @property
    def ok(self) -> bool:
        """True when the document parsed."""
        return self.failure is None and self.duplicate_of is None


class _HardTimeout(BaseException):
    """Raised by SIGALRM; a BaseException so no library's ``except Exception`` swallows it."""


def failure_outcome(
    index: int, name: str, sha256: str | None, error_type: str, message: str, seconds: float = 0.0
) -> Outcome:
    """An :class:`Outcome` carrying a :class:`Failure`."""
    failure = Failure(path=name, sha256=sha256, error_type=error_type, message=message, seconds=seconds)
    return Outcome(index=index, name=name, sha256=sha256, seconds=seconds, failure=failure)


def warm_up(config: ParseConfig | None = None) -> None:
    """Parse a short report once, so the first real document does not pay for what
    the pipeline loads once per process (the lazily compiled patterns, and jieba's
    dictionary unless ``config.extract_labels`` is off).

    Errors propagate: a warm-up that fails says what the first document would hit.
    """
    from ..pipeline import parse_text

    parse_text(WARM_UP_TEXT, name="<warm-up>", config=config)


PARENT_CHECK_SECONDS = 1.0


def _exit_with_parent(parent: int) -> None:
    """Exit when the parent process is gone (killed with SIGKILL, it cannot stop its workers)."""
    while True:
        time.sleep(PARENT_CHECK_SECONDS)
        if os.getppid() != parent:
            os._exit(1)


_BEAT: Any = None
"""A shared ``multiprocessing.Value('d')`` the pool watches: set to the time whenever a long
step (an OCR'd page) starts, so a worker busy on a long scan is not taken for a hung one."""


def beat() -> None:
    """Tell the pool this worker is making progress."""
    if _BEAT is not None:
        _BEAT.value = time.time()


def init_worker(config: ParseConfig, heartbeat: Any = None) -> None:
    """Process-pool initializer: follow the parent's death, ignore Ctrl-C (the parent
    handles it), warm up, set the memory ceiling."""
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _BEAT
    _BEAT = heartbeat
    try:
        warm_up(config)
    except Exception:  # a pool initializer that raises breaks the whole pool: say it, go on
        _LOG.warning("worker warm-up failed; documents are parsed without it", exc_info=True)
    for module in _NATIVE_MODULES:  # mapped before the ceiling, not counted against it
        with contextlib.suppress(Exception):
            importlib.import_module(module)
    _set_memory_limit(config.limits.max_memory_mb)
    global _IN_POOL_WORKER
    _IN_POOL_WORKER = True


_IN_POOL_WORKER = False
_LOG = logging.getLogger(__name__)

_NATIVE_MODULES = (
    "lxml.etree",
    "lxml.html",
    "pypdfium2",
    "pypdfium2.raw",
    "csv",
    "encodings.gb18030",
    "encodings.gbk",
    "encodings.gb2312",
    "encodings.big5",
    "encodings.utf_16",
    "encodings.utf_32",
    "encodings.cp1252",
)
"""Libraries and codecs a loader imports on first use; a worker maps them before its memory
ceiling (a codec that cannot load under the ceiling would look like an unknown charset)."""


def _out_of_memory(exc: BaseException) -> bool:
    """An import or library load that failed because the address-space ceiling was hit.

    >>> _out_of_memory(ImportError("x.so: failed to map segment from shared object"))
    True
    >>> _out_of_memory(ImportError("No module named 'x'"))
    False
    """
    text = str(exc).lower()
    return "failed to map segment" in text or "cannot allocate memory" in text


def _address_space_now() -> int:
    """This process's virtual memory size in bytes (0 where /proc is absent)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _set_memory_limit(megabytes: int) -> None:
    """Let the worker grow by ``megabytes`` over what it holds after start-up.

    The base is the address space after warm-up (a forked worker inherits its
    parent's mappings, which may be large in a process that loaded pandas).
    """
    try:
        import resource
    except ImportError:  # not on this platform (Windows): the limit is not enforced
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = _address_space_now() + megabytes * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@contextlib.contextmanager
def _time_limits(seconds: float) -> Iterator[None]:
    """SIGALRM and RLIMIT_CPU for one document; only in a pool worker's main thread."""
    usable = _IN_POOL_WORKER and threading.current_thread() is threading.main_thread()
    if not usable or not hasattr(signal, "setitimer"):
        yield
        return
    import resource

    def on_alarm(signum: int, frame: Any) -> None:
        raise _HardTimeout

    old_handler = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds + ALARM_GRACE_SECONDS)
    old_cpu = resource.getrlimit(resource.RLIMIT_CPU)
    used = resource.getrusage(resource.RUSAGE_SELF)
    cpu_now = int(used.ru_utime + used.ru_stime)
    cpu_limit = [cpu_now + int(2 * seconds) + 10]
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_limit[0], old_cpu[1]))

    def extend(more: float) -> None:
        # a slow step (OCR of a page) gets its own allowance: push the alarm and CPU limit out
        beat()
        left = signal.getitimer(signal.ITIMER_REAL)[0]
        if left > 0:
            signal.setitimer(signal.ITIMER_REAL, left + more)
        cpu_limit[0] += int(4 * more)  # the OCR engine runs on two threads
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_CPU, (cpu_limit[0], old_cpu[1]))

    try:
        with timebudget.extender(extend):
            yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old_handler)
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_CPU, old_cpu)


def _counts(record: dict[str, Any]) -> dict[str, int]:
    def walk(sections: list[dict[str, Any]]) -> int:
        return sum(1 + walk(s.get("children") or []) for s in sections)

    return {
        "sections": walk(record["sections"]),
        "facts": len(record["facts"]),
        "metrics": len(record["metrics"]),
        "checks": len(record["checks"]),
    }


def run_task(task: Task, config: ParseConfig, mode: Mode = "report") -> Outcome:
    """Parse one document; every problem becomes a failure :class:`Outcome`.

    ``mode="report"`` returns the :class:`Report`; ``mode="line"`` returns its
    JSON line (made here, in parallel, rather than in the parent).
    """
    from .. import load
    from ..export.jsonl import dumps_line
    from ..pipeline import parse_raw, time_budget

    started = time.perf_counter()
    limits = config.limits

    def failed(error_type: str, message: str) -> Outcome:
        seconds = time.perf_counter() - started
        return failure_outcome(task.index, task.name, task.sha256, error_type, message, seconds)

    try:
        with _time_limits(limits.max_seconds):
            began = time.monotonic()
            raw = load.from_bytes(task.data, task.name, config)
            report = parse_raw(raw, config, deadline=began + time_budget(raw, config))
            if mode == "line":
                record = report.to_dict()
                line = dumps_line(record)
                seconds = time.perf_counter() - started
                return Outcome(task.index, task.name, task.sha256, seconds, line=line, counts=_counts(record))
    except GovReportError as exc:
        return failed(type(exc).__name__, exc.message)
    except _HardTimeout:
        return failed(
            "ParseTimeoutError",
            f"parsing took longer than the max_seconds limit of {limits.max_seconds:g} s; "
            "raise it with --limit max_seconds=N",
        )
    except MemoryError:
        return failed(
            "LimitExceededError",
            f"parsing needed more memory than the max_memory_mb limit of {limits.max_memory_mb} MB; "
            "raise it with --limit max_memory_mb=N",
        )
    except RecursionError:
        return failed("InternalError", "the parser hit Python's recursion limit on this file; please report")
    except (ImportError, OSError) as exc:
        if not _out_of_memory(exc):
            message = f"unexpected {type(exc).__name__} in the parser: {exc}; please report"
            return failed("InternalError", message)
        return failed(
            "LimitExceededError",
            f"the max_memory_mb limit of {limits.max_memory_mb} MB is too low to load the parser's libraries "
            f"({exc}); raise it with --limit max_memory_mb=N",
        )
    except Exception as exc:  # any bug in the parser must not stop a batch
        return failed("InternalError", f"unexpected {type(exc).__name__} in the parser: {exc}; please report")
    seconds = time.perf_counter() - started
    return Outcome(task.index, task.name, task.sha256, seconds, report=report)
