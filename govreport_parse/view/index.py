"""The dataset overview ``index.html``: documents by layout and year, failures, charts.

>>> recs = [{"source": {"name": "a.txt", "sha256": "ab" * 32}, "year": 2018, "layout": "narrative",
...          "metrics": {"requests_received": {"value": 142}}}]
>>> page = render_index(recs, [{"path": "bad.pdf", "error_type": "CorruptFileError", "message": "broken"}])
>>> 'href="abababababab.html"' in page, page.count('class="bar"'), "CorruptFileError" in page
(True, 1, True)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ._util import as_record, attr, esc, fmt_number
from .assets import index_css
from .charts import Bar, bar_chart
from .page import HEADLINE_METRICS

__all__ = ["page_name", "render_index"]

_SLUG = re.compile(r"[^0-9A-Za-z\u4e00-\u9fff._-]+")
_LAYOUT_ORDER = {"standard_2021": 0, "standard_2019": 1, "narrative": 2, "unknown": 3}


def page_name(report_or_record: Any) -> str:
    """The file name of a report's review page inside a batch output folder.

    The first 12 hex digits of the source's sha256, so a page name is stable
    across runs; a slug of the source name when there is no hash.

    >>> page_name({"source": {"sha256": "fc34bef4d378385b79fd", "name": "z.txt"}})
    'fc34bef4d378.html'
    >>> page_name({"source": {"name": "reports/张店 2018.txt"}})
    '张店-2018.txt.html'
    """
    source: Any = getattr(report_or_record, "source", None)
    if source is not None and not isinstance(report_or_record, Mapping):
        sha, name = getattr(source, "sha256", None), getattr(source, "name", None)
    else:
        src = as_record(report_or_record).get("source") or {}
        sha, name = src.get("sha256"), src.get("name")
    if isinstance(sha, str) and re.fullmatch(r"[0-9a-fA-F]{12,}", sha):
        return f"{sha[:12].lower()}.html"
    base = str(name or "report").replace("\\", "/").rsplit("/", 1)[-1]
    slug = _SLUG.sub("-", base).strip("-.") or "report"
    return f"{slug[:80]}.html"


def _year(record: Mapping[str, Any]) -> int | None:
    """The record's year when it is an integer (anything else sorts as unknown)."""
    year = record.get("year")
    return year if isinstance(year, int) and not isinstance(year, bool) else None


