"""Share of real-world document numbers that parse into agency / year / serial.

Reads ``../shared/data/docnumbers/docnumbers_nonempty.csv`` (38,323 raw strings
scraped from government websites; see its README) and parses every
``doc_number_raw`` with :func:`govreport_parse.extract.docnumber.parse`.
Prints the share parsed, the counts per form, the repaired ones, and every
failure grouped by category. Exits 1 when the share is below ``--floor``.

    python scripts/docnumber_eval.py [--csv PATH] [--floor 0.995] [--show N]
"""

from __future__ import annotations

import argparse
import collections
import csv
import sys
import time
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govreport_parse.extract import docnumber  # noqa: E402

DEFAULT_CSV = ROOT.parent / "shared" / "data" / "docnumbers" / "docnumbers_nonempty.csv"

CATEGORIES: tuple[tuple[str, str], ...] = (
    ("label only, nothing after it", r"^\s*发文字号[:：]?\s*$"),
    ("号 before the serial", r"〕号\d+$"),
    ("trailing empty brackets after the number", r"号〔〕$"),
    ("placeholder agency (其他)", r"^\s*其他"),
    ("no year and not a decree (豫政 第N号)", r"^\p{Han}+\s*第\d+号$"),
    ("sentence fragment, no agency (已发布2019年第1号)", r"已发布\d{4}年第\d+号$"),
)


def categorize(raw: str) -> str:
    """The failure category of ``raw`` (the first pattern that matches, else ``other``)."""
    for name, pattern in CATEGORIES:
        if regex.search(pattern, raw):
            return name
    return "other"


def evaluate(path: Path) -> dict[str, object]:
    """Parse every row; return counts, share, repaired and failures by category."""
    forms: collections.Counter[str] = collections.Counter()
    failures: dict[str, list[str]] = collections.defaultdict(list)
    repaired: list[str] = []
    total = 0
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            raw = row["doc_number_raw"]
            total += 1
            try:
                d = docnumber.parse(raw)
            except docnumber.InvalidDocNumberError:
                failures[categorize(raw)].append(raw)
                continue
            forms[d.form] += 1
            if d.repaired:
                repaired.append(raw)
    parsed = sum(forms.values())
    return {
        "total": total,
        "parsed": parsed,
        "share": parsed / total if total else 0.0,
        "forms": dict(forms),
        "repaired": repaired,
        "failures": dict(failures),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    ap.add_argument("--floor", type=float, default=0.995)
    ap.add_argument("--show", type=int, default=20, help="failures shown per category")
    args = ap.parse_args(argv)
    if not args.csv.exists():
        print(f"{args.csv} not found; nothing to evaluate", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    r = evaluate(args.csv)
    seconds = time.perf_counter() - t0
    print(f"document numbers parsed: {r['parsed']}/{r['total']} = {r['share']:.4%} ({seconds:.2f} s)")
    print(f"forms: {r['forms']}")
    repaired = r["repaired"]
    assert isinstance(repaired, list)
    print(f"repaired (flagged repaired=True): {len(repaired)}: {repaired[: args.show]}")
    failures = r["failures"]
    assert isinstance(failures, dict)
    for name, items in sorted(failures.items(), key=lambda kv: -len(kv[1])):
        print(f"failed, {name}: {len(items)}: {items[: args.show]}")
    share = r["share"]
    assert isinstance(share, float)
    if share < args.floor:
        print(f"FAIL: share {share:.4%} is below the floor {args.floor:.2%}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
