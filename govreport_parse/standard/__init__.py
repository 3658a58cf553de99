"""Statistics: layout detection, the standard tables as canonical metrics, headline
figures from prose, and the report's own arithmetic checked.

Modules: :mod:`.template` (the 2019/2021 tables as data), :mod:`.layout`,
:mod:`.values` (cell grammar, digit-run splits), :mod:`.labels` (tolerant label
matching), :mod:`.tables` (Table objects), :mod:`.textforms` (flattened text),
:mod:`.assemble` (naming and deriving), :mod:`.headline` (prose figures),
:mod:`.checks`.

>>> analyze("一、总体情况", tables=(), facts=(), sections=(), year=2018).layout
'narrative'
>>> r = analyze("一、本年新收政府信息公开申请数量640020470", tables=(), facts=(), sections=(), year=None)
>>> r.layout, {m.name: m.value for m in r.metrics}["requests_received"]
('unknown', 70)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Check, Diagnostic, Fact, Layout, LayoutEvidence, Metric, Section, Table
from .assemble import row_metrics, text_tables
from .checks import headline_checks, prose_checks, table_checks
from .headline import read_headlines
from .labels import Compact, compact
from .layout import decide_layout
from .stats2014 import PROSE_ROWS, read_statistics_2014
from .tables import read_tables
from .textforms import RowRead, read_active, read_requests, read_review

__all__ = ["StandardResult", "analyze"]


@dataclass(frozen=True, slots=True, kw_only=True)
class StandardResult:
    """Layout, metrics and checks of one report."""

    layout: Layout
    metrics: tuple[Metric, ...] = ()
    checks: tuple[Check, ...] = ()
    tables: tuple[Table, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    layout_evidence: LayoutEvidence | None = None


def _table_text(tables: Sequence[Table]) -> str:
    return "\n".join(" ".join(c for c in row if c) for t in tables for row in t.rows)


def _reads(text: str, view: Compact, tables: Sequence[Table], layout: str) -> list[RowRead]:
    """Rows from the table objects first; a table they lack is read from the text."""
    reads = read_tables(tables, layout)
    have = {r.table for r in reads if r.candidates}
    if "requests" not in have:
        reads.extend(read_requests(text, view))
    if "active_disclosure" not in have:
        reads.extend(read_active(text, layout, view))
    if "review_litigation" not in have:
        reads.extend(read_review(text, view))
    return reads


def _from_table(by_name: dict[str, Metric]) -> dict[str, Metric]:
    """Headline figures the tables give."""
    out: dict[str, Metric] = {}
    pairs = {
        "requests_received": "requests.received_this_year.total",
        "requests_carried_over": "requests.carried_over_from_last_year.total",
        "admin_review_cases": "review_litigation.administrative_review.total",
    }
    for name, cell in pairs.items():
        m = by_name.get(cell)
        if m is not None and m.value is None:
            # a blank 总计 cell: the sum of the row's other cells, marked derived
            row = cell.rsplit(".", 1)[0]
            parts = [
                v
                for k, v in by_name.items()
                if k.rsplit(".", 1)[0] == row and not k.endswith((".total", ".legal_person_subtotal"))
            ]
            if parts and all(p.value is not None for p in parts):
                total = sum(p.value for p in parts if p.value is not None)
                out[name] = Metric(
                    name=name,
                    value=total,
                    unit=m.unit,
                    source=m.source,
                    derived=True,
                    page=m.page,
                    label=f"{m.label} (blank; sum of the row)",
                )
            continue
        if m is not None and m.value is not None:
            out[name] = Metric(
                name=name,
                value=m.value,
                raw=m.raw,
                unit=m.unit,
                source=m.source,
                start=m.start,
                end=m.end,
                page=m.page,
                label=m.label,
                derived=m.derived,
            )
    for name, row in PROSE_ROWS.items():  # the 2014 table's 本年度 column
        m = by_name.get(f"statistics_2014.{row}.this_year")
        if m is not None and m.value is not None and name not in out:
            out[name] = Metric(
                name=name,
                value=m.value,
                raw=m.raw,
                unit=m.unit,
                source=m.source,
                start=m.start,
                end=m.end,
                label=m.label,
                derived=m.derived,
            )
    direct = by_name.get("review_litigation.litigation_direct.total")
    after = by_name.get("review_litigation.litigation_after_review.total")
    if direct and after and direct.value is not None and after.value is not None:
        out["admin_litigation_cases"] = Metric(
            name="admin_litigation_cases",
            value=direct.value + after.value,
            unit="件",
            source=direct.source,
            derived=True,
            page=direct.page,
            label="未经复议直接起诉 总计 + 复议后起诉 总计",
        )
    return out


def analyze(
    text: str,
    *,
    tables: Sequence[Table],
    facts: Sequence[Fact],
    sections: Sequence[Section],
    year: int | None,
) -> StandardResult:
    """Layout, canonical metrics, headline figures and checks of one report.

    ``tables`` are the real table objects the loader found (``spans`` pointing
    into ``text``); tables missing from them are read from the text forms.
    ``facts``, ``sections`` and ``year`` are accepted for the pipeline's sake:
    the layout is never inferred from the year.
    """
    view = compact(text)  # the one compact view of the report, passed down
    prose = read_headlines(text, facts)
    prose_heads = {m.name: m for m in prose.metrics}
    exact = {n: m.value for n, m in prose_heads.items() if m.value is not None and m.qualifier == "exact"}
    old = read_statistics_2014(text, view, exact)
    full = view.text + compact(_table_text(tables)).text
    decision = decide_layout(full, old.labels if old.rows_read else ())
    layout = decision.layout
    reads = _reads(text, view, tables, layout) if layout not in ("narrative", "statistics_2014") else []
    cells, diagnostics = row_metrics(reads, layout)
    extra_checks: list[Check] = []
    if layout == "statistics_2014":
        cells = [*cells, *old.metrics]
        diagnostics = [*diagnostics, *old.diagnostics]
        extra_checks = list(old.checks)
    diagnostics = [*diagnostics, *prose.diagnostics]
    by_name = {m.name: m for m in cells}
    table_heads = _from_table(by_name)
    # the table's figure wins; the prose fills in what the tables do not give
    headline = [*table_heads.values(), *(m for n, m in prose_heads.items() if n not in table_heads)]
    checks = [
        *table_checks(by_name),
        *extra_checks,
        *headline_checks(table_heads, prose_heads, by_name.get("requests.carried_over_from_last_year.total")),
        *prose_checks(text, facts),
    ]
    return StandardResult(
        layout=layout,
        metrics=tuple(headline) + tuple(cells),
        checks=tuple(checks),
        tables=text_tables(cells, reads),
        diagnostics=tuple(diagnostics),
        layout_evidence=decision.evidence,
    )
