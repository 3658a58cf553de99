"""Parts: what Dask workers write into the dataset, and how the client takes them back.

On a cluster each task opens its input itself (a :class:`RemoteTask` names an
fsspec URL) or gets its bytes (a :class:`~govreport_parse.batch.worker.Task`),
parses it, and writes the result as a *part* of the dataset under ``parts/``
(the output folder's, or any fsspec URL the workers can write, ``--parts``)::

    parts/reports/<key>.jsonl   the document's record: the exact line reports.jsonl gets
    parts/done/<key>.json       its manifest entry (name, sha256, seconds, rows, failure)

``<key>`` is a hash of the input's name (:func:`part_key`).  The record is
written first and the entry second, each atomically (a temp name then a rename
on a local or shared file system; one PUT on an object store), so an entry
exists only once its record is complete.  The task returns only the small
:class:`PartEntry`; the client commits the manifest line and appends the part's
record to ``reports.jsonl`` in input order, so the dataset is the same, byte for
byte, as a local run's.  On ``--resume`` an input whose entry is already in
``parts/done/`` (a worker finished it while the client was down) is taken from
its part, not parsed again.

>>> import tempfile
>>> from govreport_parse.config import ParseConfig
>>> store = tempfile.mkdtemp()
>>> entry = run_part(Task(index=0, name="empty.txt", sha256="0" * 64, data=b""), ParseConfig(), store)
>>> entry.failure["error_type"], entry.line is None
('EmptyDocumentError', True)
>>> Parts(store).entry(part_key("empty.txt"))["name"]
'empty.txt'
>>> to_outcome(entry, Parts(store)).failure.error_type
'EmptyDocumentError'
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import posixpath
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..config import ParseConfig
from ..errors import GovReportError
from ..model import Failure
from .inputs import Inputs, Source, sha256_of
from .remote import filesystem, is_url, read_url
from .scheduling import Item, make_items
from .worker import Outcome, Task, failure_outcome, run_task

__all__ = [
    "PARTS",
    "PartEntry",
    "Parts",
    "RemoteTask",
    "cluster_items",
    "from_part",
    "mark_duplicates",
    "part_key",
    "publish_dataset",
    "run_part",
    "to_outcome",
]

PARTS = "parts"
"""The folder of parts inside the output folder."""

RECORDS = "reports"
DONE = "done"


@dataclass(frozen=True, slots=True)
class RemoteTask:
    """One input a worker opens itself: its position, name and fsspec URL."""

    index: int
    name: str
    url: str


@dataclass(frozen=True, slots=True)
class PartEntry:
    """What a task returns to the client: the manifest entry of one input.

    ``line`` carries the record only when no part could be written (no part
    location, or the write failed): then it travels back with the entry.
    """

    index: int
    name: str
    sha256: str | None
    seconds: float
    counts: dict[str, int] = field(default_factory=dict)
    failure: dict[str, Any] | None = None
    line: bytes | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form written to ``parts/done/<key>.json``."""
        return {
            "name": self.name,
            "sha256": self.sha256,
            "seconds": self.seconds,
            "rows": self.counts,
            "failure": self.failure,
        }


def part_key(name: str) -> str:
    """The part file name of an input: 32 hex digits of the SHA-256 of its name.

    >>> part_key("a.pdf")
    'a7949e623819aa32baf4c32d0457e275'
    """
    return hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:32]


