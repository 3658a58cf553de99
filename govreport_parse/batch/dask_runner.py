"""The Dask executor: the same tasks on a ``dask.distributed`` cluster.

Each document is one Dask task (:func:`~govreport_parse.batch.worker.run_task`,
its bytes shipped with it, so workers need no shared file system, only
govreport-parse installed).  At most ``window`` documents are in flight;
results are gathered as they complete and released in input order, so the
records are the same as a local run's.  Every worker is warmed up once
(``client.run``).  The per-document time limit is the pipeline's own deadline
check; memory is the Dask worker's ``--memory-limit`` (a worker the nanny
restarts too often surfaces here as a ``WorkerCrashedError`` failure).

Needs the optional extra ``pip install 'govreport-parse[dask]'``.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterable, Iterator
from typing import Any

from ..config import ParseConfig
from ..errors import DependencyMissingError
from .scheduling import Item, Reorder
from .worker import Mode, Outcome, Task, failure_outcome, run_task, warm_up

__all__ = ["connect", "run_dask"]


def connect(address: str) -> Any:
    """A ``distributed.Client`` connected to the scheduler at ``address``."""
    try:
        from distributed import Client
    except ImportError:
        raise DependencyMissingError(
            "the Dask executor needs dask[distributed]; install it with pip install 'govreport-parse[dask]'"
        ) from None
    try:
        return Client(address, timeout="30s")  # type: ignore[no-untyped-call]
    except OSError as exc:
        raise ValueError(f"cannot reach the Dask scheduler at {address}: {exc}") from None


def run_dask(
    items: Iterable[Item],
    *,
    client: Any,
    config: ParseConfig,
    mode: Mode = "report",
    window: int | None = None,
) -> Iterator[Outcome]:
    """Parse every task on the cluster of ``client``; yield outcomes in input (index) order."""
    from distributed import as_completed

    with contextlib.suppress(Exception):
        client.run(warm_up, config)
    threads = sum(client.nthreads().values()) or 1
    window = window or max(8 * threads, 16)
    run_id = uuid.uuid4().hex[:8]
    reorder = Reorder()
    pending: dict[str, tuple[Task, Any]] = {}
    running = as_completed()  # type: ignore[no-untyped-call]
    source = iter(items)
    submitted = 0
    exhausted = False

    def fill() -> Iterator[Outcome]:
        nonlocal submitted, exhausted
        while not exhausted and submitted - reorder.next < window:
            item = next(source, None)
            if item is None:
                exhausted = True
                return
            submitted += 1
            if isinstance(item, Outcome):
                yield from reorder.push(item)
                continue
            key = f"govreport-parse-{run_id}-{item.index}"
            future = client.submit(run_task, item, config, mode, key=key, pure=False)
            pending[future.key] = (item, future)
            running.add(future)  # type: ignore[no-untyped-call]

    try:
        yield from fill()
        while pending or not exhausted:
            if not pending:
                yield from fill()
                continue
            future = next(running)
            task, _ = pending.pop(future.key)
            try:
                outcome = future.result()
            except Exception as exc:  # KilledWorker, lost connection, a cancelled task
                outcome = failure_outcome(
                    task.index,
                    task.name,
                    task.sha256,
                    "WorkerCrashedError",
                    f"the Dask task failed ({type(exc).__name__}: {exc}); the worker may have run out "
                    "of memory (see its --memory-limit)",
                )
            future.release()
            yield from reorder.push(outcome)
            yield from fill()
    finally:
        if pending:
            with contextlib.suppress(Exception):
                client.cancel([f for _, f in pending.values()])
        with contextlib.suppress(Exception):
            running.clear()  # type: ignore[no-untyped-call]
