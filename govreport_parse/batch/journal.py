"""The output folder's journals: ``reports.jsonl``, ``failures.jsonl``, ``manifest.jsonl``.

Committing a document appends its record (or failure) with one write and an
``fsync``, then one ``manifest.jsonl`` line that names the input and records the
committed length of both data files (``reports_end``, ``failures_end``).
Documents that finish together are committed together (one write and one
``fsync`` per file for the group), which keeps the disk from limiting the rate.
The manifest line is the commit: on ``--resume`` the data files are cut back to
the lengths in the last complete manifest line, so a record written just before
a crash but not yet in the manifest is dropped and parsed again, never twice.

>>> import tempfile
>>> from govreport_parse.batch.worker import failure_outcome
>>> out = tempfile.mkdtemp()
>>> j = Journal(out)
>>> j.commit(failure_outcome(0, "a.txt", "ab" * 32, "EmptyDocumentError", "file is empty"))
>>> j.close()
>>> j = Journal(out, resume=True)
>>> sorted(j.done), j.previous
(['abababababababababababababababababababababababababababababababab'], {'ok': 0, 'failed': 1})
>>> j.close()
"""

from __future__ import annotations

import json
import os
import time
from typing import Any

from ..decide import REJECTION_PREFIX
from ..export.jsonl import append_lines, dumps_line, open_append, truncate_partial
from ..model import Failure
from .worker import Outcome

__all__ = ["FAILURES", "MANIFEST", "REPORTS", "Journal"]

REJECTED_ERRORS = ("NotAReportError",)
"""Failures of these types are rejections: readable documents that are not reports.
Their manifest line says ``status: rejected`` with the reasons; no failure record is written."""



def is_rejection(failure: Failure | None) -> bool:
    """Whether a failure is the rejection of a readable document that is not a report."""
    return (
        failure is not None
        and failure.error_type in REJECTED_ERRORS
        and failure.message.startswith(REJECTION_PREFIX)
    )


REPORTS = "reports.jsonl"
FAILURES = "failures.jsonl"
MANIFEST = "manifest.jsonl"


def _record_line(outcome: Outcome) -> bytes:
    if outcome.report is None:
        raise ValueError("an ok outcome needs its record line")
    return dumps_line(outcome.report.to_dict())


