"""Turning inputs into tasks, and results back into input order.

>>> from govreport_parse.batch.worker import failure_outcome
>>> r = Reorder()
>>> [o.index for o in r.push(failure_outcome(1, "b", None, "E", "m"))]
[]
>>> [o.index for o in r.push(failure_outcome(0, "a", None, "E", "m"))]
[0, 1]
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator

from ..errors import GovReportError
from .inputs import Inputs, Source, sha256_of
from .worker import Outcome, Task, failure_outcome

__all__ = ["Item", "Reorder", "default_workers", "make_items"]

Item = Task | Outcome
"""What a runner consumes: a task to parse, or an outcome already known (unreadable input)."""


class Reorder:
    """Hold outcomes until every earlier index has arrived, then release them in order."""

    def __init__(self) -> None:
        self.next = 0
        self._held: dict[int, Outcome] = {}

    def push(self, outcome: Outcome) -> list[Outcome]:
        """Add one outcome; return the outcomes now releasable, in index order."""
        self._held[outcome.index] = outcome
        out = []
        while self.next in self._held:
            out.append(self._held.pop(self.next))
            self.next += 1
        return out


def default_workers() -> int:
    """The CPU cores this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def make_items(
    sources: Iterable[Source],
    reader: Inputs,
    *,
    skip: Callable[[Source, str | None], bool] | None = None,
    dedupe: bool = False,
) -> Iterator[Item]:
    """Read each source and yield a :class:`Task`, or a failure :class:`Outcome` when
    its bytes cannot be read.  ``skip(source, sha256)`` drops an input (already done).

    Indexes are contiguous over the yielded items, so a :class:`Reorder` can
    restore their order.  With ``dedupe``, a second input with the same SHA-256
    becomes an outcome with ``duplicate_of`` set instead of a task.
    """
    index = 0
    seen: dict[str, str] = {}
    for source in sources:
        try:
            data = reader.read(source)
        except GovReportError as exc:
            if skip is not None and skip(source, None):
                continue
            yield failure_outcome(index, source.name, None, type(exc).__name__, exc.message)
            index += 1
            continue
        sha = sha256_of(data)
        if skip is not None and skip(source, sha):
            continue
        if dedupe and sha in seen:
            yield Outcome(index=index, name=source.name, sha256=sha, seconds=0.0, duplicate_of=seen[sha])
        else:
            seen.setdefault(sha, source.name)
            yield Task(index=index, name=source.name, sha256=sha, data=data)
        index += 1
