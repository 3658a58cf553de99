"""The review page of one report, generated from the typed :class:`~govreport_parse.model.Report`
(a dataset record is first rebuilt with :meth:`Report.from_dict <govreport_parse.model.Report.from_dict>`).

>>> from govreport_parse import parse_text
>>> page = render_page(parse_text("某区人民政府2018年政府信息公开工作年度报告\\n一、概述\\n办结率100%。"))
>>> page.count('<mark class="fact fact-percentage"'), 'href="#sec-1"' in page
(1, True)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import fields
from typing import Any

from ..model import Artifact, Check, Diagnostic, Fact, Metric, Report, Section, Span, Table
from ..standard.template import HEADLINE_NAMES
from ._util import as_report, attr, css_token, esc, fmt_number
from .assets import KIND_COLORS, PAGE_JS, page_css
from .markup import Point, Range, render_text

__all__ = ["HEADLINE_METRICS", "fact_tip", "render_page", "target_id"]

# The headline figures every layout reports (`docs/data-model.md`), shown first and charted in the index.
HEADLINE_METRICS: tuple[str, ...] = HEADLINE_NAMES

# Fields every fact has; the rest are the kind's own and go into the tooltip.
_FACT_BASE = ("kind", "text", "start", "end", "source_start", "source_end", "page", "section")

_RANK_HEADING, _RANK_TARGET, _RANK_FACT = 0, 1, 2

# Tooltip: these fields are shown even when empty (a missing unit or label is worth seeing);
# amounts get thousands separators, other numbers (years, serials) are shown as they are.
_ALWAYS_SHOWN = frozenset({"value", "unit", "qualifier", "label"})
_NUMBER_FIELDS = frozenset({"value", "value_max"})
# Failing checks listed open at the top of the page; the rest fold under "N more".
_FAILING_SHOWN = 8


def target_id(start: int, end: int) -> str:
    """The element id of the clean-text span ``[start, end)`` that links point at.

    >>> target_id(828, 830)
    't-828-830'
    """
    return f"t-{start}-{end}"


def _span_of(obj: Fact | Section | Span | Metric | None) -> tuple[int, int] | None:
    """``(start, end)`` of anything that has a place in the clean text, else ``None``."""
    if obj is None or obj.start is None or obj.end is None:
        return None
    return obj.start, obj.end


def fact_tip(fact: Fact) -> str:
    """The tooltip text of a fact: its kind and text, its own fields, page and section.

    >>> from govreport_parse.model import Quantity
    >>> print(fact_tip(Quantity(text="142件", start=0, end=4, value=142, unit="件", label="申请",
    ...                         page=3, section="2")))
    quantity «142件»
    value: 142
    unit: 件
    qualifier: exact
    label: 申请
    page 3 · section 2
    """
    lines = [f"{fact.kind or 'fact'} «{fact.text}»"]
    for field in fields(fact):
        key, value = field.name, getattr(fact, field.name)
        if key in _FACT_BASE:
            continue
        if value is None and key not in _ALWAYS_SHOWN:
            continue
        if key in _NUMBER_FIELDS and isinstance(value, int | float) and not isinstance(value, bool):
            value = fmt_number(value)
        elif isinstance(value, bool):
            value = "yes" if value else "no"
        lines.append(f"{key}: {'–' if value is None else value}")
    where = []
    if fact.page is not None:
        where.append(f"page {fact.page}")
    if fact.section:
        where.append(f"section {fact.section}")
    if where:
        lines.append(" · ".join(where))
    return "\n".join(lines)


def _targets(report: Report) -> set[tuple[int, int]]:
    spans: set[tuple[int, int]] = set()
    for metric in _by_name(report.metrics).values():
        span = _span_of(metric)
        if span is not None:
            spans.add(span)
    for check in report.checks:
        for ref in check.refs:
            spans.add((ref.start, ref.end))
    for table in report.tables:
        for _row, _col, span in _cell_spans(table):
            spans.add(span)
    return spans


def _by_name(metrics: Sequence[Metric]) -> dict[str, Metric]:
    """Metrics by name, as the record's ``metrics`` object holds them."""
    return {m.name: m for m in metrics}


