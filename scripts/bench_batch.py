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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=200, help="documents to generate (default 200)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to compare")
    ap.add_argument("--bad", type=int, default=0, help="how many of the documents are corrupt (default 0)")
    ap.add_argument("--json", help="also write the results as JSON to this file")
    ap.add_argument("--make-only", metavar="DIR", help="only write the inputs to DIR (for a batch by hand)")
    ap.add_argument("--run", help=argparse.SUPPRESS)  # internal: one measured run in this process
    args = ap.parse_args(argv)
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
