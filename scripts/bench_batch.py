"""Benchmark the batch runner: documents per second with 1 and 2 workers, peak memory per worker.

Generates a mixed input (text variants of the seed, and the generated PDF, DOCX and
HTML fixtures made unique) in a temporary folder, then parses it once per worker
count, each run in a fresh process so that the peak RSS of its workers
(``RUSAGE_CHILDREN``) is measured alone.

    .venv/bin/python scripts/bench_batch.py --docs 200
    .venv/bin/python scripts/bench_batch.py --docs 1000 --bad 10 --json bench-results/batch.json
    .venv/bin/python scripts/bench_batch.py --docs 1000 --bad 10 --make-only /tmp/k  # inputs only

The CPU time per document in the workers and in the parent gives the speed-up
two idle cores allow, whatever the machine's load: 2 x worker / (worker + parent).
"rate" counts every document from the first submission to the last result,
start-up included; "steady" starts at the first result (workers warm).
Goals: steady rate with 2 workers >= 1.8 x 1 worker on two idle cores;
peak RSS <= 250 MB per worker.  The load average is printed: on a busy machine
the speed-up measures the machine, not the runner.

``--cluster`` measures the Dask executor with ``file://`` inputs (the workers read
the inputs and write the parts; the client only lists and commits), on a scheduler
and workers started as separate processes with the ``dask`` command line, so the
client's own CPU and peak RSS are measured alone:

    .venv/bin/python scripts/bench_batch.py --cluster --sizes 1000 10000

Rows: client peak RSS and client CPU per document at each size (goal: flat, the
largest / the smallest <= 1.2x); documents per second with 2 Dask workers vs 1
(goal >= 1.7x on two idle cores); the same corpus with the local executor and 2
workers vs Dask with 2 workers.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "zhangdian-2018.txt"
GENERATED = ROOT / "fixtures" / "generated"
ISSUERS = ("张店区", "淄川区", "博山区", "临淄区", "周村区", "桓台县", "高青县", "沂源县")
GOAL_SPEEDUP = 1.8
GOAL_RSS_MB = 250
GOAL_CLIENT_FLAT = 1.2
GOAL_DASK_SPEEDUP = 1.7


def _unique(data: bytes, suffix: str, i: int) -> bytes:
    """The same document with different bytes (so it is not a duplicate by sha256)."""
    if suffix == ".pdf":
        return data + f"\n%variant {i}\n".encode()
    if suffix == ".docx":
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for item in src.infolist():
                dst.writestr(item, src.read(item))
            dst.comment = f"variant {i}".encode()
        return out.getvalue()
    if suffix in (".html", ".htm"):
        return data + f"\n<!-- variant {i} -->\n".encode()
    return data + f"\n（{i}）\n".encode()


BAD = (
    # empty, an image named .pdf, a truncated DOCX, an encrypted PDF, a program
    (".txt", b""),
    (".pdf", b"\x89PNG\r\n\x1a\n" + bytes(range(256))),
    (".docx", b"PK\x03\x04" + bytes(range(200))),
    (".pdf", b"%PDF-1.4\n1 0 obj<</Filter/Standard/V 2/R 3>>endobj\ntrailer<</Encrypt 1 0 R>>\n%%EOF\n"),
    (".txt", b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 4),
)


def make_inputs(folder: Path, n: int, bad: int = 0) -> list[Path]:
    """``n`` documents: 4 of 5 text variants of the seed, the rest the generated fixtures;
    the last ``bad`` of them corrupt, empty, encrypted or not documents at all."""
    seed = SEED.read_text(encoding="utf-8")
    kinds = (".pdf", ".docx", ".html")
    binaries = sorted(p for p in GENERATED.glob("*") if p.suffix in kinds) if GENERATED.exists() else []
    paths = []
    for i in range(n):
        if binaries and i % 5 == 4:
            src = binaries[(i // 5) % len(binaries)]
            path = folder / f"{i:05d}{src.suffix}"
            path.write_bytes(_unique(src.read_bytes(), src.suffix, i))
        else:
            issuer = ISSUERS[i % len(ISSUERS)]
            year = str(2010 + i % 9)
            text = seed.replace("张店区", issuer).replace("2018", year)
            path = folder / f"{i:05d}.txt"
            path.write_bytes(_unique(text.encode("utf-8"), ".txt", i))
        paths.append(path)
    for k in range(min(bad, n)):
        suffix, data = BAD[k % len(BAD)]
        path = paths[n - 1 - k]
        path.unlink()
        path = path.with_suffix(suffix)
        path.write_bytes(data + f"{k}".encode() if data else b" \n" * k)  # blank files differ too
        paths[n - 1 - k] = path
    return paths


def warm_up_cost() -> dict[str, float]:
    """CPU seconds and RSS a worker spends on start-up (imports and the extractor's warm-up)."""
    before = resource.getrusage(resource.RUSAGE_SELF)
    from govreport_parse.batch.worker import warm_up

    warm_up()
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return {"warm_up_cpu_seconds": cpu, "rss_after_warm_up_mb": after.ru_maxrss / 1024}


def run_once(folder: Path, workers: int) -> dict[str, float]:
    """Parse every file in ``folder``; runs in its own process (see main)."""
    from govreport_parse.batch.inputs import Inputs
    from govreport_parse.batch.local import run_local, start_method
    from govreport_parse.batch.scheduling import make_items
    from govreport_parse.config import ParseConfig

    config = ParseConfig()
    ready = resource.getrusage(resource.RUSAGE_SELF)
    with Inputs([folder], config) as reader:
        started = time.perf_counter()
        first = None
        ok = failed = 0
        items = make_items(reader.sources, reader)
        for outcome in run_local(items, workers=workers, config=config, mode="line"):
            if first is None:
                first = time.perf_counter()
            ok += outcome.ok
            failed += not outcome.ok
        ended = time.perf_counter()
    n = ok + failed
    steady_docs = max(n - 1, 1)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    own = resource.getrusage(resource.RUSAGE_SELF)
    child_rss_kb, self_rss_kb = children.ru_maxrss, own.ru_maxrss
    child_cpu = children.ru_utime + children.ru_stime
    own_cpu = (own.ru_utime + own.ru_stime) - (ready.ru_utime + ready.ru_stime)  # imports excluded
    return {
        "workers": workers,
        "method": start_method() if workers else "in-process",
        "documents": n,
        "failed": failed,
        "seconds": ended - started,
        "rate": n / (ended - started),
        "steady_rate": steady_docs / max(ended - (first or started), 1e-9),
        "peak_worker_rss_mb": (child_rss_kb if workers else self_rss_kb) / 1024,
        "parent_rss_mb": self_rss_kb / 1024,
        "worker_cpu_ms_per_doc": 1000 * child_cpu / n,
        "parent_cpu_ms_per_doc": 1000 * own_cpu / n,
    }


def run_client(folder: Path, executor: str, workers: int, scheduler: str | None) -> dict[str, float]:
    """One batch over ``folder`` as ``file://`` URLs; runs in its own process (see cluster_rows)."""
    from govreport_parse.batch import run_batch

    ready = resource.getrusage(resource.RUSAGE_SELF)
    with tempfile.TemporaryDirectory(prefix="bench-cluster-out-") as out:
        started = time.perf_counter()
        summary = run_batch(
            ["file://" + os.fspath(folder)], Path(out) / "ds", workers=workers, executor=executor,
            scheduler=scheduler, formats=("jsonl",), progress=False,
        )
        ended = time.perf_counter()
    own = resource.getrusage(resource.RUSAGE_SELF)
    n = summary.parsed + summary.failed_now
    cpu = (own.ru_utime + own.ru_stime) - (ready.ru_utime + ready.ru_stime)
    return {
        "executor": executor,
        "workers": workers,
        "documents": n,
        "seconds": ended - started,
        "rate": n / (ended - started),
        "client_cpu_ms_per_doc": 1000 * cpu / max(n, 1),
        "client_peak_rss_mb": own.ru_maxrss / 1024,
    }


def _start_cluster(tmp: Path, workers: int) -> tuple[str, list[subprocess.Popen[bytes]]]:
    """A ``dask scheduler`` and ``dask worker --nworkers N`` as separate processes."""
    dask = Path(sys.executable).with_name("dask")
    file = tmp / f"scheduler-{workers}.json"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    sched = subprocess.Popen(
        [dask, "scheduler", "--port", "0", "--dashboard-address", ":0", "--scheduler-file", file], **quiet
    )
    procs = [sched]
    deadline = time.monotonic() + 60
    while not file.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    address = json.loads(file.read_text())["address"]
    procs.append(
        subprocess.Popen(
            [dask, "worker", address, "--nworkers", str(workers), "--nthreads", "1", "--memory-limit", "2GB",
             "--dashboard-address", ":0"],
            **quiet,
        )
    )
    from distributed import Client

    with Client(address) as client:
        client.wait_for_workers(workers, timeout=120)
    return address, procs


def cluster_rows(sizes: list[int], dask_workers: list[int]) -> dict[str, object]:
    """Client cost at each size (2 Dask workers), the speed-up of 2 workers vs 1, local vs Dask."""
    runs: list[dict[str, float]] = []

    def measure(folder: Path, executor: str, workers: int, address: str | None) -> dict[str, float]:
        cmd = [sys.executable, __file__, "--run-client", os.fspath(folder), "--executor", executor,
               "--workers", str(workers)] + (["--scheduler", address] if address else [])
        out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT)
        row = json.loads(out.stdout.strip().splitlines()[-1])
        row["size"] = len(list(folder.iterdir()))
        runs.append(row)
        return row

    with tempfile.TemporaryDirectory(prefix="bench-cluster-") as tmp:
        folders = {}
        for n in sizes:
            folders[n] = Path(tmp) / f"in-{n}"
            folders[n].mkdir()
            make_inputs(folders[n], n)
        for k in dask_workers:
            address, procs = _start_cluster(Path(tmp), k)
            try:
                for n in sizes if k == max(dask_workers) else sizes[:1]:
                    measure(folders[n], "dask", k, address)
            finally:
                for proc in reversed(procs):
                    proc.terminate()
                    proc.wait(30)
        measure(folders[sizes[0]], "local", max(dask_workers), None)
    load = os.getloadavg()
    print(f"cluster benchmark: file:// inputs, {os.cpu_count()} cores, load average {load[0]:.1f}")
    print(f"{'executor':>8} {'workers':>7} {'docs':>6} {'seconds':>8} {'doc/s':>7} {'client CPU/doc':>15} "
          f"{'client peak RSS':>16}")
    for r in runs:
        print(f"{r['executor']:>8} {r['workers']:>7} {r['documents']:>6} {r['seconds']:>8.1f} "
              f"{r['rate']:>7.1f} {r['client_cpu_ms_per_doc']:>12.2f} ms {r['client_peak_rss_mb']:>13.0f} MB")
    summary: dict[str, object] = {"load_average": load[0], "runs": runs}
    big = [r for r in runs if r["executor"] == "dask" and r["workers"] == max(dask_workers)]
    if len(big) >= 2:
        small, large = big[0], big[-1]
        rss = large["client_peak_rss_mb"] / small["client_peak_rss_mb"]
        cpu = large["client_cpu_ms_per_doc"] / max(small["client_cpu_ms_per_doc"], 1e-9)
        summary.update(client_rss_ratio=rss, client_cpu_ratio=cpu)
        flag = "meets" if max(rss, cpu) <= GOAL_CLIENT_FLAT else "above"
        print(f"client at {large['documents']} vs {small['documents']} documents: peak RSS {rss:.2f}x, "
              f"CPU per document {cpu:.2f}x ({flag} the {GOAL_CLIENT_FLAT}x goal)")
    first = [r for r in runs if r["executor"] == "dask" and r["size"] == sizes[0]]
    rates = {r["workers"]: r["rate"] for r in first}
    if 1 in rates and 2 in rates:
        speedup = rates[2] / rates[1]
        summary["dask_speedup_2_vs_1"] = speedup
        flag = "meets" if speedup >= GOAL_DASK_SPEEDUP else "below"
        print(f"Dask 2 workers vs 1: {speedup:.2f}x documents per second "
              f"({flag} the {GOAL_DASK_SPEEDUP}x goal)")
    local = [r for r in runs if r["executor"] == "local"]
    if local and max(dask_workers) in rates:
        ratio = rates[max(dask_workers)] / local[0]["rate"]
        summary["dask_vs_local"] = ratio
        print(f"same {sizes[0]} documents, {max(dask_workers)} workers: "
              f"Dask {ratio:.2f}x the local executor's rate")
    return summary


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=200, help="documents to generate (default 200)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to compare")
    ap.add_argument("--bad", type=int, default=0, help="how many of the documents are corrupt (default 0)")
    ap.add_argument("--json", help="also write the results as JSON to this file")
    ap.add_argument("--make-only", metavar="DIR", help="only write the inputs to DIR (for a batch by hand)")
    ap.add_argument("--run", help=argparse.SUPPRESS)  # internal: one measured run in this process
    ap.add_argument("--cluster", action="store_true", help="measure the Dask executor (sizes in --docs)")
    ap.add_argument("--run-client", help=argparse.SUPPRESS)  # internal: one measured client
    ap.add_argument("--executor", default="dask", help=argparse.SUPPRESS)
    ap.add_argument("--scheduler", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000],
                    help="with --cluster: corpus sizes (default 1000 10000)")
    args = ap.parse_args(argv)
    if args.run_client:
        print(json.dumps(run_client(Path(args.run_client), args.executor, args.workers[0], args.scheduler)))
        return 0
    if args.cluster:
        result = cluster_rows(args.sizes, sorted(args.workers))
        if args.json:
            Path(args.json).parent.mkdir(parents=True, exist_ok=True)
            Path(args.json).write_text(json.dumps(result, indent=2), encoding="utf-8")
        return 0
    if args.run == "warm-up":
        print(json.dumps(warm_up_cost()))
        return 0
    if args.run:
        print(json.dumps(run_once(Path(args.run), args.workers[0])))
        return 0
    if args.make_only:
        Path(args.make_only).mkdir(parents=True, exist_ok=True)
        made = make_inputs(Path(args.make_only), args.docs, args.bad)
        print(f"wrote {len(made)} documents ({args.bad} bad) to {args.make_only}")
        return 0
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        make_inputs(Path(tmp), args.docs, args.bad)
        for workers in args.workers:
            cmd = [sys.executable, __file__, "--run", tmp, "--workers", str(workers)]
            out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT)
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        cmd = [sys.executable, __file__, "--run", "warm-up"]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT)
        warm = json.loads(out.stdout.strip().splitlines()[-1])
    for r in results:
        start_up = r["workers"] * warm["warm_up_cpu_seconds"] * 1000 / r["documents"]
        r["worker_cpu_ms_per_doc"] = max(r["worker_cpu_ms_per_doc"] - start_up, 0.0)
    load = os.getloadavg()
    print(f"batch benchmark: {args.docs} documents, {os.cpu_count()} cores, load average {load[0]:.1f}")
    header = ("workers", "method", "docs", "failed", "seconds", "doc/s", "steady", "peak RSS/worker")
    widths = (7, 11, 5, 6, 8, 7, 7, 16)
    print(" ".join(f"{h:>{w}}" for h, w in zip(header, widths, strict=True)))
    for r in results:
        print(
            f"{r['workers']:>7} {r['method']:>11} {r['documents']:>5} {r['failed']:>6} {r['seconds']:>8.1f} "
            f"{r['rate']:>7.1f} {r['steady_rate']:>7.1f} {r['peak_worker_rss_mb']:>13.0f} MB"
        )
    for r in results:
        if r["workers"]:
            print(
                f"  {r['workers']} worker(s): CPU per document {r['worker_cpu_ms_per_doc']:.1f} ms in "
                f"workers (start-up excluded), {r['parent_cpu_ms_per_doc']:.1f} ms in the parent"
            )
    print(
        f"  worker start-up: {warm['warm_up_cpu_seconds']:.2f} CPU s, "
        f"RSS {warm['rss_after_warm_up_mb']:.0f} MB after warm-up"
    )
    by_workers = {r["workers"]: r for r in results}
    summary: dict[str, object] = {"documents": args.docs, "load_average": load[0], "runs": results, **warm}
    if 1 in by_workers and 2 in by_workers:
        speedup = by_workers[2]["steady_rate"] / by_workers[1]["steady_rate"]
        wall = by_workers[2]["rate"] / by_workers[1]["rate"]
        summary["speedup_2_vs_1"] = speedup
        two = by_workers[2]
        worker_ms, parent_ms = two["worker_cpu_ms_per_doc"], two["parent_cpu_ms_per_doc"]
        bound = 2 * worker_ms / (worker_ms + parent_ms) if worker_ms else 0.0
        summary["speedup_bound_idle_2_cores"] = bound
        print(f"CPU-bound speed-up on two idle cores (workers + parent share them): {bound:.2f}x")
        flag = "meets" if speedup >= GOAL_SPEEDUP else "below"
        print(f"speed-up 2 vs 1 worker: {speedup:.2f}x steady, {wall:.2f}x wall "
              f"({flag} the {GOAL_SPEEDUP}x goal)")
    peak = max((r["peak_worker_rss_mb"] for r in results if r["workers"]), default=0.0)
    flag = "meets" if peak <= GOAL_RSS_MB else "above"
    print(f"peak RSS per worker: {peak:.0f} MB ({flag} the {GOAL_RSS_MB} MB goal)")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
