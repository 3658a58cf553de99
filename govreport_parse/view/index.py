"""The dataset overview ``index.html``: documents by layout and year, failures, charts.

Drawn from typed :class:`~govreport_parse.model.Report` and
:class:`~govreport_parse.model.Failure` objects (records are rebuilt with
``from_dict`` first).

>>> from govreport_parse.model import Failure, Metric, Report, SourceInfo
>>> reports = [Report(source=SourceInfo(name="a.txt", sha256="ab" * 32, format="txt"), text="", year=2018,
...                   layout="narrative", metrics=(Metric(name="requests_received", value=142),))]
>>> failures = [Failure(path="bad.pdf", sha256=None, error_type="CorruptFileError", message="broken")]
>>> page = render_index(reports, failures)
>>> 'href="abababababab.html"' in page, page.count('class="bar"'), "CorruptFileError" in page
(True, 1, True)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..model import Failure, Metric, Report
from ._util import as_failure, as_report, attr, esc, fmt_number
from .assets import index_css
from .charts import Bar, bar_chart
from .page import HEADLINE_METRICS

__all__ = ["page_name", "render_index"]

_SLUG = re.compile(r"[^0-9A-Za-z\u4e00-\u9fff._-]+")
_LAYOUT_ORDER = {"standard_2021": 0, "standard_2019": 1, "narrative": 2, "unknown": 3}


def page_name(report: Report | Mapping[str, Any]) -> str:
    """The file name of a report's review page inside a batch output folder.

    The first 12 hex digits of the source's sha256, so a page name is stable
    across runs; a slug of the source name when there is no hash.

    >>> from govreport_parse.model import SourceInfo
    >>> def named(name: str, sha256: str) -> Report:
    ...     return Report(source=SourceInfo(name=name, sha256=sha256, format="txt"), text="")
    >>> page_name(named("z.txt", "fc34bef4d378385b79fd"))
    'fc34bef4d378.html'
    >>> page_name(named("reports/张店 2018.txt", ""))
    '张店-2018.txt.html'
    """
    source = as_report(report).source
    sha, name = source.sha256, source.name
    if re.fullmatch(r"[0-9a-fA-F]{12,}", sha):
        return f"{sha[:12].lower()}.html"
    base = (name or "report").replace("\\", "/").rsplit("/", 1)[-1]
    slug = _SLUG.sub("-", base).strip("-.") or "report"
    return f"{slug[:80]}.html"


def _value(metric: Metric | None) -> float | None:
    """The metric's value as a float, ``None`` when there is none."""
    if metric is None or metric.value is None:
        return None
    return float(metric.value)


def _short(report: Report) -> str:
    who = report.issuer or report.source.name or "?"
    who = who.replace("人民政府", "").rsplit("/", 1)[-1]
    who = who if len(who) <= 8 else who[:7] + "…"
    return f"{report.year or '?'} {who}"


def _labels(reports: Sequence[Report]) -> list[str]:
    """Short bar labels (year and issuer); the source format is added where two would look alike.

    >>> from govreport_parse.model import SourceInfo
    >>> _labels([Report(source=SourceInfo(name="", sha256="", format=f), text="", year=2017, issuer="青山县")
    ...          for f in ("pdf", "docx")])
    ['2017 青山县 pdf', '2017 青山县 docx']
    """
    short = [_short(r) for r in reports]
    counts = Counter(short)
    return [
        f"{s} {r.source.format}".rstrip() if counts[s] > 1 else s for s, r in zip(short, reports, strict=True)
    ]


def _charts(reports: Sequence[Report]) -> str:
    figures = []
    ordered = sorted(reports, key=lambda r: (r.year or 0, r.issuer or ""))
    labels = _labels(ordered)
    for name in HEADLINE_METRICS:
        bars = []
        unit = ""
        for rep, label in zip(ordered, labels, strict=True):
            metric = rep.metric(name, None)
            value = _value(metric)
            if metric is None or value is None:
                continue
            tip = f"{rep.title or label} ({label}): {fmt_number(value)}"
            bars.append(Bar(label, value, page_name(rep), tip))
            unit = unit or (metric.unit or "")
        if not bars:
            continue
        figures.append(
            f'<figure class="chart"{attr("id", "chart-" + name)}><figcaption>{esc(name)}'
            f' <span class="muted">per report, by year ({len(bars)} of {len(reports)})</span></figcaption>'
            f"{bar_chart(bars, title=f'{name} per report by year', y_label=unit or 'value')}</figure>"
        )
    if not figures:
        return '<p class="muted">No report in this dataset has a headline metric yet.</p>'
    return f'<div class="charts">{"".join(figures)}</div>'


def _pivot(reports: Sequence[Report]) -> str:
    counts = Counter((r.layout or "unknown", r.year) for r in reports)
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


def _docs_table(reports: Sequence[Report]) -> str:
    ordered = sorted(reports, key=lambda r: (_LAYOUT_ORDER.get(r.layout, 9), r.year or 0, r.issuer or ""))
    rows = []
    for rep in ordered:
        src = rep.source
        checks = rep.checks
        failing = sum(1 for c in checks if c.status == "fail")
        received = _value(rep.metric("requests_received", None))
        rows.append(
            f"<tr><td>{esc(rep.layout or 'unknown')}</td>"
            f'<td class="num">{esc(rep.year or "–")}</td>'
            f'<td class="title"><a class="report-link"{attr("href", page_name(rep))}>'
            f"{esc(rep.title or src.name or '(untitled)')}</a></td>"
            f"<td>{esc(rep.issuer or '–')}</td><td>{esc(src.format or '')}</td>"
            f'<td class="num">{len(rep.facts)}</td>'
            f'<td class="num">{len({m.name for m in rep.metrics})}</td>'
            f'<td class="num">{fmt_number(received)}</td>'
            f'<td class="num{" fail" if failing else ""}">{failing} / {len(checks)}</td></tr>'
        )
    head = (
        "<tr><th>layout</th><th>year</th><th>report</th><th>issuer</th><th>format</th><th>facts</th>"
        "<th>metrics</th><th>requests received</th><th>failing / checks</th></tr>"
    )
    return f'<table class="docs"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def _failures(failures: Sequence[Failure]) -> str:
    if not failures:
        return '<p class="muted">Every input parsed.</p>'
    rows = "".join(
        f"<tr><td>{esc(f.path)}</td><td><code>{esc(f.error_type)}</code></td>"
        f"<td>{esc(f.message)}</td><td><code>{esc((f.sha256 or '')[:12])}</code></td></tr>"
        for f in failures
    )
    return (
        '<table class="failures"><thead><tr><th>file</th><th>error</th><th>message</th>'
        "<th>sha256</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def render_index(
    reports: Iterable[Report | Mapping[str, Any]], failures: Iterable[Failure | Mapping[str, Any]] = ()
) -> str:
    """The self-contained ``index.html`` of a dataset, from its Reports and Failures
    (dataset records and ``failures.jsonl`` records are rebuilt with ``from_dict``)."""
    recs = [as_report(r) for r in reports]
    fails = [as_failure(f) for f in failures]
    layouts = Counter(r.layout or "unknown" for r in recs)
    summary = ", ".join(f"{n} {k}" for k, n in sorted(layouts.items()))
    n_fail_checks = sum(1 for r in recs for c in r.checks if c.status == "fail")
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
