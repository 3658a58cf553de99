"""Statistics against gold: layout, table-3 totals and headline figures.

For every gold document: the layout (gold ``format``), each figure of
``table_applications`` (the 总计 column of table 三, groups summed) under its
canonical metric name, and each figure of ``key_counts`` under its headline
metric (gold ``null`` = "the report says none" = our value 0). A missing
metric counts as wrong. PDFs are skipped with a note while the PDF reader is
absent. A document that fails to parse predicts nothing.

For a gold file with ``old_statistics_table`` (the 2014-style statistics table
of a pre-2019 report), each row's 本年度 value is looked up under
``statistics_2014.<row>.this_year`` (:data:`OLD_TABLE_KEYS`; gold ``null`` = 0).
The gold ``format`` predates the ``statistics_2014`` layout: a gold
``narrative`` whose file lists ``old_statistics_table``, or whose notes speak of
its statistics table, expects ``statistics_2014``.

>>> TABLE_KEYS["不予公开"], KEY_COUNTS["fees_collected"]
('requests.withheld_total.total', 'fees_collected_cny')
>>> old_table_key("其中：1、政府网站公开数")
'statistics_2014.active_via_website.this_year'
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

#: gold ``old_statistics_table`` row label (numbering stripped) -> canonical row key
OLD_TABLE_KEYS = {
    "主动公开信息数": "active_disclosed",
    "主动公开文件数": "active_disclosed",
    "主动公开政府信息数": "active_disclosed",
    "网站公开": "active_via_website",
    "政府网站公开数": "active_via_website",
    "政府公报公开": "active_via_gazette",
    "政府公报公开数": "active_via_gazette",
    "受理依申请公开信息总数": "requests_received",
    "受理政府信息依申请公开总数": "requests_received",
    "当面申请数": "requests_in_person",
    "传真申请数": "requests_by_fax",
    "电子邮件申请数": "requests_by_email",
    "网上申请数": "requests_online",
    "信函申请数": "requests_by_letter",
    "信函、传真申请数": "requests_by_letter_or_fax",
    "其它形式申请数": "requests_other_form",
    "对申请的答复数": "replies_total",
    "对申请的答复总数": "replies_total",
    "同意公开答复数": "replies_disclosed",
    "同意部分公开答复数": "replies_partially_disclosed",
    "否决公开答复数": "replies_refused",
    "不予公开答复数": "replies_refused",
    "其他类型答复数": "replies_other",
    "政府信息公开收费减免金额": "fee_reductions_cny",
    "接受行政诉讼、举报数": "litigation_and_complaints_received",
    "行政复议数": "admin_review",
    "行政诉讼数": "admin_litigation",
    "行政申诉数": "appeals",
    "行政申诉、举报数": "appeals_and_complaints",
}


def old_table_key(label: str) -> str:
    """The metric name of a gold ``old_statistics_table`` row label."""
    core = label.split("：", 1)[-1].split(":", 1)[-1].strip()
    if core[:1].isdigit() and core[1:2] in ("、", "."):
        core = core[2:]
    return f"statistics_2014.{OLD_TABLE_KEYS[core]}.this_year"


def expected_layout(gold: dict[str, Any]) -> str:
    """The layout a gold file expects (see the module docstring)."""
    want = _LAYOUTS.get(str(gold.get("format")), "unknown")
    notes = str(gold.get("notes") or "")
    if want == "narrative" and (gold.get("old_statistics_table") or "statistics table" in notes):
        return "statistics_2014"
    return want


def _parse(path: Path) -> tuple[Any, str]:
    import govreport_parse

    try:
        return govreport_parse.parse(path), ""
    except Exception as exc:  # a document that fails to parse scores zero
        return None, f"{type(exc).__name__}: {exc}"[:70]


def figures(values: dict[str, Any], gold: dict[str, object], misses: list[str]) -> tuple[int, int, int, int]:
    """Table-3 and headline figures of one document against its gold: ``(table right, table
    figures, headline right, headline figures)``; each miss is appended to ``misses``."""
    out: list[int] = []
    for section, keys in (("table_applications", TABLE_KEYS), ("key_counts", KEY_COUNTS)):
        wanted: dict[str, Any] = dict(gold.get(section) or {})  # type: ignore[call-overload]
        ok = 0
        for gold_key, want in wanted.items():
            got = values.get(keys[gold_key])
            ok += _same(got, want)
            if not _same(got, want):
                misses.append(f"{gold_key} {got}≠{want}")
        out += [ok, len(wanted)]
    return out[0], out[1], out[2], out[3]


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
    old = [0, 0]
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
        t_ok, t_n, k_ok, k_n = figures(values, doc.gold, misses)
        rows: list[Any] = list(doc.gold.get("old_statistics_table") or [])  # type: ignore[call-overload]
        o_ok = 0
        for label, _unit, want in rows:
            got = values.get(old_table_key(label))
            o_ok += _same(got, want)
            if not _same(got, want):
                misses.append(f"{label} {got}≠{want}")
        old[0] += o_ok
        old[1] += len(rows)
        want_layout = expected_layout(doc.gold)
        got_layout = report.layout if report is not None else "-"
        lay[0] += got_layout == want_layout
        lay[1] += 1
        tab[0] += t_ok
        tab[1] += t_n
        key[0] += k_ok
        key[1] += k_n
        per_kind = by_kind.setdefault(doc.kind, [0, 0])
        per_kind[0] += t_ok + k_ok + o_ok
        per_kind[1] += t_n + k_n + len(rows)
        note = note or ("; ".join(misses) if misses else "")
        print(
            f"{doc.name:34} {doc.kind:5} {got_layout:14} {t_ok:>3}/{t_n:<3} "
            f"{k_ok:>2}/{k_n:<2}  {note[:160]}"
        )
    scores = {
        "layout_accuracy": lay[0] / lay[1] if lay[1] else 0.0,
        "table_applications_accuracy": tab[0] / tab[1] if tab[1] else 0.0,
        "key_counts_accuracy": key[0] / key[1] if key[1] else 0.0,
    }
    if old[1]:
        scores["old_statistics_table_accuracy"] = old[0] / old[1]
    for kind, (ok, n) in sorted(by_kind.items()):
        scores[f"{kind}_accuracy"] = ok / n if n else 0.0
    for name, value in scores.items():
        print(f"  {name}: {value:.3f}")
    return scores