class Journal:
    """Append-only, crash-safe journals in ``outdir``.

    ``done`` holds the keys (SHA-256, or ``name:<path>`` for an input that could
    not be read) of inputs already committed as ok or failed.
    """

    def __init__(self, outdir: str | os.PathLike[str], *, resume: bool = False, fsync: bool = True) -> None:
        self.outdir = os.fspath(outdir)
        self.fsync = fsync
        os.makedirs(self.outdir, exist_ok=True)
        self.paths = {n: os.path.join(self.outdir, n) for n in (REPORTS, FAILURES, MANIFEST)}
        self.done: set[str] = set()
        self.skipped_before: set[str] = set()
        self._notes: list[dict[str, Any]] = []
        self.previous = {"ok": 0, "failed": 0}
        self.reports_end = 0
        self.failures_end = 0
        if resume:
            self._recover()
        else:
            existing = [n for n, p in self.paths.items() if os.path.exists(p) and os.path.getsize(p) > 0]
            if existing:
                raise ValueError(
                    f"{self.outdir} already holds a batch ({', '.join(existing)}); "
                    "add --resume to continue it, or choose an empty folder"
                )
            for p in self.paths.values():
                open(p, "wb").close()
        self._fds = {n: open_append(p) for n, p in self.paths.items()}
        self._queue: list[Outcome] = []
        self.last_flush = time.monotonic()

    @staticmethod
    def key(sha256: str | None, name: str) -> str:
        """The resume key of an input."""
        return sha256 if sha256 else f"name:{name}"

    def _recover(self) -> None:
        """Drop partial lines and uncommitted data; load what is done."""
        manifest = self.paths[MANIFEST]
        truncate_partial(manifest)
        sizes = {n: os.path.getsize(p) if os.path.exists(p) else 0 for n, p in self.paths.items()}
        good_bytes = 0
        if os.path.exists(manifest):
            with open(manifest, "rb") as fh:
                for raw in fh:
                    try:
                        entry = json.loads(raw)
                        r_end, f_end = int(entry["reports_end"]), int(entry["failures_end"])
                    except (ValueError, KeyError, TypeError):
                        break
                    if r_end > sizes[REPORTS] or f_end > sizes[FAILURES]:
                        break  # the data it points at was lost: keep only what precedes it
                    good_bytes += len(raw)
                    self.reports_end, self.failures_end = r_end, f_end
                    status = entry.get("status")
                    if status in ("ok", "failed"):
                        self.done.add(self.key(entry.get("sha256"), str(entry.get("name"))))
                        self.previous[status] += 1
                    elif status == "rejected":
                        self.done.add(self.key(entry.get("sha256"), str(entry.get("name"))))
                    elif status == "skipped":
                        self.skipped_before.add(str(entry.get("name")))
            if good_bytes < sizes[MANIFEST]:
                os.truncate(manifest, good_bytes)
        for name, end in ((REPORTS, self.reports_end), (FAILURES, self.failures_end)):
            path = self.paths[name]
            if not os.path.exists(path):
                open(path, "wb").close()
            elif sizes[name] > end:
                os.truncate(path, end)

    def commit(self, outcome: Outcome) -> None:
        """Append one finished input now (its record or failure, then its manifest line)."""
        self.add(outcome)
        self.flush()

    def add(self, outcome: Outcome) -> None:
        """Queue one finished input; :meth:`flush` commits the queue."""
        self._queue.append(outcome)

    def note(self, entry: dict[str, Any]) -> None:
        """Queue a manifest line for an input that was not parsed (``status: skipped``, its reason)."""
        self._notes.append(entry)

    @property
    def pending(self) -> int:
        """Inputs queued but not yet committed."""
        return len(self._queue)

    def flush(self) -> None:
        """Commit the queued inputs: one write + fsync per data file, then one for the manifest.

        Each document's lines are complete, and a document counts as committed
        only once its manifest line is, so a crash at any point loses at most
        the queued documents (they are parsed again on resume, never twice).
        """
        if not self._queue and not self._notes:
            return
        for name, end in ((REPORTS, self.reports_end), (FAILURES, self.failures_end)):
            if os.fstat(self._fds[name]).st_size != end:  # an interrupted flush left uncommitted bytes
                os.ftruncate(self._fds[name], end)
        reports: list[bytes] = []
        failures: list[bytes] = []
        entries: list[dict[str, Any]] = []
        reports_end, failures_end = self.reports_end, self.failures_end
        for outcome in self._queue:
            entry: dict[str, Any] = {"name": outcome.name, "sha256": outcome.sha256}
            if outcome.duplicate_of is not None:
                entry.update(status="duplicate", duplicate_of=outcome.duplicate_of)
            elif outcome.failure is not None and is_rejection(outcome.failure):
                entry.update(status="rejected", reason="not a report", detail=outcome.failure.message)
            elif outcome.failure is not None:
                line = dumps_line(outcome.failure.to_dict())
                failures.append(line)
                failures_end += len(line)
                entry.update(status="failed", error_type=outcome.failure.error_type)
            else:
                line = outcome.line if outcome.line is not None else _record_line(outcome)
                reports.append(line)
                reports_end += len(line)
                entry.update(status="ok")
            entry["seconds"] = round(outcome.seconds, 4)
            entry["rows"] = outcome.counts
            entry["reports_end"] = reports_end
            entry["failures_end"] = failures_end
            entries.append(entry)
        if reports:
            self.reports_end = append_lines(self._fds[REPORTS], reports, fsync=self.fsync)
        if failures:
            self.failures_end = append_lines(self._fds[FAILURES], failures, fsync=self.fsync)
        if (self.reports_end, self.failures_end) != (reports_end, failures_end):
            raise OSError(f"the journal in {self.outdir} changed size while this batch was writing to it")
        for note in self._notes:
            entries.append({**note, "reports_end": reports_end, "failures_end": failures_end})
        append_lines(self._fds[MANIFEST], [dumps_line(e) for e in entries], fsync=self.fsync)
        for outcome, entry in zip(self._queue, entries, strict=False):
            if entry["status"] in ("ok", "failed", "rejected"):
                self.done.add(self.key(outcome.sha256, outcome.name))
        self._queue = []
        self._notes = []
        self.last_flush = time.monotonic()

    def close(self) -> None:
        """Commit what is queued (also when interrupted: those documents are finished), close the files."""
        try:
            if self._fds:
                self.flush()
        finally:
            for fd in self._fds.values():
                os.close(fd)
            self._fds = {}
