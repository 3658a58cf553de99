"""Time per page of the PDF path, next to the bare engines, in one run.

For each PDF (default: ``../shared/corpus/pdf/*.pdf``) it measures, per page:

- ``plumber``: pdfplumber's bare ``page.extract_text()``;
- ``pdfium``: pypdfium2's bare text extraction (text page + ``get_text_range``);
- ``load``: this library's PDF reader alone (text, marks, tables);
- ``parse``: the whole ``govreport_parse.parse`` (load, clean, segment, extract, analyze);

and the same on a copy holding only the pages without ruling lines
(``no-table pages``). Each figure is the process CPU time, best of
``--repeat`` runs (``--wall`` for wall-clock time; on a shared machine CPU
time and the minimum are the least disturbed); imports are warmed up first.
Goals: ``parse`` ≤ 0.25× ``plumber``, and on pages without tables ``parse``
≤ 3× ``pdfium``.

``--producers`` adds one row per producer of the producer matrix (``scripts/make_producers.py``):
the text pages of its PDFs of a long real report and of the tables fixture.

Usage: ``python scripts/bench_pdf.py [--repeat 5] [--producers] [file.pdf ...]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus" / "pdf"


CLOCK = time.process_time  # CPU time of this process: steadier than wall time on a busy machine


def _best_seconds(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = CLOCK()
        fn()
        times.append(CLOCK() - t)
    return min(times)


def plumber_text(path: str) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()


def pdfium_text(path: str) -> None:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(path)
    try:
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
    finally:
        doc.close()


def full_parse(path: str) -> None:
    import govreport_parse

    govreport_parse.parse(path)


def load_only(path: str) -> None:
    from govreport_parse.config import ParseConfig
    from govreport_parse.load import load_path

    load_path(path, ParseConfig())


def pages_without_tables(path: str) -> list[int]:
    """Indexes of pages with no ruling lines (so no table can be found there)."""
    import pypdfium2 as pdfium

    from govreport_parse.load.pdf_glyphs import read_page

    doc = pdfium.PdfDocument(path)
    try:
        return [i for i in range(len(doc)) if not read_page(doc[i]).edges]
    finally:
        doc.close()


def subset(path: str, pages: list[int], out: str) -> None:
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(path)
    dst = pdfium.PdfDocument.new()
    try:
        dst.import_pages(src, pages)
        dst.save(out)
    finally:
        dst.close()
        src.close()


def measure(path: str, pages: int, repeat: int) -> dict[str, float]:
    row = {
        "plumber": _best_seconds(lambda: plumber_text(path), repeat),
        "pdfium": _best_seconds(lambda: pdfium_text(path), repeat),
        "load": _best_seconds(lambda: load_only(path), repeat),
        "parse": _best_seconds(lambda: full_parse(path), repeat),
    }
    return {k: v * 1000 / pages for k, v in row.items()}


#: the producer matrix's reports timed per producer: a long real report and a fixture with tables
PRODUCER_SOURCES = ("pingtan-2019", "standard-2021")


def producer_sums(repeat: int, tmp: str) -> dict[str, dict[str, float]]:
    """CPU seconds of ``plumber``, ``pdfium`` and ``parse`` over the text pages (no ruling lines)
    of the matrix's PDFs (``scripts/make_producers.py``), per producer; built when missing.

    Returns ``producer -> {"pages", "plumber", "pdfium", "parse"}``; empty where no producer
    can run here.
    """
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_producers", ROOT / "scripts" / "make_producers.py")
    assert spec is not None and spec.loader is not None
    mp = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_producers", mp)
    spec.loader.exec_module(mp)
    wanted = [s for s in mp.sources() if s.name in PRODUCER_SOURCES]
    built = mp.build(wanted, log=lambda line: print(f"  {line}", file=sys.stderr))
    sums: dict[str, dict[str, float]] = {}
    for (name, producer), path in sorted(built.items()):
        plain = pages_without_tables(str(path))
        if not plain:
            continue
        part = os.path.join(tmp, f"{producer}-{name}.pdf")
        subset(str(path), plain, part)
        s = sums.setdefault(producer, {"pages": 0, "plumber": 0.0, "pdfium": 0.0, "parse": 0.0})
        s["pages"] += len(plain)
        s["plumber"] += _best_seconds(lambda p=part: plumber_text(p), repeat)  # type: ignore[misc]
        s["pdfium"] += _best_seconds(lambda p=part: pdfium_text(p), repeat)  # type: ignore[misc]
        s["parse"] += _best_seconds(lambda p=part: full_parse(p), repeat)  # type: ignore[misc]
    return sums


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--wall", action="store_true", help="wall-clock time instead of CPU time")
    ap.add_argument("--producers", action="store_true", help="also time the producer matrix's text pages")
    args = ap.parse_args(argv)
    global CLOCK
    if args.wall:
        CLOCK = time.perf_counter
    files = [Path(f) for f in args.files] or sorted(CORPUS.glob("*.pdf"))
    if not files:
        print(f"no PDFs given and none in {CORPUS}", file=sys.stderr)
        return 1
    import pypdfium2 as pdfium

    for f in files[:1]:  # warm up imports and caches
        plumber_text(str(f))
        full_parse(str(f))
    header = (
        f"{'file':<28}{'pages':>6}{'plumber':>9}{'pdfium':>8}{'load':>8}{'parse':>8}"
        f"{'parse/plumber':>15}{'parse/pdfium':>14}"
    )
    print(f"ms per page ({'wall' if args.wall else 'CPU'} time), best of {args.repeat} runs")
    print(header)
    print("-" * len(header))
    totals: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for f in files:
            doc = pdfium.PdfDocument(str(f))
            n = len(doc)
            doc.close()
            rows = [(f.name, n, measure(str(f), n, args.repeat))]
            plain = pages_without_tables(str(f))
            if plain:
                part = os.path.join(tmp, f"plain-{f.name}")
                subset(str(f), plain, part)
                rows.append(("  no-table pages", len(plain), measure(part, len(plain), args.repeat)))
            for label, k, m in rows:
                key = "no-table" if label.startswith(" ") else "all"
                totals.setdefault(key, []).append(m["parse"] / m["plumber"])
                totals.setdefault(key + "/pdfium", []).append(m["parse"] / m["pdfium"])
                print(
                    f"{label:<28}{k:>6}{m['plumber']:>9.1f}{m['pdfium']:>8.1f}{m['load']:>8.1f}"
                    f"{m['parse']:>8.1f}{m['parse'] / m['plumber']:>14.2f}x{m['parse'] / m['pdfium']:>13.2f}x"
                )
    print("-" * len(header))
    print(
        f"mean ratio, all pages: parse/plumber {statistics.mean(totals['all']):.2f}x (goal <= 0.25x); "
        f"parse/pdfium {statistics.mean(totals['all/pdfium']):.2f}x"
    )
    if "no-table" in totals:
        print(
            "mean ratio, pages without tables: "
            f"parse/pdfium {statistics.mean(totals['no-table/pdfium']):.2f}x "
            f"(goal <= 3x); parse/plumber {statistics.mean(totals['no-table']):.2f}x"
        )
    if args.producers:
        print("\nproducer matrix, text pages (ms per page)")
        with tempfile.TemporaryDirectory() as tmp:
            for producer, s in producer_sums(args.repeat, tmp).items():
                n = int(s["pages"])
                print(
                    f"{producer:<28}{n:>6}{s['plumber'] * 1000 / n:>9.1f}{s['pdfium'] * 1000 / n:>8.1f}"
                    f"{'':>8}{s['parse'] * 1000 / n:>8.1f}{s['parse'] / s['plumber']:>14.2f}x"
                    f"{s['parse'] / s['pdfium']:>13.2f}x"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