def _cell_spans(table: Table) -> list[tuple[int, int, tuple[int, int]]]:
    """(row, column, clean-text span) of every table cell whose place is known."""
    out: list[tuple[int, int, tuple[int, int]]] = []
    for r, row in enumerate(table.spans):
        for c, cell in enumerate(row):
            span = _span_of(cell)
            if span is not None and span[1] > span[0]:
                out.append((r, c, span))
    return out


def _tables(tables: Sequence[Table]) -> str:
    """Each table as read, folded; a cell whose place in the text is known links there."""
    parts = []
    for i, table in enumerate(tables):
        places = {(r, c): span for r, c, span in _cell_spans(table)}
        rows = []
        for r, row in enumerate(table.rows):
            cells = []
            for c, cell in enumerate(row):
                shown = esc(cell if cell is not None else "")
                span = places.get((r, c))
                if span is not None:
                    shown = f'<a class="jump cell-link"{attr("href", "#" + target_id(*span))}>{shown}</a>'
                cells.append(f"<td>{shown}</td>")
            rows.append(f"<tr>{''.join(cells)}</tr>")
        where = f", page {esc(table.page)}" if table.page is not None else ""
        caption = esc(table.caption or f"table {i + 1}")
        n_rows = len(table.rows)
        parts.append(
            f'<details class="table" id="table-{i}"><summary>{caption} ({n_rows} rows{where})</summary>'
            f'<div class="table-wrap"><table class="grid">{"".join(rows)}</table></div></details>'
        )
    if not parts:
        return ""
    return f'<h2 id="tables-h">Tables ({len(parts)})</h2>{"".join(parts)}'


def _text_html(report: Report) -> str:
    text = report.text
    ranges: list[Range] = []
    points: list[Point] = []
    for sec in report.all_sections():
        span = (sec.start, sec.end)
        points.append(Point(span[0], f'<span class="sec-anchor"{attr("id", "sec-" + sec.id)}></span>'))
        title_end = sec.title_end
        if sec.kind == "heading" and title_end > span[0]:
            level = css_token(sec.level)
            ranges.append(
                Range(
                    span[0],
                    title_end,
                    f'<span class="heading level-{level}">',
                    "</span>",
                    _RANK_HEADING,
                    True,
                )
            )
    for start, end in sorted(_targets(report)):
        ranges.append(
            Range(
                start,
                end,
                f'<span class="src"{attr("id", target_id(start, end))}>',
                "</span>",
                _RANK_TARGET,
                True,
            )
        )
    seen_pages: set[int] = set()
    facts = report.facts
    for i, fact in enumerate(facts):
        span = (fact.start, fact.end)
        kind = css_token(fact.kind or "other")
        tip = fact_tip(fact)
        open_tag = (
            f'<mark class="fact fact-{kind}" id="f-{i}" data-i="{i}"{attr("data-kind", fact.kind)}'
            f' tabindex="0"{attr("title", tip)}{attr("data-tip", tip)}>'
        )
        ranges.append(Range(span[0], span[1], open_tag, "</mark>", _RANK_FACT))
    for fact in sorted(facts, key=lambda f: (f.start, f.end)):
        page = fact.page
        if page is not None and page not in seen_pages:
            seen_pages.add(page)
            start = fact.start
            points.append(
                Point(
                    start,
                    f'<span class="page-marker"{attr("title", f"PDF page {page} (first fact read on it)")}>'
                    f"p.{esc(page)}</span>",
                    2,
                )
            )
    for i, art in enumerate(report.artifacts):
        at = art.at
        original = art.original
        tip = f"removed: {art.kind} (source {art.source_start}–{art.source_end})"
        if art.replacement:
            tip += f"; replaced by «{art.replacement}»"
        # whitespace-only cuts (line wraps, spaces between CJK characters) show as symbols,
        # so they do not break the lines of the clean text; the original stays in data-original
        blank = not original.strip()
        shown = _visible_ws(original) if blank else original
        points.append(
            Point(
                at,
                f'<del class="artifact{" ws" if blank else ""}" id="a-{i}"'
                f"{attr('data-kind', art.kind)}"
                f"{attr('data-original', original)}{attr('title', tip)}>{esc(shown)}</del>",
                1,
            )
        )
    return render_text(text, ranges, points)