def _metric(record: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    """The metric ``name`` of a record, or an empty mapping."""
    metrics = record.get("metrics")
    metric = metrics.get(name) if isinstance(metrics, Mapping) else None
    return metric if isinstance(metric, Mapping) else {}


def _value(metric: Any) -> float | None:
    if isinstance(metric, Mapping):
        v = metric.get("value")
        if isinstance(v, int | float) and not isinstance(v, bool):
            return float(v)
    return None


def _short(record: Mapping[str, Any]) -> str:
    who = str(record.get("issuer") or (record.get("source") or {}).get("name") or "?")
    who = who.replace("人民政府", "").rsplit("/", 1)[-1]
    who = who if len(who) <= 8 else who[:7] + "…"
    return f"{record.get('year') or '?'} {who}"


def _labels(records: Sequence[Mapping[str, Any]]) -> list[str]:
    """Short bar labels (year and issuer); the source format is added where two would look alike.

    >>> _labels([{"year": 2017, "issuer": "青山县", "source": {"format": f}} for f in ("pdf", "docx")])
    ['2017 青山县 pdf', '2017 青山县 docx']
    """
    short = [_short(r) for r in records]
    counts = Counter(short)
    return [
        f"{s} {(r.get('source') or {}).get('format') or ''}".rstrip() if counts[s] > 1 else s
        for s, r in zip(short, records, strict=True)
    ]


def _charts(records: Sequence[Mapping[str, Any]]) -> str:
    figures = []
    ordered = sorted(records, key=lambda r: (_year(r) or 0, str(r.get("issuer") or "")))
    labels = _labels(ordered)
    for name in HEADLINE_METRICS:
        bars = []
        unit = ""
        for rec, label in zip(ordered, labels, strict=True):
            metric = _metric(rec, name)
            value = _value(metric)
            if value is None:
                continue
            tip = f"{rec.get('title') or label} ({label}): {fmt_number(value)}"
            bars.append(Bar(label, value, page_name(rec), tip))
            unit = unit or str(metric.get("unit") or "")
        if not bars:
            continue
        figures.append(
            f'<figure class="chart"{attr("id", "chart-" + name)}><figcaption>{esc(name)}'
            f' <span class="muted">per report, by year ({len(bars)} of {len(records)})</span></figcaption>'
            f"{bar_chart(bars, title=f'{name} per report by year', y_label=unit or 'value')}</figure>"
        )
    if not figures:
        return '<p class="muted">No report in this dataset has a headline metric yet.</p>'
    return f'<div class="charts">{"".join(figures)}</div>'


def _pivot(records: Sequence[Mapping[str, Any]]) -> str:
    counts = Counter((str(r.get("layout") or "unknown"), _year(r)) for r in records)
    layouts = sorted({k[0] for k in counts}, key=lambda x: (_LAYOUT_ORDER.get(x, 9), x))
    years = sorted({k[1] for k in counts}, key=lambda y: (y is None, y or 0))
    if not layouts:
        return ""
    head = "".join(f'<th class="num">{esc(y if y is not None else "?")}</th>' for y in years)
    rows = "".join(
        f"<tr><th>{esc(lay)}</th>"
        + "".join(f'<td class="num">{counts.get((lay, y), 0) or ""}</td>' for y in years)
        + f'<td class="num">{sum(counts.get((lay, y), 0) for y in years)}</td></tr>'
        for lay in layouts
    )
    return (
        '<table class="pivot" aria-label="documents by layout and year">'
        f"<thead><tr><th>layout \\ year</th>{head}<th class='num'>all</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def _docs_table(records: Sequence[Mapping[str, Any]]) -> str:
    ordered = sorted(
        records,
        key=lambda r: (
            _LAYOUT_ORDER.get(str(r.get("layout")), 9),
            _year(r) or 0,
            str(r.get("issuer") or ""),
        ),
    )
    rows = []
    for rec in ordered:
        src = rec.get("source") or {}
        checks = [c for c in rec.get("checks") or () if isinstance(c, Mapping)]
        failing = sum(1 for c in checks if c.get("status") == "fail")
        received = _value(_metric(rec, "requests_received"))
        rows.append(
            f"<tr><td>{esc(rec.get('layout') or 'unknown')}</td>"
            f'<td class="num">{esc(rec.get("year") or "–")}</td>'
            f'<td class="title"><a class="report-link"{attr("href", page_name(rec))}>'
            f"{esc(rec.get('title') or src.get('name') or '(untitled)')}</a></td>"
            f"<td>{esc(rec.get('issuer') or '–')}</td><td>{esc(src.get('format') or '')}</td>"
            f'<td class="num">{len(rec.get("facts") or ())}</td>'
            f'<td class="num">{len(rec.get("metrics") or {})}</td>'
            f'<td class="num">{fmt_number(received)}</td>'
            f'<td class="num{" fail" if failing else ""}">{failing} / {len(checks)}</td></tr>'
        )
    head = (
        "<tr><th>layout</th><th>year</th><th>report</th><th>issuer</th><th>format</th><th>facts</th>"
        "<th>metrics</th><th>requests received</th><th>failing / checks</th></tr>"
    )
    return f'<table class="docs"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def _failures(failures: Sequence[Mapping[str, Any]]) -> str:
    if not failures:
        return '<p class="muted">Every input parsed.</p>'
    rows = "".join(
        f"<tr><td>{esc(f.get('path'))}</td><td><code>{esc(f.get('error_type'))}</code></td>"
        f"<td>{esc(f.get('message'))}</td><td><code>{esc(str(f.get('sha256') or '')[:12])}</code></td></tr>"
        for f in failures
    )
    return (
        '<table class="failures"><thead><tr><th>file</th><th>error</th><th>message</th>'
        "<th>sha256</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def render_index(records: Iterable[Any], failures: Iterable[Any] = ()) -> str:
    """The self-contained ``index.html`` of a dataset: records are dataset records
    (or Reports); failures are dicts (or :class:`~govreport_parse.model.Failure`)
    with ``path``, ``sha256``, ``error_type`` and ``message``."""
    recs = [as_record(r) for r in records]
    fails = [as_record(f) for f in failures]
    layouts = Counter(str(r.get("layout") or "unknown") for r in recs)
    summary = ", ".join(f"{n} {k}" for k, n in sorted(layouts.items()))
    n_fail_checks = sum(
        1 for r in recs for c in r.get("checks") or () if isinstance(c, Mapping) and c.get("status") == "fail"
    )
    body = (
        '<a class="skip" href="#docs-h">Skip to the documents</a>'
        '<header class="top"><h1>Dataset overview</h1><dl class="meta">'
        f"<div><dt>reports</dt><dd>{len(recs)}</dd></div><div><dt>failures</dt><dd>{len(fails)}</dd></div>"
        f"<div><dt>layouts</dt><dd>{esc(summary or '–')}</dd></div>"
        f"<div><dt>failing checks</dt><dd>{n_fail_checks}</dd></div></dl></header><main>"
        f'<h2 id="charts-h">Headline metrics</h2>{_charts(recs)}'
        f'<h2 id="pivot-h">Documents by layout and year</h2>{_pivot(recs)}'
        f'<h2 id="docs-h">Documents ({len(recs)})</h2>{_docs_table(recs)}'
        f'<h2 id="failures-h">Failures ({len(fails)})</h2>{_failures(fails)}</main>'
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Dataset overview</title><style>{index_css()}</style></head><body>{body}</body></html>\n"
    )
