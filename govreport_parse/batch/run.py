"""``run_batch``: inputs to a dataset folder, resumable, with a summary.

>>> import os, tempfile
>>> d = tempfile.mkdtemp()
>>> with open(os.path.join(d, "a.txt"), "w", encoding="utf-8") as fh:
...     _ = fh.write("某区人民政府2018年政府信息公开工作年度报告\\n一、概述\\n办结率100%。")
>>> s = run_batch([d], os.path.join(d, "out"), workers=0, formats=("jsonl", "csv"), progress=False)
>>> s.parsed, s.failed, s.rows["reports"], s.rows["facts"] > 0
(1, 0, 1, True)
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..config import ParseConfig, resolve_config
from ..errors import RecordError
from ..export.jsonl import read_jsonl
from ..model import Failure, Report
from .inputs import Inputs, Source
from .journal import FAILURES, REPORTS, Journal
from .progress import Progress, format_duration
from .scheduling import default_workers, make_items
from .worker import Outcome

__all__ = ["BatchSummary", "run_batch"]

TABLE_FORMATS = ("csv", "parquet")
GROUP_SECONDS = 0.25
"""Documents finishing within this time are committed together (one fsync per file)."""
GROUP_MAX = 256
VIEW_DIR = "view"


@dataclass
class BatchSummary:
    """What a batch did. ``failed`` counts every failure in the output folder
    (this run and, with ``--resume``, earlier runs); it decides the exit code."""

    outdir: str
    inputs: int = 0
    parsed: int = 0
    failed_now: int = 0
    failed: int = 0
    records: int = 0
    skipped: int = 0
    duplicates: int = 0
    ignored: int = 0
    facts: int = 0
    failures_by_type: Counter[str] = field(default_factory=Counter)
    rows: dict[str, int] = field(default_factory=dict)
    formats: tuple[str, ...] = ()
    seconds: float = 0.0
    executor: str = ""
    notes: list[str] = field(default_factory=list)

    def format(self) -> str:
        """The summary printed at the end of a batch."""
        rate = self.parsed + self.failed_now
        per_s = f"{rate / self.seconds:.1f} doc/s" if self.seconds > 0 else "-"
        lines = [f"batch: {self.inputs} inputs -> {self.outdir}"]
        lines.append(f"  parsed     {self.parsed} documents, {self.facts} facts")
        by_type = ", ".join(f"{k} {v}" for k, v in sorted(self.failures_by_type.items()))
        lines.append(f"  failed     {self.failed_now}" + (f" ({by_type})" if by_type else ""))
        if self.skipped or self.duplicates or self.ignored:
            lines.append(
                f"  skipped    {self.skipped} already done, {self.duplicates} duplicates (same sha256), "
                f"{self.ignored} files not named like reports"
            )
        lines.append(f"  dataset    {self.records} records, {self.failed} failures in total")
        if self.rows:
            tables = ", ".join(f"{k} {v}" for k, v in self.rows.items())
            lines.append(f"  tables     {tables} ({', '.join(self.formats) or 'jsonl only'})")
        lines.append(f"  time       {format_duration(self.seconds)} ({per_s}, {self.executor})")
        if self.failed:
            lines.append(f"  failures:  {os.path.join(self.outdir, FAILURES)}")
        lines.extend(f"  note: {n}" for n in self.notes)
        return "\n".join(lines)


class _Viewer:
    """Writes review pages when ``--view`` is given and the view package is present."""

    def __init__(self, outdir: str, enabled: bool, notes: list[str]) -> None:
        self.dir = os.path.join(outdir, VIEW_DIR)
        self.mod: Any = None
        self.notes = notes
        if not enabled:
            return
        try:
            from .. import view

            self.mod = view
        except ImportError as exc:
            notes.append(f"--view skipped: the review pages are not available ({exc})")
            return
        os.makedirs(self.dir, exist_ok=True)

    def page(self, line: bytes | None) -> None:
        if self.mod is None or line is None:
            return
        report = Report.from_dict(json.loads(line))
        self.mod.write_page(report, os.path.join(self.dir, self.mod.page_name(report)))

    def index(self, outdir: str, reports_end: int) -> None:
        if self.mod is None:
            return
        # the index shows neither the text, the tables nor the artifacts: leave them out (memory)
        empty = {"text": "", "tables": [], "artifacts": []}
        reports: list[Report] = []
        failures: list[Failure] = []
        skipped: list[str] = []
        for r in read_jsonl(os.path.join(outdir, REPORTS), limit=reports_end):
            try:
                reports.append(Report.from_dict({**r, **empty}))
            except RecordError as err:  # a record an earlier run of another schema wrote
                skipped.append(str(err))
        for f in read_jsonl(os.path.join(outdir, FAILURES)):
            try:
                failures.append(Failure.from_dict(f))
            except RecordError as err:
                skipped.append(str(err))
        if skipped:
            self.notes.append(f"index.html leaves out {len(skipped)} unreadable record(s): {skipped[0]}")
        self.mod.write_index(self.dir, reports, failures)


def run_batch(
    inputs: Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    workers: int | None = None,
    resume: bool = False,
    formats: Sequence[str] = ("jsonl", "csv", "parquet"),
    executor: str = "local",
    scheduler: str | None = None,
    config: ParseConfig | dict[str, Any] | None = None,
    view: bool = False,
    progress: bool | None = None,
    client: Any = None,
) -> BatchSummary:
    """Parse every input into the dataset folder ``out``; see ``docs/batch.md``.

    ``reports.jsonl``, ``failures.jsonl`` and ``manifest.jsonl`` are always
    written (they are the crash-safe journal); ``formats`` adds the flat tables
    as ``csv`` and/or ``parquet``.  ``progress``: ``None`` = a bar on a
    terminal, log lines otherwise; ``False`` = silent; ``True`` = the bar.
    ``executor="dask"`` runs on the scheduler at ``scheduler`` (or on ``client``).
    """
    started = time.monotonic()
    cfg = resolve_config(config)
    outdir = os.fspath(out)
    summary = BatchSummary(outdir=outdir, formats=tuple(f for f in formats if f in TABLE_FORMATS))
    with Inputs(inputs, cfg) as reader:
        summary.inputs = len(reader.sources)
        summary.ignored = len(reader.ignored)
        journal = Journal(outdir, resume=resume)
        stream = None if progress is False else sys.stderr
        bar = Progress(len(reader.sources), stream, tty=True if progress else None)
        viewer = _Viewer(outdir, view, summary.notes)

        done_before = frozenset(journal.done)  # inputs repeated in this run are duplicates, not skips

        def skip(source: Source, sha256: str | None) -> bool:
            if journal.key(sha256, source.name) in done_before:
                summary.skipped += 1
                bar.total -= 1
                return True
            return False

        items = make_items(reader.sources, reader, skip=skip, dedupe=True)
        own_client = None
        try:
            if executor == "dask" or client is not None:
                from .dask_runner import connect, run_dask

                if client is None:
                    if not scheduler:
                        raise ValueError("the dask executor needs a scheduler address (tcp://host:8786)")
                    client = own_client = connect(scheduler)
                summary.executor = f"dask {scheduler or client.scheduler.address}"
                outcomes = run_dask(items, client=client, config=cfg, mode="line")
            else:
                n = default_workers() if workers is None else workers
                summary.executor = f"{n} worker{'s' if n != 1 else ''}" if n else "in-process"
                from .local import run_local

                outcomes = run_local(items, workers=n, config=cfg, mode="line")
            for outcome in outcomes:
                journal.add(outcome)
                if journal.pending >= GROUP_MAX or time.monotonic() - journal.last_flush >= GROUP_SECONDS:
                    journal.flush()
                _count(summary, outcome)
                if outcome.ok:
                    viewer.page(outcome.line)
                message = outcome.failure.message if outcome.failure else ""
                if outcome.duplicate_of is None:
                    bar.update(ok=outcome.ok, name=outcome.name, message=message)
                else:
                    bar.total -= 1
            journal.flush()
        finally:
            bar.close()
            journal.close()
            if own_client is not None:
                with contextlib.suppress(Exception):
                    own_client.close()
    summary.records = journal.previous["ok"] + summary.parsed
    summary.failed = journal.previous["failed"] + summary.failed_now
    if summary.formats:
        from ..export.dataset import write_tables

        reports = journal.paths[REPORTS]
        summary.rows = write_tables(reports, outdir, summary.formats, limit=journal.reports_end)
    viewer.index(outdir, journal.reports_end)
    summary.seconds = time.monotonic() - started
    return summary


def _count(summary: BatchSummary, outcome: Outcome) -> None:
    if outcome.duplicate_of is not None:
        summary.duplicates += 1
    elif outcome.failure is not None:
        summary.failed_now += 1
        summary.failures_by_type[outcome.failure.error_type] += 1
    else:
        summary.parsed += 1
        summary.facts += outcome.counts.get("facts", 0)


