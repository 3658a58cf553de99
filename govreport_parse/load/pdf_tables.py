"""Ruled tables from pdfium's path objects, with pdfplumber's table steps.

pdfplumber finds a ruled table in four module-level steps that work on plain
edge records: ``merge_edges`` → ``edges_to_intersections`` →
``intersections_to_cells`` → ``cells_to_tables``. Here they run on the edges
:mod:`~govreport_parse.load.pdf_glyphs` took from pdfium (plus the closing
rules of a table cut by a page end, :func:`close_open_ends`), so pdfplumber
never parses the page itself; the cell step is an indexed copy of
pdfplumber's (:func:`intersections_to_cells`, same result). The cells become a grid (merged cells span several
grid slots), glyphs are assigned to cells by their centre, and each table is
written into the text row by row: cells separated by a tab, one row a line,
a cell's own lines joined without a break (so a vertical label written one
character a line reads whole).

>>> from govreport_parse.load.pdf_glyphs import Edge
>>> edges = [Edge("h", 0, 100, y, y) for y in (0, 20, 40)] + [Edge("v", x, x, 0, 40) for x in (0, 50, 100)]
>>> [(t.n_rows, t.n_cols, t.bbox) for t in find_tables(edges)]
[(2, 2, (0.0, 0.0, 100.0, 40.0))]
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import RawCell
from .pdf_glyphs import Edge, Glyph
from .pdf_layout import TextBuilder, group_lines

__all__ = [
    "CellBox",
    "PlacedTable",
    "TableGrid",
    "assign_glyphs",
    "close_open_ends",
    "find_tables",
    "intersections_to_cells",
    "write_table",
]

#: pdfplumber's defaults for its "lines" strategy
SNAP = 3.0
JOIN = 3.0
INTERSECT = 3.0
#: more horizontal x vertical line pairs than this is a drawing (a chart, a map), not a table
MAX_CROSSINGS = 250_000
#: column boundaries closer than this are one boundary
SAME_X = 1.5


@dataclass(frozen=True, slots=True)
class CellBox:
    """One cell: its box and the grid slots it covers (``row:row_end``, ``col:col_end``)."""

    x0: float
    top: float
    x1: float
    bottom: float
    row: int
    col: int
    row_end: int
    col_end: int


@dataclass(frozen=True, slots=True)
class TableGrid:
    """A table found on a page: boundaries of its grid and its cells in row order."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    cells: tuple[CellBox, ...]

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    def contains(self, x: float, y: float) -> bool:
        return self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]


@dataclass(slots=True)
class PlacedTable:
    """A table as written into the text (rows of ``(column x0, cell)``), before
    it becomes a :class:`~govreport_parse.model.RawTable` (after page joins)."""

    page: int
    xs: list[float]
    rows: list[list[tuple[float, RawCell]]] = field(default_factory=list)
    row_spans: list[tuple[int, int]] = field(default_factory=list)
    start: int = -1
    end: int = -1


def find_tables(edges: Sequence[Edge]) -> list[TableGrid]:
    """Ruled tables formed by ``edges`` (top to bottom)."""
    if len(edges) < 4:
        return []
    from pdfplumber import table as pt

    records = [e.as_plumber() for e in (*edges, *close_open_ends(edges))]
    merged = pt.merge_edges(records, SNAP, SNAP, JOIN, JOIN)
    merged = [
        e for e in merged if (e["x1"] - e["x0"] if e["orientation"] == "h" else e["bottom"] - e["top"]) >= 3
    ]
    if len(merged) < 4:
        return []
    n_h = sum(1 for e in merged if e["orientation"] == "h")
    if n_h * (len(merged) - n_h) > MAX_CROSSINGS:
        raise ValueError(f"{n_h} horizontal x {len(merged) - n_h} vertical lines is a drawing, not a table")
    points = pt.edges_to_intersections(merged, INTERSECT, INTERSECT)
    cells = intersections_to_cells(points)
    return [g for g in (_grid(t) for t in pt.cells_to_tables(cells)) if g is not None]


Box = tuple[float, float, float, float]


def intersections_to_cells(
    intersections: dict[tuple[float, float], dict[str, list[dict[str, Any]]]],
) -> list[Box]:
    """``pdfplumber.table.intersections_to_cells`` with indexes: the same cells
    in the same order, without its quadratic scans (which cost more than the
    rest of the page on a big table).

    For each intersection, in (x, top) order, the smallest cell is the first
    point below and the first point to its right (each joined to it by a
    common edge) whose opposite corner is an intersection joined to both.
    """

    def bbox(e: dict[str, Any]) -> Box:
        return (e["x0"], e["top"], e["x1"], e["bottom"])

    v_sets = {p: {bbox(e) for e in d["v"]} for p, d in intersections.items()}
    h_sets = {p: {bbox(e) for e in d["h"]} for p, d in intersections.items()}
    points = sorted(intersections)
    column: dict[float, list[tuple[float, float]]] = {}
    row: dict[float, list[tuple[float, float]]] = {}
    for p in points:  # sorted by (x, top): each column is top-down, each row left-right
        column.setdefault(p[0], []).append(p)
        row.setdefault(p[1], []).append(p)
    cells: list[Box] = []
    for p in points:
        below = [q for q in column[p[0]] if q[1] > p[1] and v_sets[p] & v_sets[q]]
        right = [q for q in row[p[1]] if q[0] > p[0] and h_sets[p] & h_sets[q]]
        found = None
        for b in below:
            for r in right:
                corner = (r[0], b[1])
                if corner in intersections and v_sets[corner] & v_sets[r] and h_sets[corner] & h_sets[b]:
                    found = (p[0], p[1], corner[0], corner[1])
                    break
            if found:
                break
        if found:
            cells.append(found)
    return cells