_WS_SYMBOLS = {"\n": "↵", "\t": "⇥", " ": "␣", "\u3000": "␣"}


def _visible_ws(original: str) -> str:
    """Whitespace as visible symbols (``↵`` a line break, ``␣`` a space).

    >>> _visible_ws("\\n \\u3000")
    '↵␣␣'
    """
    return "".join(_WS_SYMBOLS.get(c, "·") for c in original) or "∅"


def _outline(sections: Sequence[Section], per_section: Counter[str]) -> str:
    """The nested list of headings (inline items such as 一是… stay out of it)."""
    items = []
    for sec in sections:
        if sec.kind == "item":
            continue
        sid = sec.id
        marker = esc(sec.number)
        n = sum(per_section[s.id] for s in sec.walk())
        children = sec.children
        sub = _outline(children, per_section) if children else ""
        items.append(
            f"<li><a{attr('href', '#sec-' + sid)}>{marker} {esc(sec.title)}</a>"
            f' <span class="count">({n})</span>{sub}</li>'
        )
    return f"<ol>{''.join(items)}</ol>" if items else ""


def _snippet(text: str, span: tuple[int, int], width: int = 24) -> str:
    start, end = span
    piece = text[max(start, 0) : max(end, 0)]
    return piece if len(piece) <= width else piece[: width - 1] + "…"


def _ref_links(check: Check, text: str) -> str:
    links = []
    for j, ref in enumerate(check.refs):
        span = (ref.start, ref.end)
        links.append(
            f'<a class="jump check-ref"{attr("href", "#" + target_id(*span))} data-side="{j + 1}">'
            f"side {j + 1}: «{esc(_snippet(text, span))}»</a>"
        )
    return " ".join(links) if links else '<span class="muted">no location</span>'


def _check_item(i: int, check: Check, text: str) -> str:
    status = css_token(check.status)
    values = ""
    if check.expected is not None or check.actual is not None:
        values = (
            f' <span class="muted">(expected {esc(fmt_number(check.expected))},'
            f" actual {esc(fmt_number(check.actual))})</span>"
        )
    return (
        f'<li class="check check-{status}" id="check-{i}">'
        f'<strong class="{status}">{esc(status.upper())}</strong>'
        f" <code>{esc(check.rule)}</code>: {esc(check.message)}{values}<br>"
        f"{_ref_links(check, text)}</li>"
    )


def _failing_checks(checks: Sequence[Check], text: str) -> str:
    failing = [(i, c) for i, c in enumerate(checks) if c.status == "fail"]
    counts = Counter(c.status for c in checks)
    summary = ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) or "none run"
    if not failing:
        return (
            '<section class="checks none" aria-labelledby="checks-h">'
            '<h2 id="checks-h">No failing checks</h2>'
            f'<p class="muted">Checks: {esc(summary)}.</p></section>'
        )
    items = "".join(_check_item(i, c, text) for i, c in failing[:_FAILING_SHOWN])
    if len(failing) > _FAILING_SHOWN:
        more = "".join(_check_item(i, c, text) for i, c in failing[_FAILING_SHOWN:])
        items += (
            f'<li class="more"><details><summary>{len(failing) - _FAILING_SHOWN} more failing checks'
            f'</summary><ol start="{_FAILING_SHOWN + 1}">{more}</ol></details></li>'
        )
    return (
        f'<section class="checks" id="failing-checks" aria-labelledby="checks-h">'
        f'<h2 id="checks-h" class="fail">{len(failing)} failing check{"s" if len(failing) != 1 else ""}</h2>'
        f'<p class="muted">Checks: {esc(summary)}. Each link jumps to one side of the comparison.</p>'
        f"<ol>{items}</ol></section>"
    )


