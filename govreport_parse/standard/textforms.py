"""Reading the statistics tables from their flattened text forms.

Real copies flatten the tables in several ways: one cell a line (empty cells
dropped), pipe rows with trailing blanks, markdown tables with made-up headers
(``数据1``…``数据6``), labels broken one character a line, and digit runs
without separators (``640020470``). All are read the same way: the template
row labels are located in order on the compact view (:mod:`.labels`), and the
text between one label and the next holds that row's cells.

>>> text = "一、本年新收政府信息公开申请数量640020470 二、上年结转政府信息公开申请数量0000000"
>>> rows = read_requests(text)
>>> [tuple(c.value for c in r.candidates[0]) for r in rows]
[(64, 0, 0, 2, 0, 4, 70), (0, 0, 0, 0, 0, 0, 0)]
>>> text[rows[0].candidates[0][6].start:rows[0].candidates[0][6].end]
'70'
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .cells import Cell, Token, resolve
from .labels import Compact, compact, find_label
from .template import ACTIVE_COLUMNS, ACTIVE_ROWS, REQUEST_ROWS, RowSpec
from .values import is_value

__all__ = ["RowRead", "active_columns", "read_active", "read_requests", "read_review"]


@dataclass(frozen=True, slots=True)
class RowRead:
    """One template row as read: candidate cell tuples (one unless a split was ambiguous)."""

    table: str
    key: str
    candidates: list[tuple[Cell, ...]] = field(default_factory=list)
    label: str = ""
    start: int | None = None
    end: int | None = None
    source: str = "text"
    found: str = ""  # the cells as read, for diagnostics


# no two blank runs side by side: linear on a line of blanks
_SEPARATOR = re.compile(r"^\s*(?:\|\s*)?(?::?-{3,}:?\s*\|\s*)+:?-*:?\s*$")
_TOKEN = re.compile(
    r"[ \t\r\n\u3000\u00a0]*"
    r"(?P<tok>[+\-－]?\d[\d,]*(?:\.\d+)?(?:万元|元)?|&nbsp;|[/／\\]|[-－—–]{1,3}|无(?![\u4e00-\u9fff]))"
)
_ROW_WINDOW = 1500  # compact characters between one row label and the next, at most
_TABLE_WINDOW = 8000  # compact characters of table 三, at most
_STARTS_VALUE = re.compile(r"[\d+\-－/／\\—–&]|无(?![\u4e00-\u9fff])")
_REVIEW_HEADER_CHARS = set("行政复议诉讼未经直接起后结果维持纠正其他尚审总计情况单位件()（）、:：#|")


def _pipe_tokens(text: str, start: int, end: int) -> list[Token] | None:
    """The first pipe row of ``text[start:end]`` holding values, or ``None`` when there is none."""
    pos = start
    for line in text[start:end].split("\n"):
        line_start = pos
        pos += len(line) + 1
        if "|" not in line or _SEPARATOR.match(line):
            continue
        cells: list[Token] = []
        cell_start = line_start
        for part in line.split("|"):
            lead = len(part) - len(part.lstrip())
            cells.append(Token(part.strip(), cell_start + lead, cell_start + lead + len(part.strip())))
            cell_start += len(part) + 1
        if cells and not cells[0].raw:
            cells = cells[1:]
        if cells and not cells[-1].raw and line.rstrip().endswith("|"):
            cells = cells[:-1]
        while cells and not is_value(cells[0].raw):
            cells = cells[1:]
        if cells and all(is_value(c.raw) for c in cells) and any(c.raw and c.raw[0].isdigit() for c in cells):
            return cells
        if cells:
            return None
    return None


def _run_tokens(text: str, start: int, end: int) -> list[Token]:
    """The value tokens at the start of ``text[start:end]`` (stops at the first label character)."""
    out: list[Token] = []
    pos = start
    # The rest of a long label (（区分处理的，…）, “三安全一稳定”) stands before the values.
    while pos < min(end, start + 60) and not _STARTS_VALUE.match(text, pos):
        pos += 1
    while pos < end:
        m = _TOKEN.match(text, pos, end)
        if m is None:
            break
        out.append(Token(m.group("tok"), m.start("tok"), m.end("tok")))
        pos = m.end()
    return out


def region_tokens(text: str, start: int, end: int) -> list[Token]:
    """The cells of the row whose label ends at ``start`` (next label at ``end``).

    >>> [t.raw for t in region_tokens("| 705 | 3 |  | 713 |", 0, 20)]
    ['705', '3', '', '713']
    >>> [t.raw for t in region_tokens("（区分处理的）1000001（三）不予公开", 0, 22)]
    ['1000001']
    """
    if "|" in text[start:end]:
        cells = _pipe_tokens(text, start, end)
        if cells is not None:
            return cells
    return _run_tokens(text, start, end)


def _locate(view: Compact, specs: Sequence[RowSpec], start: int, stop: int) -> list[tuple[RowSpec, int, int]]:
    """Template rows found in order (compact positions)."""
    found: list[tuple[RowSpec, int, int]] = []
    cursor = start
    for spec in specs:
        m = find_label(view, spec.keys, spec.pattern, cursor, min(stop, cursor + _ROW_WINDOW))
        if m is None:
            continue
        found.append((spec, m.start, m.end))
        cursor = m.end
    return found


def _rows(
    text: str,
    view: Compact,
    table: str,
    found: list[tuple[RowSpec, int, int]],
    limit: int,
    groups: Mapping[str, tuple[int, ...]],
    sums: bool,
) -> list[RowRead]:
    out: list[RowRead] = []
    for i, (spec, s, e) in enumerate(found):
        label_start, label_end = view.to_source(s, e)
        next_start = view.to_source(found[i + 1][1], found[i + 1][1] + 1)[0] if i + 1 < len(found) else limit
        tokens = region_tokens(text, label_end, max(label_end, next_start))
        shape = groups.get(spec.key)
        if shape is None:
            continue
        cands = resolve(tokens, shape, sums=sums) if tokens else []
        seen = " ".join(t.raw or "∅" for t in tokens)
        label = text[label_start:label_end]
        out.append(RowRead(table, spec.key, cands, label, label_start, label_end, "text", seen))
    return out


def _table3_bounds(view: Compact) -> tuple[int, int] | None:
    first = find_label(view, REQUEST_ROWS[0].keys, None)
    if first is None:
        first = find_label(view, REQUEST_ROWS[1].keys, None)
    if first is None:
        return None
    end = view.text.find("行政复议", first.end, first.end + _TABLE_WINDOW)
    return first.start, (min(len(view.text), first.end + _TABLE_WINDOW) if end < 0 else end)


def read_requests(text: str, view: Compact | None = None) -> list[RowRead]:
    """Table 三 rows from the text: seven cells each, the last the sum of the others.

    >>> [r.key for r in read_requests("二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0")]
    ['carried_over_from_last_year']

    ``view`` is the compact view of ``text`` when the caller has it already.
    """
    view = view or compact(text)
    bounds = _table3_bounds(view)
    if bounds is None:
        return []
    start, stop = bounds
    found = _locate(view, REQUEST_ROWS, start, stop)
    limit = view.to_source(stop, stop + 1)[0] if stop < len(view.text) else len(text)
    shapes = {r.key: (7,) for r in REQUEST_ROWS}
    return _rows(text, view, "requests", found, limit, shapes, True)


def active_columns(layout: str, row: str) -> tuple[str, ...]:
    """The column keys of table 二 row ``row`` in ``layout``.

    >>> active_columns("standard_2021", "licensing")
    ('decisions',)
    """
    version = "2019" if layout == "standard_2019" else "2021"
    return tuple(
        c.key
        for c in ACTIVE_COLUMNS
        if row in c.rows and (c.label_2019 if version == "2019" else c.label_2021) is not None
    )


def read_active(text: str, layout: str, view: Compact | None = None) -> list[RowRead]:
    """Table 二 rows from the text (no sum rule: a glued run is read only when unambiguous).

    >>> rows = read_active("第二十条第（五）项 信息内容 本年处理决定数量 行政许可 9487", "standard_2021")
    >>> [(r.key, [c.value for c in r.candidates[0]]) for r in rows]
    [('licensing', [9487])]
    """
    if layout not in ("standard_2019", "standard_2021"):
        return []
    view = view or compact(text)
    start = view.text.find("第二十条")
    if start < 0:
        return []
    t3 = _table3_bounds(view)
    stop = t3[0] if t3 and t3[0] > start else len(view.text)
    specs = [r for r in ACTIVE_ROWS if (r.label_2019 if layout == "standard_2019" else r.label_2021)]
    found = _locate(view, specs, start, stop)
    limit = view.to_source(stop, stop + 1)[0] if stop < len(view.text) else len(text)
    shapes = {r.key: (len(active_columns(layout, r.key)),) for r in specs}
    return _rows(text, view, "active_disclosure", found, limit, shapes, False)


def read_review(text: str, view: Compact | None = None) -> list[RowRead]:
    """Table 四: the fifteen numbers after the 行政复议/行政诉讼 header, in template order.

    >>> row = read_review("行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计 " + "1 0 0 0 1 " * 3)[0]
    >>> [c.value for c in row.candidates[0]][:5]
    [1, 0, 0, 0, 1]
    """
    view = view or compact(text)
    t3 = _table3_bounds(view)
    begin = t3[1] if t3 else 0
    head = view.text.find("行政复议", begin)
    if head < 0:
        return []
    first = view.text.find("结果", head)
    if first < 0 or first - head > 40:
        return []
    pos = view.to_source(first, first + 1)[0]
    tokens: list[Token] = []
    while pos < len(text) and len(tokens) < 15:
        ch = text[pos]
        if ch.isspace() or ch in _REVIEW_HEADER_CHARS:
            pos += 1
            continue
        line_end = text.find("\n", pos)
        line = text[pos : len(text) if line_end < 0 else line_end]
        if _SEPARATOR.match(line):
            pos += len(line)
            continue
        m = _TOKEN.match(text, pos)
        if m is None:
            break
        tokens.append(Token(m.group("tok"), m.start("tok"), m.end("tok")))
        pos = m.end()
    cands = resolve(tokens, (5, 5, 5), sums=True) if tokens else []
    s, e = view.to_source(head, head + 4)
    return [
        RowRead("review_litigation", "all", cands, text[s:e], s, e, "text", " ".join(t.raw for t in tokens))
    ]