def close_open_ends(edges: Sequence[Edge]) -> list[Edge]:
    """Horizontal rules a table is missing where it breaks at a page end.

    A table cut by a page break often has no closing (or opening) rule: its
    vertical rules just stop together. Where at least three vertical rules
    end at the same height with no horizontal rule there, one is added.

    >>> v = [Edge("v", x, x, 0, 50) for x in (0, 40, 80)] + [Edge("h", 0, 80, 0, 0)]
    >>> close_open_ends(v)
    [Edge(orientation='h', x0=0.0, x1=80.0, top=50.0, bottom=50.0)]
    """
    verticals = [e for e in edges if e.orientation == "v"]
    horizontals = [e for e in edges if e.orientation == "h"]
    added: list[Edge] = []
    for ends in ([e.top for e in verticals], [e.bottom for e in verticals]):
        for y in _bounds(ends):
            at = [e for e, end in zip(verticals, ends, strict=True) if abs(end - y) <= SNAP]
            if len(at) < 3:
                continue
            x0, x1 = min(e.x0 for e in at), max(e.x0 for e in at)
            covered = any(
                abs(h.top - y) <= SNAP and h.x0 <= x0 + SNAP and h.x1 >= x1 - SNAP for h in horizontals
            )
            if not covered:
                added.append(Edge("h", float(x0), float(x1), float(y), float(y)))
    return added


def _bounds(values: Sequence[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > SAME_X:
            out.append(float(v))
    return out


def _grid(boxes: Sequence[tuple[float, float, float, float]]) -> TableGrid | None:
    xs = _bounds([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = _bounds([b[1] for b in boxes] + [b[3] for b in boxes])
    if len(xs) < 2 or len(ys) < 2:
        return None

    def index(bounds: list[float], v: float) -> int:
        return max(0, min(len(bounds) - 1, bisect_right(bounds, v + SAME_X) - 1))

    cells = []
    for x0, top, x1, bottom in boxes:
        row, col = index(ys, top), index(xs, x0)
        row_end, col_end = max(index(ys, bottom), row + 1), max(index(xs, x1), col + 1)
        cells.append(CellBox(float(x0), float(top), float(x1), float(bottom), row, col, row_end, col_end))
    cells.sort(key=lambda c: (c.row, c.col))
    return TableGrid(xs=tuple(xs), ys=tuple(ys), cells=tuple(cells))


def assign_glyphs(grid: TableGrid, glyphs: Sequence[Glyph]) -> tuple[list[list[Glyph]], list[Glyph]]:
    """Glyphs of each cell (parallel to ``grid.cells``) and the glyphs outside every cell."""
    slots: dict[tuple[int, int], int] = {}
    for i, c in enumerate(grid.cells):
        for r in range(c.row, c.row_end):
            for k in range(c.col, c.col_end):
                slots.setdefault((r, k), i)
    inside: list[list[Glyph]] = [[] for _ in grid.cells]
    outside: list[Glyph] = []
    xs, ys = grid.xs, grid.ys
    for g in glyphs:
        x, y = (g.x0 + g.x1) / 2, (g.top + g.bottom) / 2
        if not grid.contains(x, y):
            outside.append(g)
            continue
        slot = slots.get((bisect_right(ys, y) - 1, bisect_right(xs, x) - 1))
        if slot is None:
            outside.append(g)
        else:
            inside[slot].append(g)
    return inside, outside


def write_table(
    builder: TextBuilder, grid: TableGrid, cell_glyphs: Sequence[Sequence[Glyph]], page: int
) -> PlacedTable:
    """Write the table into ``builder`` (one row a line, cells tab-separated)."""
    placed = PlacedTable(page=page, xs=list(grid.xs), start=builder.pos)
    by_row: dict[int, list[int]] = {}
    for i, c in enumerate(grid.cells):
        by_row.setdefault(c.row, []).append(i)
    for r in sorted(by_row):
        row_start = builder.pos
        row: list[tuple[float, RawCell]] = []
        for j, i in enumerate(sorted(by_row[r], key=lambda i: grid.cells[i].col)):
            if j:
                builder.write("\t")
            point = builder.checkpoint()
            _write_cell(builder, cell_glyphs[i])
            text = builder.unmarked_since(point)
            row.append((grid.xs[grid.cells[i].col], RawCell(text=text, start=point[0], end=builder.pos)))
        builder.write("\n")
        placed.rows.append(row)
        placed.row_spans.append((row_start, builder.pos))
    placed.end = builder.pos
    return placed


def _write_cell(builder: TextBuilder, glyphs: Sequence[Glyph]) -> None:
    prev: Glyph | None = None
    for line in group_lines(glyphs):
        if prev is not None and prev.char.isascii() and prev.char.isalnum():
            first = line[0].char
            if first.isascii() and first.isalnum():
                builder.write(" ")
        prev = builder.write_glyphs(line, prev=prev)
