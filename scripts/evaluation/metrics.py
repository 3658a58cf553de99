"""Statistics against gold: layout, table-3 totals and headline figures.

For every gold document: the layout (gold ``format``), each figure of
``table_applications`` (the 总计 column of table 三, groups summed) under its
canonical metric name, and each figure of ``key_counts`` under its headline
metric (gold ``null`` = "the report says none" = our value 0). A missing
metric counts as wrong. PDFs are skipped with a note while the PDF reader is
absent. A document that fails to parse predicts nothing.

>>> TABLE_KEYS["不予公开"], KEY_COUNTS["fees_collected"]
('requests.withheld_total.total', 'fees_collected_cny')
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from . import gold_documents

__all__ = ["KEY_COUNTS", "TABLE_KEYS", "score"]

#: gold ``table_applications`` key -> canonical metric name
TABLE_KEYS = {
    "新收申请": "requests.received_this_year.total",
    "上年结转": "requests.carried_over_from_last_year.total",
    "予以公开": "requests.disclosed.total",
    "部分公开": "requests.partially_disclosed.total",
    "不予公开": "requests.withheld_total.total",
    "无法提供": "requests.unavailable_total.total",
    "不予处理": "requests.not_processed_total.total",
    "其他处理": "requests.other_handling.total",
    "总计": "requests.results_total.total",
    "结转下年度继续办理": "requests.carried_over_to_next_year.total",
}

#: gold ``key_counts`` key -> headline metric name
KEY_COUNTS = {
    "applications_received": "requests_received",
    "proactively_disclosed": "active_disclosed",
    "admin_reconsideration": "admin_review_cases",
    "admin_litigation": "admin_litigation_cases",
    "fees_collected": "fees_collected_cny",
}

_LAYOUTS = {"standard2019": "standard_2019", "standard2021": "standard_2021", "narrative": "narrative"}


def _parse(path: Path) -> tuple[Any, str]:
    import govreport_parse

    try:
        return govreport_parse.parse(path), ""
    except Exception as exc:  # a document that fails to parse scores zero
        return None, f"{type(exc).__name__}: {exc}"[:70]


def _same(got: object, want: object) -> bool:
    if want is None:
        want = 0
    return isinstance(got, int | float) and isinstance(want, int | float) and abs(got - want) < 1e-6


def score(corpus_dir: Path) -> dict[str, float]:
    """Score every gold document of ``corpus_dir``; print one row each."""
    pdf_ready = importlib.util.find_spec("govreport_parse.load.pdf") is not None
    tab = [0, 0]
    key = [0, 0]
    lay = [0, 0]
    by_kind: dict[str, list[int]] = {}
    print(f"{'document':34} {'kind':5} {'layout':14} {'table':>7} {'keys':>5}  note")
    for doc in gold_documents(corpus_dir):
        if doc.source is None:
            print(f"{doc.name:34} {'-':5} source missing")
            continue
        if doc.kind == "pdf" and not pdf_ready:
            print(f"{doc.name:34} {doc.kind:5} skipped: govreport_parse.load.pdf is not there yet")
            continue
        report, note = _parse(doc.source)
        values = {m.name: m.value for m in report.metrics} if report is not None else {}
        misses: list[str] = []
        table: dict[str, Any] = dict(doc.gold.get("table_applications") or {})  # type: ignore[call-overload]
        t_ok = 0
        for gold_key, want in table.items():
            got = values.get(TABLE_KEYS[gold_key])
            t_ok += _same(got, want)
            if not _same(got, want):
                misses.append(f"{gold_key} {got}≠{want}")
        counts: dict[str, Any] = dict(doc.gold.get("key_counts") or {})  # type: ignore[call-overload]
        k_ok = 0
        for gold_key, want in counts.items():
            got = values.get(KEY_COUNTS[gold_key])
            k_ok += _same(got, want)
            if not _same(got, want):
                misses.append(f"{gold_key} {got}≠{want}")
        want_layout = _LAYOUTS.get(str(doc.gold.get("format")), "unknown")
        got_layout = report.layout if report is not None else "-"
        lay[0] += got_layout == want_layout
        lay[1] += 1
        tab[0] += t_ok
        tab[1] += len(table)
        key[0] += k_ok
        key[1] += len(counts)
        per_kind = by_kind.setdefault(doc.kind, [0, 0])
        per_kind[0] += t_ok + k_ok
        per_kind[1] += len(table) + len(counts)
        note = note or ("; ".join(misses) if misses else "")
        print(
            f"{doc.name:34} {doc.kind:5} {got_layout:14} {t_ok:>3}/{len(table):<3} "
            f"{k_ok:>2}/{len(counts):<2}  {note[:160]}"
        )
    scores = {
        "layout_accuracy": lay[0] / lay[1] if lay[1] else 0.0,
        "table_applications_accuracy": tab[0] / tab[1] if tab[1] else 0.0,
        "key_counts_accuracy": key[0] / key[1] if key[1] else 0.0,
    }
    for kind, (ok, n) in sorted(by_kind.items()):
        scores[f"{kind}_accuracy"] = ok / n if n else 0.0
    for name, value in scores.items():
        print(f"  {name}: {value:.3f}")
    return scores
