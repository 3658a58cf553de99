"""From rows as read to canonical metrics: choosing among digit-run splits, naming
every cell, deriving group totals.

When a flattened row can be split more than one way, the cross-row identities
of table 三 choose (一 + 二 = （七）总计 + 四 per column, （七）总计 = the sum of the
result rows); a row still ambiguous after that is left empty with a
diagnostic, never guessed.

>>> from .cells import Cell
>>> c = lambda v: Cell(str(v), v, None, None, None)
>>> rows = {"a": [(c(1),), (c(2),)], "b": [(c(3),)]}
>>> choose(rows, lambda vals: vals["a"][0] + 1 == vals["b"][0])[0]["a"][0].value
2
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence

from ..model import Diagnostic, Metric, Span, Table
from .cells import Cell
from .template import (
    ACTIVE_COLUMNS,
    ACTIVE_ROWS,
    ACTIVE_UNITS,
    REQUEST_COLUMNS,
    REQUEST_GROUPS,
    REQUEST_ROWS,
    REVIEW_COLUMNS,
    REVIEW_ROWS,
)
from .textforms import RowRead, active_columns

__all__ = ["choose", "requests_consistent", "result_rows", "row_metrics", "text_tables"]

_MAX_COMBINATIONS = 4096
Values = Mapping[str, tuple[int | float | None, ...]]


def choose(
    rows: Mapping[str, Sequence[tuple[Cell, ...]]], consistent: Callable[[Values], bool]
) -> tuple[dict[str, tuple[Cell, ...]], list[str]]:
    """One reading per row; rows left ambiguous are returned by key (and omitted)."""
    fixed = {k: c[0] for k, c in rows.items() if len(c) == 1}
    multi = {k: c for k, c in rows.items() if len(c) > 1}
    if not multi:
        return fixed, []
    keys = list(multi)
    total = 1
    for k in keys:
        total *= len(multi[k])
    if total > _MAX_COMBINATIONS:
        return fixed, keys
    survivors = []
    for combo in itertools.product(*(multi[k] for k in keys)):
        chosen = {**fixed, **dict(zip(keys, combo, strict=True))}
        if consistent({k: tuple(c.value for c in v) for k, v in chosen.items()}):
            survivors.append(combo)
    ambiguous = []
    for i, k in enumerate(keys):
        options = {tuple(c.value for c in combo[i]) for combo in survivors}
        if len(options) == 1:
            fixed[k] = survivors[0][i]
        else:
            ambiguous.append(k)
    return fixed, ambiguous


def _sum(values: Sequence[int | float | None]) -> int | float | None:
    if any(v is None for v in values):
        return None
    return sum(v for v in values if v is not None)


def result_rows(present: Sequence[str]) -> tuple[str, ...]:
    """The rows that add up to （七）总计, given which rows were read.

    >>> "other_handling" in result_rows(["other_handling"]), "other_misc" in result_rows(["other_misc"])
    (True, True)
    >>> "other_handling" in result_rows(["other_misc"])
    False
    """
    subs = REQUEST_GROUPS["other_handling"]
    use_subs = any(k in present for k in subs)
    keys = [r.key for r in REQUEST_ROWS[2:24]]
    return tuple(k for k in keys if (k not in subs if not use_subs else k != "other_handling"))


def requests_consistent(values: Values) -> bool:
    """Whether the table-3 readings satisfy every identity that can be evaluated.

    >>> z = (0,) * 7
    >>> requests_consistent({"received_this_year": (1, 0, 0, 0, 0, 0, 1), "carried_over_from_last_year": z,
    ...                      "results_total": z, "carried_over_to_next_year": z})
    False
    """
    parts = result_rows(list(values))
    for c in range(7):

        def col(key: str, c: int = c) -> int | float | None:
            row = values.get(key)
            return row[c] if row else None

        a, b = col("received_this_year"), col("carried_over_from_last_year")
        t, d = col("results_total"), col("carried_over_to_next_year")
        if None not in (a, b, t, d) and a + b != t + d:  # type: ignore[operator]
            return False
        summed = _sum([col(k) for k in parts])
        if t is not None and summed is not None and summed != t:
            return False
    return True


def _label(row: str, col: str, table: str, layout: str) -> str:
    v2019 = layout == "standard_2019"
    if table == "requests":
        spec = next((r for r in REQUEST_ROWS if r.key == row), None)
        rl = (
            (spec.label_2019 if v2019 else spec.label_2021) or spec.label_2019 or spec.label_2021
            if spec
            else row
        )
        cl = next(c.label_2019 for c in REQUEST_COLUMNS if c.key == col)
        return f"{rl} / {cl}"
    if table == "review_litigation":
        rl2 = next(r.label_2019 for r in REVIEW_ROWS if r.key == row)
        cl2 = next(c.label_2019 for c in REVIEW_COLUMNS if c.key == col)
        return f"{rl2} / {cl2}"
    spec2 = next(r for r in ACTIVE_ROWS if r.key == row)
    col2 = next(c for c in ACTIVE_COLUMNS if c.key == col)
    rl3 = spec2.label_2019 if v2019 else spec2.label_2021
    cl3 = col2.label_2019 if v2019 else col2.label_2021
    return f"{rl3} / {cl3}"


def _metric(name: str, cell: Cell, unit: str | None, source: str, label: str) -> Metric:
    return Metric(
        name=name,
        value=cell.value,
        raw=cell.raw,
        unit=cell.unit or unit,
        source="table" if source == "table" else "text",
        start=cell.start,
        end=cell.end,
        page=cell.page,
        label=label,
    )


def row_metrics(reads: Sequence[RowRead], layout: str) -> tuple[list[Metric], list[Diagnostic]]:
    """Metrics for every cell read, plus derived totals, and diagnostics for what could not be read.

    >>> from .textforms import read_requests
    >>> metrics, _ = row_metrics(read_requests("一、本年新收政府信息公开申请数量 2 1 0 0 0 0 3"), "unknown")
    >>> [(m.name, m.value) for m in metrics if m.name.endswith(("total", "subtotal"))]
    [('requests.received_this_year.total', 3), ('requests.received_this_year.legal_person_subtotal', 1)]
    """
    metrics: list[Metric] = []
    diags: list[Diagnostic] = []
    by_table: dict[str, list[RowRead]] = {}
    for r in reads:
        by_table.setdefault(r.table, []).append(r)

    def missing(r: RowRead, why: str) -> None:
        diags.append(
            Diagnostic(
                code=f"standard.{why}",
                severity="warning",
                message=f"{r.table} row {r.key} ({r.label.strip()[:30]}): "
                + (
                    f"the cells [{r.found[:60]}] split {len(r.candidates)} ways"
                    if why == "ambiguous_split"
                    else f"cannot read the cells [{r.found[:60]}]"
                )
                + "; left empty",
                start=r.start,
                end=r.end,
            )
        )

    # table 三
    req = by_table.get("requests", [])
    readable = {r.key: r.candidates for r in req if r.candidates}
    chosen, ambiguous = choose(readable, requests_consistent)
    src = {r.key: r for r in req}
    for r in req:
        if not r.candidates and r.key != "other_handling":
            missing(r, "unreadable")
        elif r.key in ambiguous:
            missing(r, "ambiguous_split")
    for key, cells in chosen.items():
        for col, cell in zip(REQUEST_COLUMNS, cells, strict=True):
            label = (
                _label(key, col.key, "requests", layout)
                if not key.startswith("extra.")
                else (f"{src[key].label} / {col.label_2019}")
            )
            metrics.append(_metric(f"requests.{key}.{col.key}", cell, "件", src[key].source, label))
    metrics.extend(_derived_requests(metrics))
    # table 四
    for r in by_table.get("review_litigation", []):
        if len(r.candidates) != 1:
            missing(r, "unreadable" if not r.candidates else "ambiguous_split")
            continue
        cells = r.candidates[0]
        for i, cell in enumerate(cells):
            row, col = REVIEW_ROWS[i // 5], REVIEW_COLUMNS[i % 5]
            metrics.append(
                _metric(
                    f"review_litigation.{row.key}.{col.key}",
                    cell,
                    "件",
                    r.source,
                    _label(row.key, col.key, "review_litigation", layout),
                )
            )
    # table 二
    for r in by_table.get("active_disclosure", []):
        if len(r.candidates) != 1:
            missing(r, "unreadable" if not r.candidates else "ambiguous_split")
            continue
        for col_key, cell in zip(active_columns(layout, r.key), r.candidates[0], strict=True):
            metrics.append(
                _metric(
                    f"active_disclosure.{r.key}.{col_key}",
                    cell,
                    ACTIVE_UNITS.get(col_key),
                    r.source,
                    _label(r.key, col_key, "active_disclosure", layout),
                )
            )
    return _dedupe(metrics), diags


def _dedupe(metrics: Sequence[Metric]) -> list[Metric]:
    seen: set[str] = set()
    out = []
    for m in metrics:
        if m.name not in seen:
            seen.add(m.name)
            out.append(m)
    return out


def _derived_requests(metrics: Sequence[Metric]) -> list[Metric]:
    """Group totals and the 法人或其他组织 subtotal, all ``derived``."""
    have = {m.name: m for m in metrics if m.name.startswith("requests.")}
    rows = sorted({m.name.split(".")[1] for m in have.values()})
    out: list[Metric] = []
    cols = [c.key for c in REQUEST_COLUMNS]
    for group, members in REQUEST_GROUPS.items():
        if f"requests.{group}.total" in have or not any(f"requests.{k}.total" in have for k in members):
            continue
        for col in cols:
            parts = [have.get(f"requests.{k}.{col}") for k in members]
            if any(p is None for p in parts):
                continue
            value = _sum([p.value for p in parts if p is not None])
            if value is not None:
                out.append(
                    Metric(
                        name=f"requests.{group}.{col}",
                        value=value,
                        unit="件",
                        derived=True,
                        source=parts[0].source if parts[0] else "table",
                        label=f"= {' + '.join(members)}",
                    )
                )
    orgs = cols[1:6]
    for row in rows:
        parts = [have.get(f"requests.{row}.{c}") for c in orgs]
        if all(p is not None and p.value is not None for p in parts):
            value = _sum([p.value for p in parts if p is not None])
            out.append(
                Metric(
                    name=f"requests.{row}.legal_person_subtotal",
                    value=value,
                    unit="件",
                    derived=True,
                    label="法人或其他组织 (not printed) = 商业企业 + … + 其他",
                )
            )
    return out


_CAPTIONS = {
    "active_disclosure": "二、主动公开政府信息情况 (rebuilt from the text)",
    "requests": "三、收到和处理政府信息公开申请情况 (rebuilt from the text)",
    "review_litigation": "四、政府信息公开行政复议、行政诉讼情况 (rebuilt from the text)",
}


def text_tables(metrics: Sequence[Metric], reads: Sequence[RowRead]) -> tuple[Table, ...]:
    """The tables read from text forms, rebuilt as :class:`Table` objects (label cell + value cells).

    >>> from .textforms import read_requests
    >>> reads = read_requests("一、本年新收政府信息公开申请数量640020470")
    >>> metrics, _ = row_metrics(reads, "unknown")
    >>> text_tables(metrics, reads)[0].rows
    (('一、本年新收政府信息公开申请数量', '64', '0', '0', '2', '0', '4', '70'),)
    """
    printed = {m.name: m for m in metrics if m.source == "text" and not m.derived}
    out = []
    for table, caption in _CAPTIONS.items():
        rows: list[tuple[str | None, ...]] = []
        spans: list[tuple[Span | None, ...]] = []
        for r in reads:
            if r.table != table or r.source != "text":
                continue
            prefix = f"{table}.{r.key}." if table != "review_litigation" else f"{table}."
            cells = [m for name, m in printed.items() if name.startswith(prefix)]
            if not cells:
                continue
            label_span = Span(start=r.start, end=r.end) if r.start is not None and r.end is not None else None
            rows.append((r.label.strip() or None, *(m.raw for m in cells)))
            spans.append(
                (
                    label_span,
                    *(
                        Span(start=m.start, end=m.end) if m.start is not None and m.end is not None else None
                        for m in cells
                    ),
                )
            )
        if rows:
            placed = [s for row in spans for s in row if s is not None]
            out.append(
                Table(
                    rows=tuple(rows),
                    spans=tuple(spans),
                    caption=caption,
                    start=min((s.start for s in placed), default=None),
                    end=max((s.end for s in placed), default=None),
                )
            )
    return tuple(out)
