"""The Dask executor: the same tasks on a ``dask.distributed`` cluster.

Each document is one Dask task (:func:`~govreport_parse.batch.worker.run_task`,
its bytes shipped with it, so workers need no shared file system, only
govreport-parse installed).  At most ``window`` documents are in flight;
results are gathered as they complete and released in input order, so the
records are the same as a local run's.  Every worker is warmed up once
(``client.run``).  The per-document time limit is the pipeline's own deadline
check; memory is the Dask worker's ``--memory-limit`` (a worker the nanny
restarts too often surfaces here as a ``WorkerCrashedError`` failure).

Worker threads get no ``SIGALRM``, so a document stuck inside one stage would
never stop by itself: when no task finishes for ``2 * max_seconds + 30`` seconds
(as for the local pool), the oldest tasks in flight, one per worker thread, are
declared stuck, cancelled and recorded as ``ParseTimeoutError``; the others go on.
A cancelled task's thread may stay busy until its stage ends: restart the
workers (``client.restart()``) if the cluster slows down.

With ``parts`` (a folder or fsspec URL every worker can write, by default
the output folder's ``parts/``), a task writes its record there itself and
returns only a small manifest entry (:mod:`.parts`); a :class:`~.parts.RemoteTask`
(a URL input) is opened by the worker, so the client never reads its bytes.
Since the SHA-256 of a URL input is known only once a worker read it, a
second input with the same bytes becomes a duplicate when its entry is released.

Needs the optional extra ``pip install 'govreport-parse[dask]'``.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..config import ParseConfig
from ..errors import DependencyMissingError
from .local import hang_seconds
from .parts import Parts, RemoteTask, from_part, part_key, run_part, to_outcome
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
    items: Iterable[Item | RemoteTask],
    *,
    client: Any,
    config: ParseConfig,
    mode: Mode = "report",
    window: int | None = None,
    stall_seconds: float | None = None,
    runner: Callable[[Task, ParseConfig, Mode], Outcome] = run_task,
    parts: str | None = None,
    resume_parts: bool = False,
    all_parts: bool = True,
) -> Iterator[Outcome]:
    """Parse every task on the cluster of ``client``; yield outcomes in input (index) order.

    ``stall_seconds`` (default ``2 * max_seconds + 30``): how long no task may finish before
    the oldest in flight are declared stuck. ``runner`` is what runs one task on a worker.
    ``parts``: where the workers write their records (see :mod:`.parts`); needed for
    :class:`~.parts.RemoteTask` items (``mode="line"`` only). ``resume_parts``: take an
    input whose part an earlier run completed from that part instead of parsing it again.
    ``all_parts=False``: only URL inputs go through parts; a task with its bytes returns
    its record with the result, as without ``parts``.
    """
    from distributed import wait as dask_wait

    with contextlib.suppress(Exception):
        client.run(warm_up, config)
    threads = sum(client.nthreads().values()) or 1
    window = window or max(8 * threads, 16)
    run_id = uuid.uuid4().hex[:8]
    stall = hang_seconds(config) if stall_seconds is None else stall_seconds
    reorder = Reorder()
    store = Parts(parts) if parts is not None else None
    finished = store.finished() if store is not None and resume_parts else frozenset()  # one listing
    pending: dict[str, tuple[Task | RemoteTask, Any]] = {}
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
            if finished and part_key(item.name) in finished and store is not None:
                done_before = from_part(item.index, item.name, store)
                if done_before is not None:
                    yield from reorder.push(done_before)
                    continue
            key = f"govreport-parse-{run_id}-{item.index}"
            if isinstance(item, RemoteTask) or (store is not None and all_parts and mode == "line"):
                future = client.submit(run_part, item, config, parts, key=key, pure=False)
            else:
                future = client.submit(runner, item, config, mode, key=key, pure=False)
            pending[future.key] = (item, future)

    try:
        yield from fill()
        while pending or not exhausted:
            if not pending:
                yield from fill()
                continue
            try:
                done = dask_wait(  # type: ignore[no-untyped-call]
                    [f for _, f in pending.values()], timeout=stall, return_when="FIRST_COMPLETED"
                ).done
            except TimeoutError:
                done = set()
            if not done:  # nothing finished for `stall` seconds: the oldest are stuck
                for outcome in _stuck(pending, threads, stall, client):
                    yield from reorder.push(outcome)
            for future in done:
                task, _ = pending.pop(future.key)
                try:
                    result = future.result()
                    outcome = to_outcome(result, store) if not isinstance(result, Outcome) else result
                except FileNotFoundError as exc:  # the part went to a disk this client does not see
                    outcome = failure_outcome(
                        task.index,
                        task.name,
                        None,
                        "OutputError",
                        f"the worker wrote this record's part where the client cannot read it ({exc}); "
                        "give --parts a folder or URL that the client and every worker share",
                    )
                except Exception as exc:  # KilledWorker, lost connection, a cancelled task
                    outcome = failure_outcome(
                        task.index,
                        task.name,
                        task.sha256 if isinstance(task, Task) else None,
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


def _stuck(
    pending: dict[str, tuple[Task | RemoteTask, Any]], threads: int, stall: float, client: Any
) -> list[Outcome]:
    """Cancel the oldest ``threads`` tasks in flight and record each as a timeout."""
    oldest = sorted(pending.values(), key=lambda tf: tf[0].index)[:threads]
    outcomes = []
    for task, future in oldest:
        del pending[future.key]
        with contextlib.suppress(Exception):
            client.cancel([future])
        outcomes.append(
            failure_outcome(
                task.index,
                task.name,
                task.sha256 if isinstance(task, Task) else None,
                "ParseTimeoutError",
                f"no Dask task finished for {stall:g} s and this one was the oldest in flight: it was "
                "declared stuck and cancelled (Dask worker threads cannot be interrupted; restart the "
                "workers if the cluster slows down)",
            )
        )
    return outcomes
