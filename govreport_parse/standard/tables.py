"""Reading the statistics tables from :class:`~govreport_parse.model.Table` objects.

Tables arrive as dense grids (merged cells expanded, covered slots ``None``)
from the PDF, DOCX and HTML loaders, possibly split across pages. Every row is
cut into label cells and value cells; the label is matched against the
template rows (the cell nearest the values first, so ``（三）不予公开 | 1.属于国家秘密``
is the secret row), and the row's last seven cells are its values. Rows of a
table-3 grid that match no template row but carry seven values are kept as
extra rows (provincial add-ons).

>>> from govreport_parse.model import Table
>>> t = Table(rows=(("一、本年新收政府信息公开申请数量", None, "5", "0", "0", "0", "0", "1", "6"),
...                 ("二、上年结转政府信息公开申请数量", None, "0", "0", "0", "0", "0", "0", "0")))
>>> [(r.key, [c.value for c in r.candidates[0]]) for r in read_tables([t], "unknown")][0]
('received_this_year', [5, 0, 0, 0, 0, 1, 6])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..model import Span, Table
from .cells import Token, resolve
from .labels import compact, find_label
from .template import ACTIVE_ROWS, REQUEST_ROWS, RowSpec
from .textforms import RowRead, active_columns
from .values import is_value

__all__ = ["read_tables", "request_row"]


def _tokens(table: Table, r: int) -> list[Token]:
    row = table.rows[r]
    spans: Sequence[Span | None] = table.spans[r] if r < len(table.spans) else ()
    out = []
    for c, raw in enumerate(row):
        span = spans[c] if c < len(spans) else None
        out.append(Token(raw or "", span.start if span else -1, span.end if span else -1, table.page))
    return out


def _split(table: Table, r: int) -> tuple[list[Token], list[Token]]:
    """Label cells (non-empty, in order) and the cells after the last label cell."""
    row = table.rows[r]
    last = -1
    for c, raw in enumerate(row):
        if raw is not None and raw.strip() and not is_value(raw):
            last = c
    toks = _tokens(table, r)
    labels = [t for t in toks[: last + 1] if t.raw.strip()]
    return labels, toks[last + 1 :]


def _match(labels: Sequence[Token], specs: Sequence[RowSpec], cursor: int) -> int | None:
    """Index in ``specs`` of the row these label cells name, searching from ``cursor`` first."""
    if not labels:
        return None
    candidates = [labels[-1].raw, "".join(t.raw for t in labels)]
    order = [*range(cursor, len(specs)), *range(cursor)]
    for text in candidates:
        view = compact(text)
        for i in order:
            m = find_label(view, specs[i].keys, specs[i].pattern)
            if m is not None and len(view.text) - (m.end - m.start) <= 40:
                return int(i)
    return None


def request_row(label: str) -> str | None:
    """The table-3 row a printed label names, or ``None``.

    >>> request_row("5.属于三类内容事务信息"), request_row("申请人情况")
    ('withheld_internal_affairs', None)
    """
    i = _match([Token(label)], REQUEST_ROWS, 0)
    return None if i is None else REQUEST_ROWS[i].key


def _seen(cells: Sequence[Token]) -> str:
    return " ".join(t.raw or "∅" for t in cells)


def _label_span(labels: Sequence[Token]) -> tuple[int | None, int | None]:
    placed = [t for t in labels if t.start >= 0]
    if not placed:
        return None, None
    return placed[-1].start, placed[-1].end


Split = tuple[list[Token], list[Token]]


def _read_requests(splits: Sequence[Sequence[Split]]) -> list[RowRead]:
    out: list[RowRead] = []
    cursor = 0
    extra = 0
    for rows in splits:
        matched: list[tuple[int, RowRead]] = []
        unknown: list[RowRead] = []
        for labels, values in rows:
            if len(values) < 7 or not any(v.raw.strip() for v in values[-7:]):
                continue
            cells = values[-7:]
            i = _match(labels, REQUEST_ROWS, cursor)
            s, e = _label_span(labels)
            label = " ".join(t.raw for t in labels)
            read = RowRead(
                "requests", "", resolve(cells, (7,), sums=False), label, s, e, "table", _seen(cells)
            )
            if i is None:
                unknown.append(read)
                continue
            cursor = i + 1
            matched.append((i, replace(read, key=REQUEST_ROWS[i].key)))
        if len(matched) >= 2 or (matched and out):
            out.extend(m for _, m in matched)
            for row in unknown:
                if row.label:
                    extra += 1
                    out.append(replace(row, key=f"extra.{extra}"))
    return out


def _read_active(splits: Sequence[Sequence[Split]], layout: str) -> list[RowRead]:
    if layout not in ("standard_2019", "standard_2021"):
        return []
    specs = [r for r in ACTIVE_ROWS if (r.label_2019 if layout == "standard_2019" else r.label_2021)]
    out: list[RowRead] = []
    seen: set[str] = set()
    for rows in splits:
        for labels, values in rows:
            if not labels or not values:
                continue
            view = compact(labels[-1].raw)
            for spec in specs:
                m = find_label(view, spec.keys, None)
                if m is None or m.start > 3 or len(view.text) > m.end + 20 or spec.key in seen:
                    continue
                n = len(active_columns(layout, spec.key))
                cells = [v for v in values if v.raw.strip()] if len(values) > n else values
                s, e = _label_span(labels)
                cands = resolve(cells, (n,), sums=False) if cells else []
                out.append(
                    RowRead("active_disclosure", spec.key, cands, labels[-1].raw, s, e, "table", _seen(cells))
                )
                seen.add(spec.key)
                break
    return out


def _read_review(tables: Sequence[Table]) -> list[RowRead]:
    tokens: list[Token] = []
    head: Token | None = None
    for table in tables:
        flat = compact("".join(c or "" for row in table.rows for c in row)).text
        if head is None and not ("行政复议" in flat and "维持" in flat):
            continue
        if head is None:
            head = next(
                (t for r in range(len(table.rows)) for t in _tokens(table, r) if "复议" in t.raw), None
            )
        for r in range(len(table.rows)):
            row = table.rows[r]
            if not any(c is not None and c.strip() for c in row):
                continue
            if all(c is None or is_value(c) for c in row):
                toks = _tokens(table, r)
                tokens.extend(toks if len(row) in (5, 10, 15) else [t for t in toks if t.raw.strip()])
        if len(tokens) >= 15 or (head is not None and not tokens):
            break
    if head is None or not tokens:
        return []
    cands = resolve(tokens[:15], (5, 5, 5), sums=False) if len(tokens) >= 15 else []
    s = head.start if head.start >= 0 else None
    e = head.end if head.end >= 0 else None
    return [RowRead("review_litigation", "all", cands, head.raw, s, e, "table", _seen(tokens))]


def read_tables(tables: Sequence[Table], layout: str) -> list[RowRead]:
    """Every template row found in ``tables`` (tables 三, 二 and 四 in that order).

    >>> t = Table(rows=(("行政复议", None, None, None, None), ("1", "0", "0", "0", "1"), ("0",) * 5,
    ...                 ("结果维持",) + (None,) * 4, ("0",) * 5))
    >>> [c.value for c in read_tables([t], "unknown")[0].candidates[0]][:5]
    [1, 0, 0, 0, 1]
    """
    splits = [[_split(table, r) for r in range(len(table.rows))] for table in tables]  # once for both
    return [*_read_requests(splits), *_read_active(splits, layout), *_read_review(tables)]
