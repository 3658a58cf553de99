"""Scanned copies of the corpus PDFs against the same gold: the OCR path end to end.

Every gold document with a PDF source is scanned by ``scripts/make_scans.py``
at 150, 200 and 300 dpi (grey, turned up to ±2°, blurred, JPEG noise, a red
seal over the last page's end) into a temporary folder and parsed with the
``ocr`` extra. A scan's gold is its source's gold: the ``table_applications``
figures under their canonical metric names, the ``key_counts`` (gold ``null`` →
0), the section list (exact, in order) and the document numbers. Scores per
resolution, e.g. ``table_applications_accuracy_150``; ``ocr_pages_share`` is
the share of scanned pages the parser read by OCR (1.0: every page).

Without the OCR engine the scorer returns nothing, and ``--check`` fails on
the missing scores.
"""

from __future__ import annotations

import importlib.util
import sys
import tempfile
from pathlib import Path
from typing import Any

from . import gold_documents
from .metrics import figures

__all__ = ["RESOLUTIONS", "score"]

RESOLUTIONS = (150, 200, 300)
_SCRIPTS = Path(__file__).resolve().parent.parent


def _squash(text: str) -> str:
    return "".join(text.split())


def score(corpus_dir: Path) -> dict[str, float]:
    """Scan, parse and score every PDF of the corpus at each resolution; one row per scan."""
    if importlib.util.find_spec("rapidocr_onnxruntime") is None:
        print("the OCR engine (extra 'ocr') is not installed: no scores")
        return {}
    if str(_SCRIPTS) not in sys.path:
        sys.path.insert(0, str(_SCRIPTS))
    from make_scans import scan_name, scan_pdf

    import govreport_parse

    docs = [d for d in gold_documents(corpus_dir) if d.source is not None and d.kind == "pdf"]
    totals: dict[str, list[int]] = {}

    def add(key: str, ok: int, n: int) -> None:
        t = totals.setdefault(key, [0, 0])
        t[0] += ok
        t[1] += n

    print(f"{'scan':40} {'table':>7} {'keys':>5} {'sect':>4} {'docno':>5} {'ocr':>5}  note")
    with tempfile.TemporaryDirectory(prefix="govreport-scans-") as tmp:
        for doc in docs:
            assert doc.source is not None
            for dpi in RESOLUTIONS:
                path = scan_pdf(doc.source, Path(tmp) / scan_name(doc.source, dpi), dpi=dpi)
                note = ""
                report: Any = None
                try:
                    report = govreport_parse.parse(path)
                except Exception as exc:  # a scan that fails to parse scores zero
                    note = f"{type(exc).__name__}: {exc}"[:80]
                values = {m.name: m.value for m in report.metrics} if report is not None else {}
                misses: list[str] = []
                t_ok, t_n, k_ok, k_n = figures(values, doc.gold, misses)
                gold_sections = [(str(s["number"]), str(s["title"])) for s in doc.gold.get("sections", [])]  # type: ignore[union-attr]
                got_sections = [(s.number, s.title) for s in report.sections] if report is not None else []
                s_ok = int(got_sections == gold_sections)
                if not s_ok:
                    misses.append(f"sections {got_sections}")
                gold_numbers = [_squash(str(x)) for x in doc.gold.get("doc_numbers", [])]  # type: ignore[union-attr]
                found = (
                    {_squash(f.text) for f in report.facts if f.kind == "doc_number"}
                    if report is not None
                    else set()
                )
                d_ok = sum(1 for x in gold_numbers if x in found)
                if d_ok < len(gold_numbers):
                    misses.append(f"doc numbers {sorted(found)}")
                pages = report.source.pages or 0 if report is not None else 0
                ocr_pages = len(report.source.ocr_pages) if report is not None else 0
                add(f"table_applications_accuracy_{dpi}", t_ok, t_n)
                add(f"key_counts_accuracy_{dpi}", k_ok, k_n)
                add(f"sections_exact_match_{dpi}", s_ok, 1)
                add(f"doc_number_recall_{dpi}", d_ok, len(gold_numbers))
                add("ocr_pages_share", ocr_pages, pages or 1)
                note = note or "; ".join(misses)
                print(
                    f"{path.name:40} {t_ok:>3}/{t_n:<3} {k_ok:>2}/{k_n:<2} {s_ok:>4} "
                    f"{d_ok:>2}/{len(gold_numbers):<2} {ocr_pages:>2}/{pages:<2}  {note[:160]}"
                )
    scores = {key: ok / n if n else 1.0 for key, (ok, n) in sorted(totals.items())}
    for name, value in scores.items():
        print(f"  {name}: {value:.3f}")
    return scores