class Parts:
    """The parts folder at ``location`` (a local path or an fsspec URL)."""

    def __init__(self, location: str) -> None:
        self.location = location
        self.fs, self.root = filesystem(location if is_url(location) else "file://" + _abspath(location))
        self._local = "file" in _protocols(self.fs)

    def _path(self, kind: str, key: str) -> str:
        suffix = ".jsonl" if kind == RECORDS else ".json"
        return posixpath.join(self.root, kind, key + suffix)

    def _put(self, path: str, data: bytes) -> None:
        if not self._local:  # an object store makes one PUT visible at once
            self.fs.pipe_file(path, data)
            return
        folder = posixpath.dirname(path)
        self.fs.makedirs(folder, exist_ok=True)
        tmp = posixpath.join(folder, f".tmp-{uuid.uuid4().hex}")
        self.fs.pipe_file(tmp, data)
        import os

        os.replace(tmp, path)

    def write(self, entry: PartEntry, line: bytes | None) -> None:
        """Write one input's record (if any), then its entry."""
        key = part_key(entry.name)
        if line is not None:
            self._put(self._path(RECORDS, key), line)
        self._put(self._path(DONE, key), json.dumps(entry.to_dict(), ensure_ascii=False).encode("utf-8"))

    def entry(self, key: str) -> dict[str, Any] | None:
        """The entry of part ``key``, or ``None`` when that input has no complete part."""
        try:
            raw = self.fs.cat_file(self._path(DONE, key))
            value = json.loads(raw)
        except (FileNotFoundError, ValueError):
            return None
        return value if isinstance(value, dict) else None

    def finished(self) -> frozenset[str]:
        """The keys of every complete part (one listing of ``done/``)."""
        try:
            names = self.fs.ls(posixpath.join(self.root, DONE), detail=False)
        except FileNotFoundError:
            return frozenset()
        return frozenset(
            posixpath.basename(n)[: -len(".json")] for n in names if str(n).endswith(".json")
        )

    def record(self, key: str) -> bytes:
        """The record line of part ``key``."""
        data: bytes = self.fs.cat_file(self._path(RECORDS, key))
        return data

    def clear(self) -> None:
        """Remove the parts of an earlier batch (a new batch into this folder): only the
        ``reports/`` and ``done/`` folders this module writes, nothing else at the location."""
        for kind in (RECORDS, DONE):
            folder = posixpath.join(self.root, kind)
            with contextlib.suppress(FileNotFoundError):
                if self.fs.exists(folder):
                    self.fs.rm(folder, recursive=True)


def _abspath(path: str) -> str:
    import os

    return os.path.abspath(path)


def _protocols(fs: Any) -> tuple[str, ...]:
    proto = fs.protocol
    return (proto,) if isinstance(proto, str) else tuple(proto)


def run_part(task: Task | RemoteTask, config: ParseConfig, parts: str | None) -> PartEntry:
    """Run on a worker: read the input (a URL is opened here), parse it, write its part.

    Never raises for a bad input: the failure is in the entry.  When the part
    cannot be written, the record comes back in the entry (``line``) instead.
    """
    if isinstance(task, RemoteTask):
        try:
            data = read_url(task.url, task.name, config.limits.max_input_bytes)
        except GovReportError as exc:
            outcome = failure_outcome(task.index, task.name, None, type(exc).__name__, exc.message)
        else:
            outcome = run_task(Task(task.index, task.name, sha256_of(data), data), config, "line")
    else:
        outcome = run_task(task, config, "line")
    failure = outcome.failure.to_dict() if outcome.failure is not None else None
    entry = PartEntry(outcome.index, outcome.name, outcome.sha256, outcome.seconds, outcome.counts, failure)
    if parts is not None:
        try:
            Parts(parts).write(entry, outcome.line)
            return entry
        except OSError:
            pass  # no writable part store here: the record travels back with the entry
    return PartEntry(
        entry.index, entry.name, entry.sha256, entry.seconds, entry.counts, entry.failure, outcome.line
    )


def to_outcome(entry: PartEntry, parts: Parts | None) -> Outcome:
    """The client's :class:`Outcome` for an entry, its record read from the part."""
    if entry.failure is not None:
        failure = Failure.from_dict(entry.failure)
        return Outcome(entry.index, entry.name, entry.sha256, entry.seconds, failure=failure)
    line = entry.line
    if line is None:
        if parts is None:
            raise ValueError(f"the entry of {entry.name} has neither a record nor a part")
        line = parts.record(part_key(entry.name))
    return Outcome(entry.index, entry.name, entry.sha256, entry.seconds, line=line, counts=dict(entry.counts))