_METRIC_COLS = (
    '<colgroup><col style="width:52%"><col style="width:18%"><col style="width:11%">'
    '<col style="width:19%"></colgroup>'
)


def _breakable(name: str) -> str:
    """A dotted metric name escaped, with a line-break opportunity after each ``.``.

    >>> _breakable("a.b_c<")
    'a.<wbr>b_c&lt;'
    """
    return esc(name).replace(".", ".<wbr>")


def _metric_row(name: str, metric: Metric) -> str:
    span = _span_of(metric)
    value = esc(fmt_number(metric.value))
    details = [
        f"raw «{metric.raw}»" if metric.raw is not None else "",
        metric.label or "",
    ]
    tip = "; ".join(d for d in details if d)
    if span is not None:
        href = attr("href", "#" + target_id(*span))
        cell = f'<a class="jump metric-link"{href}{attr("data-metric", name)}>{value}</a>'
    else:
        cell = f'<span class="muted" title="no place in the text">{value}</span>'
    where: str = metric.source
    if metric.derived:
        where += ", derived"
    if metric.page is not None:
        where += f" p.{metric.page}"
    return (
        f"<tr{attr('id', 'metric-' + name)}{attr('title', tip) if tip else ''}>"
        f'<td class="name"><code>{_breakable(name)}</code></td>'
        f'<td class="num">{cell}</td><td>{esc(metric.unit or "")}</td>'
        f"<td>{esc(where)}</td></tr>"
    )


def _metrics_table(metrics: Mapping[str, Metric]) -> str:
    if not metrics:
        return '<h2 id="metrics-h">Metrics</h2><p class="muted">No metrics in this record.</p>'
    head = "<tr><th>metric</th><th>value</th><th>unit</th><th>read from</th></tr>"
    headline = [n for n in HEADLINE_METRICS if n in metrics]
    rest = sorted(n for n in metrics if n not in HEADLINE_METRICS)
    rows = "".join(_metric_row(n, metrics[n]) for n in headline + rest)
    return (
        f'<h2 id="metrics-h">Metrics ({len(metrics)})</h2>'
        '<p class="muted">Click a value to see where it was read.</p>'
        f'<table class="metrics" aria-labelledby="metrics-h">{_METRIC_COLS}<thead>{head}</thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def _all_checks(checks: Sequence[Check], text: str) -> str:
    if not checks:
        return ""
    items = "".join(
        _check_item(i, c, text).replace(f'id="check-{i}"', f'id="all-check-{i}"', 1)
        for i, c in enumerate(checks)
    )
    return f"<details><summary>All checks ({len(checks)})</summary><ol>{items}</ol></details>"


def _diagnostics(diags: Sequence[Diagnostic]) -> str:
    if not diags:
        return ""
    items = "".join(
        f'<li><span class="{css_token(d.severity)}">{esc(d.severity)}</span> '
        f"<code>{esc(d.code)}</code>: {esc(d.message)}</li>"
        for d in diags
    )
    return f"<details><summary>Diagnostics ({len(diags)})</summary><ul>{items}</ul></details>"


def _header(report: Report) -> str:
    src = report.source
    title = report.title or src.name or "(untitled report)"
    shown: list[tuple[str, object]] = [
        ("issuer", report.issuer or "–"),
        ("year", report.year or "–"),
        ("layout", report.layout or "unknown"),
        ("source", src.name or "–"),
        ("format", src.format or "–"),
    ]
    if src.pages:
        shown.append(("pages", src.pages))
    if src.encoding:
        shown.append(("encoding", src.encoding))
    shown += [
        ("sha256", src.sha256[:12] or "–"),
        ("parser", f"{report.parser_version} (schema {report.schema_version})"),
    ]
    meta = "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(v)}</dd></div>" for k, v in shown)
    return f'<header class="top"><h1>{esc(title)}</h1><dl class="meta">{meta}</dl></header>'


