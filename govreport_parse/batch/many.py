"""``parse_many``: many documents, one result each, in input order, never raising."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..config import ParseConfig, resolve_config
from ..model import Failure, Report
from .inputs import Inputs, iter_sources
from .scheduling import default_workers, make_items
from .worker import Outcome

__all__ = ["parse_many"]


def with_timeout(config: ParseConfig, timeout: float | None) -> ParseConfig:
    """``config`` with ``limits.max_seconds`` replaced by ``timeout`` (when given)."""
    if timeout is None:
        return config
    return dataclasses.replace(config, limits=dataclasses.replace(config.limits, max_seconds=timeout))


def _result(outcome: Outcome) -> Report | Failure:
    if outcome.report is not None:
        return outcome.report
    if outcome.failure is not None:
        return outcome.failure
    raise AssertionError("an outcome carries a report or a failure")  # pragma: no cover


def parse_many(
    paths: Iterable[Any],
    workers: int | None = None,
    *,
    config: ParseConfig | Mapping[str, Any] | None = None,
    client: Any = None,
    timeout: float | None = None,
) -> Iterator[Report | Failure]:
    """Parse many documents; yield one :class:`Report` or :class:`Failure` per input, in input order.

    ``paths`` are file paths, ``(name, bytes)`` pairs (e.g. archive members) or
    :class:`~govreport_parse.batch.inputs.Source` objects from
    :func:`~govreport_parse.batch.expand_inputs` (which expands folders, globs
    and archives).  Nothing is raised for a bad document: an unreadable,
    corrupt, empty or encrypted file, a parser bug, a document over
    ``timeout`` seconds (default ``config.limits.max_seconds``) or over
    ``limits.max_memory_mb``, or a worker that dies, each yields a Failure;
    so does a document that is not a report (``NotAReportError``, see ``docs/inputs.md``).

    ``workers``: ``None`` = one process per core; ``0`` = parse in this process
    (no time/memory isolation); ``N`` = N worker processes.  ``client``: a
    ``dask.distributed.Client`` to run on a Dask cluster instead.

    >>> import govreport_parse as gp
    >>> items = [("a.txt", "某区2018年政府信息公开工作年度报告\\n办结率100%。".encode()), ("b.txt", b"")]
    >>> [type(r).__name__ for r in gp.parse_many(items, workers=0)]
    ['Report', 'Failure']
    """
    cfg = with_timeout(resolve_config(config), timeout)
    with Inputs([], cfg) as reader:
        items = make_items(iter_sources(paths), reader)
        if client is not None:
            from .dask_runner import run_dask

            outcomes = run_dask(items, client=client, config=cfg, mode="report")
        else:
            from .local import run_local

            n = default_workers() if workers is None else workers
            outcomes = run_local(items, workers=n, config=cfg, mode="report")
        for outcome in outcomes:
            yield _result(outcome)
