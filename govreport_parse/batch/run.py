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
import signal
import sys
import threading
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
from .journal import FAILURES, REPORTS, Journal, is_rejection, output_error
from .progress import Progress, format_duration
from .scheduling import default_workers, make_items
from .worker import Outcome

__all__ = ["BatchInterrupted", "BatchSummary", "run_batch"]

TABLE_FORMATS = ("csv", "parquet", "duckdb")
GROUP_SECONDS = 0.25
"""Documents finishing within this time are committed together (one fsync per file)."""
GROUP_MAX = 256
VIEW_DIR = "view"
FAILED_SHOWN = 20
"""The summary names at most this many failed inputs of this run (all are in failures.jsonl)."""


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
    rejected: int = 0
    not_taken: Counter[str] = field(default_factory=Counter)
    interrupted: bool = False
    failed_names: list[str] = field(default_factory=list)
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
        lines.append(f"  parsed     {self.parsed} reports, {self.facts} facts")
        if self.rejected:
            lines.append(f"  rejected   {self.rejected} not reports (reasons in manifest.jsonl)")
        by_type = ", ".join(f"{k} {v}" for k, v in sorted(self.failures_by_type.items()))
        lines.append(f"  failed     {self.failed_now}" + (f" ({by_type})" if by_type else ""))
        if self.skipped or self.duplicates:
            lines.append(
                f"  skipped    {self.skipped} already done, {self.duplicates} duplicates (same sha256)"
            )
        if self.not_taken:
            why = ", ".join(f"{v} {k}" for k, v in sorted(self.not_taken.items()))
            lines.append(f"  not taken  {sum(self.not_taken.values())} files ({why})")
        lines.append(f"  dataset    {self.records} records, {self.failed} failures in total")
        if self.rows:
            tables = ", ".join(f"{k} {v}" for k, v in self.rows.items())
            lines.append(f"  tables     {tables} ({', '.join(self.formats) or 'jsonl only'})")
        lines.append(f"  time       {format_duration(self.seconds)} ({per_s}, {self.executor})")
        shown = self.failed_names[:FAILED_SHOWN]
        lines.extend(f"  failed:    {name}" for name in shown)
        if len(self.failed_names) > len(shown):
            lines.append(f"  failed:    … and {len(self.failed_names) - len(shown)} more")
        if self.failed:
            lines.append(f"  failures:  {os.path.join(self.outdir, FAILURES)}")
        if self.interrupted:
            lines.append("  interrupted: what is listed above is committed; continue with --resume")
        lines.extend(f"  note: {n}" for n in self.notes)
        return "\n".join(lines)


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C during :func:`run_batch`: the finished documents are committed; ``summary`` says
    what was done, and ``--resume`` (``resume=True``) continues."""

    def __init__(self, summary: BatchSummary) -> None:
        super().__init__("batch interrupted")
        self.summary = summary


class _InterruptAfterDocument:
    """While active (in the main thread), Ctrl-C stops the batch after the document being
    committed instead of in the middle of a journal write; a second Ctrl-C stops at once."""

    def __init__(self) -> None:
        self.requested = False
        self._old: Any = None

    def _handle(self, signum: int, frame: Any) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True

    def __enter__(self) -> _InterruptAfterDocument:
        if threading.current_thread() is threading.main_thread():
            self._old = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._old is not None:
            signal.signal(signal.SIGINT, self._old)


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
        # a compare page from each issuer's year to the next, linked from the index
        self.mod.write_compare_pages(self.dir, os.path.join(outdir, REPORTS), reports, limit=reports_end)


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
    verbose: bool = False,
    client: Any = None,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    parts: str | os.PathLike[str] | None = None,
    publish: str | None = None,
) -> BatchSummary:
    """Parse every input into the dataset folder ``out``; see ``docs/batch.md``.

    ``reports.jsonl``, ``failures.jsonl`` and ``manifest.jsonl`` are always
    written (they are the crash-safe journal); ``formats`` adds the flat tables
    as ``csv`` and/or ``parquet``.  ``progress``: ``None`` = a bar on a
    terminal, log lines otherwise; ``False`` = silent; ``True`` = the bar.
    ``executor="dask"`` runs on the scheduler at ``scheduler`` (or on ``client``).
    Files in folders and archives are taken by content; ``include`` /
    ``exclude`` globs narrow them; the output folder is never an input.  Every
    file not taken gets a ``status: skipped`` manifest line with its reason,
    every readable document that is not a report a ``status: rejected`` line.
    On ``KeyboardInterrupt`` the finished documents are committed, the summary's
    ``interrupted`` is set and the interrupt propagates.
    Inputs may be fsspec URLs (``s3://bucket/2019/*.pdf``); on Dask the workers
    open them and write their records as parts under ``parts`` (a folder or URL
    every worker can write; by default ``out/parts``), see ``docs/batch.md``.
    ``publish`` (a folder or fsspec URL): at the end, the dataset files are copied there.
    """
    started = time.monotonic()
    cfg = resolve_config(config)
    outdir = os.fspath(out)
    summary = BatchSummary(outdir=outdir, formats=tuple(f for f in formats if f in TABLE_FORMATS))
    with contextlib.ExitStack() as stack, Inputs(
        inputs, cfg, outdir=outdir, include=include, exclude=exclude
    ) as reader:
        summary.inputs = len(reader.sources)
        summary.ignored = len(reader.ignored)
        summary.not_taken.update(s.reason for s in reader.skipped)
        journal = Journal(outdir, resume=resume)
        for skipped in reader.skipped:
            if skipped.name not in journal.skipped_before:
                journal.note(skipped.to_dict())
        stream = None if progress is False else sys.stderr
        bar = Progress(len(reader.sources), stream, tty=True if progress else None, verbose=verbose)
        viewer = _Viewer(outdir, view, summary.notes)

        done_before = frozenset(journal.done)  # inputs repeated in this run are duplicates, not skips
        names_before = dict(journal.names)
        changed: list[str] = []

        def skip(source: Source, sha256: str | None) -> bool:
            # exactly once per input name: one committed under this name is not parsed again,
            # even if its bytes changed since (the note says which; a new folder parses them)
            if journal.key(sha256, source.name) in done_before or source.name in names_before:
                if source.name in names_before and sha256 is not None and names_before[source.name] != sha256:
                    changed.append(source.name)
                summary.skipped += 1
                bar.total -= 1
                return True
            return False

        items = make_items(reader.sources, reader, skip=skip, dedupe=True)
        own_client = None
        try:
            stop = stack.enter_context(_InterruptAfterDocument())
            if executor == "dask" or client is not None:
                from .dask_runner import connect, run_dask

                if client is None:
                    if not scheduler:
                        raise ValueError("the dask executor needs a scheduler address (tcp://host:8786)")
                    client = own_client = connect(scheduler)
                summary.executor = f"dask {scheduler or client.scheduler.address}"
                from .parts import PARTS, Parts, cluster_items, mark_duplicates

                default_store = os.path.join(os.path.abspath(outdir), PARTS)
                store = os.fspath(parts) if parts is not None else default_store
                if not resume:
                    Parts(store).clear()
                tasks = cluster_items(reader.sources, reader, skip=skip)
                committed = {sha: name for name, sha in names_before.items() if sha is not None}
                outcomes = mark_duplicates(
                    run_dask(
                        tasks, client=client, config=cfg, mode="line", parts=store, resume_parts=resume,
                        all_parts=parts is not None,  # local inputs travel as before unless --parts
                    ),
                    committed,
                )
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
                rejected = is_rejection(outcome.failure)
                if outcome.duplicate_of is None:
                    bar.update(ok=outcome.ok or rejected, name=outcome.name, message=message)
                else:
                    bar.total -= 1
                if stop.requested:
                    summary.interrupted = True
                    close = getattr(outcomes, "close", None)
                    if callable(close):
                        close()  # stops the workers
                    break
            journal.flush()
        except KeyboardInterrupt:
            summary.interrupted = True  # the documents finished so far are committed by close()
        finally:
            bar.close()
            journal.close()
            if own_client is not None:
                with contextlib.suppress(Exception):
                    own_client.close()
    if changed:
        summary.notes.append(
            f"{len(changed)} input(s) changed since they were committed under the same name; their "
            f"earlier outcome is kept (e.g. {changed[0]}); parse them into a new folder to see the new bytes"
        )
    summary.records = journal.previous["ok"] + summary.parsed
    summary.failed = journal.previous["failed"] + summary.failed_now
    if summary.interrupted:
        summary.seconds = time.monotonic() - started
        raise BatchInterrupted(summary)
    try:
        if summary.formats:
            from ..export.dataset import write_tables

            reports = journal.paths[REPORTS]
            summary.rows = write_tables(reports, outdir, summary.formats, limit=journal.reports_end)
        viewer.index(outdir, journal.reports_end)
    except OSError as exc:
        raise output_error(exc, outdir, "writing the tables") from None
    if publish is not None:
        from .parts import publish_dataset

        summary.notes.append(f"published {len(publish_dataset(outdir, publish))} dataset files to {publish}")
    summary.seconds = time.monotonic() - started
    return summary


def _count(summary: BatchSummary, outcome: Outcome) -> None:
    if outcome.duplicate_of is not None:
        summary.duplicates += 1
    elif is_rejection(outcome.failure):
        summary.rejected += 1
    elif outcome.failure is not None:
        summary.failed_now += 1
        failure = outcome.failure
        summary.failed_names.append(f"{outcome.name}: {failure.error_type}: {failure.message}")
        summary.failures_by_type[outcome.failure.error_type] += 1
    else:
        summary.parsed += 1
        summary.facts += outcome.counts.get("facts", 0)