def _colour_class(kind: str) -> str:
    token = css_token(kind)
    return token if token in KIND_COLORS else "other"


def _artifact_toggles(artifacts: Sequence[Artifact]) -> str:
    kinds = Counter(a.kind for a in artifacts)
    if len(kinds) < 2:
        return ""
    boxes = " ".join(
        f'<label><input type="checkbox" class="artifact-kind"{attr("data-kind", k)} checked>'
        f" {esc(k)} {n}</label>"
        for k, n in sorted(kinds.items())
    )
    return f'<span class="artifact-kinds">({boxes})</span>'


def _toolbar(facts: Sequence[Fact], artifacts: Sequence[Artifact]) -> str:
    n_artifacts = len(artifacts)
    kinds = Counter(f.kind or "other" for f in facts)
    legend = " ".join(
        f'<span class="swatch fact-{_colour_class(k)}">{esc(k)} {n}</span>' for k, n in sorted(kinds.items())
    )
    return (
        '<div class="toolbar" role="region" aria-label="display options">'
        "<label>"
        f'<input type="checkbox" id="show-artifacts" checked> show removed artifacts ({n_artifacts})</label>'
        f"{_artifact_toggles(artifacts)}"
        f'<span class="legend">{len(facts)} facts: {legend}</span>'
        '<span class="muted">Tab moves from fact to fact; focus shows its details.</span></div>'
    )


def render_page(report: Report | Mapping[str, Any]) -> str:
    """The self-contained HTML review page of a report (a dataset record is rebuilt
    with :meth:`Report.from_dict <govreport_parse.model.Report.from_dict>` first,
    so a malformed one raises :class:`~govreport_parse.errors.RecordError`).

    >>> from govreport_parse.model import Artifact, Quantity, SourceInfo
    >>> report = Report(source=SourceInfo(name="a.txt", sha256="", format="txt"), text="共<1>件",
    ...     facts=(Quantity(text="<1>件", start=1, end=5, value=1),),
    ...     artifacts=(Artifact(kind="image_marker", original="[img]", source_start=0, source_end=5,
    ...                         replacement=""),))
    >>> page = render_page(report)
    >>> page.count('class="fact '), '<del class="artifact"' in page, "&lt;1&gt;" in page
    (1, True, True)
    >>> render_page(report.to_dict()) == page
    True
    """
    report = as_report(report)
    text = report.text
    facts = report.facts
    checks = report.checks
    metrics = _by_name(report.metrics)
    sections = report.sections
    artifacts = report.artifacts
    per_section: Counter[str] = Counter(str(f.section) for f in facts)
    title = report.title or report.source.name or "report"
    outline = _outline(sections, per_section) or '<p class="muted">No sections found.</p>'
    body = (
        '<a class="skip" href="#text">Skip to the report text</a>'
        f"{_header(report)}"
        '<div class="layout">'
        f'<nav class="outline" aria-label="sections"><h2>Sections</h2>{outline}</nav>'
        f'<main id="main">{_failing_checks(checks, text)}{_toolbar(facts, artifacts)}'
        '<h2 class="visually-plain">Report text</h2>'
        f'<div id="text" lang="zh-CN">{_text_html(report)}</div></main>'
        f'<aside class="panel" aria-label="metrics and checks">{_metrics_table(metrics)}'
        f"{_all_checks(checks, text)}{_tables(report.tables)}"
        f"{_diagnostics(report.diagnostics)}</aside>"
        "</div>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)} · review</title><style>{page_css()}</style></head>"
        f"<body>{body}<script>{PAGE_JS}</script></body></html>\n"
    )