def from_part(index: int, name: str, parts: Parts) -> Outcome | None:
    """The outcome of an input a worker finished in an earlier run (its part is complete), else ``None``."""
    stored = parts.entry(part_key(name))
    if stored is None or stored.get("name") != name:
        return None
    entry = PartEntry(
        index,
        name,
        stored.get("sha256"),
        float(stored.get("seconds") or 0.0),
        {str(k): int(v) for k, v in (stored.get("rows") or {}).items()},
        stored.get("failure"),
    )
    try:
        return to_outcome(entry, parts)
    except (OSError, ValueError):
        return None  # the record is gone: parse it again


def cluster_items(
    sources: Iterable[Source],
    reader: Inputs,
    *,
    skip: Callable[[Source, str | None], bool] | None = None,
) -> Iterator[Item | RemoteTask]:
    """:func:`~.scheduling.make_items` for a cluster: a URL input becomes a :class:`RemoteTask`
    (not read here); a local input is read here and shipped as before.

    Indexes are contiguous over the yielded items.  Duplicates (same SHA-256) are found
    when the outcomes are released (:func:`mark_duplicates`).
    """
    index = 0
    for source in sources:
        if source.url is not None and source.problem is None:
            if skip is not None and skip(source, None):
                continue
            yield RemoteTask(index, source.name, source.url)
            index += 1
            continue
        for item in make_items([source], reader, skip=skip):
            yield dataclasses.replace(item, index=index)
            index += 1


def mark_duplicates(
    outcomes: Iterable[Outcome], committed: dict[str, str] | None = None
) -> Iterator[Outcome]:
    """Outcomes in input order, a later input with the bytes of an earlier one marked
    ``duplicate_of`` it (as the local reader does before parsing).  ``committed`` maps the
    SHA-256 of inputs an earlier run committed (``--resume``) to their names: the same
    bytes under a new name are a duplicate of those, never a second record.

    >>> from govreport_parse.batch.worker import failure_outcome
    >>> a = failure_outcome(0, "a", "ab" * 32, "E", "m")
    >>> b = failure_outcome(1, "b", "ab" * 32, "E", "m")
    >>> [o.duplicate_of for o in mark_duplicates([a, b])]
    [None, 'a']
    """
    seen: dict[str, str] = dict(committed or {})
    try:
        for outcome in outcomes:
            sha = outcome.sha256
            if sha is not None and outcome.duplicate_of is None:
                first = seen.setdefault(sha, outcome.name)
                if first != outcome.name:
                    outcome = Outcome(outcome.index, outcome.name, sha, 0.0, duplicate_of=first)
            yield outcome
    finally:
        close = getattr(outcomes, "close", None)
        if callable(close):
            close()  # stops the runner (it cancels the tasks in flight)


def publish_dataset(outdir: str, url: str) -> list[str]:
    """Copy the dataset files of ``outdir`` (the journals and tables, not the parts nor the
    lock) to the folder or fsspec URL ``url``; returns the names copied.

    A failed copy is an :class:`~govreport_parse.errors.OutputError` naming ``url``;
    the local dataset stays complete (publish it again).
    """
    import os

    from ..errors import OutputError

    names = sorted(
        n for n in os.listdir(outdir) if not n.startswith(".") and os.path.isfile(os.path.join(outdir, n))
    )
    target = url if is_url(url) else "file://" + _abspath(url)
    try:
        fs, root = filesystem(target)
        fs.makedirs(root, exist_ok=True)
        for name in names:
            fs.put_file(os.path.join(outdir, name), posixpath.join(root, name))
    except Exception as exc:  # any driver error: network, permissions, credentials
        raise OutputError(
            f"cannot publish the dataset to {url} ({type(exc).__name__}: {exc}); "
            f"the dataset in {outdir} is complete: publish it again",
            path=url,
        ) from None
    return names
