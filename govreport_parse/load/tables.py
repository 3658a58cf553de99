"""Shared by the DOCX and HTML readers: merged-cell grids and the text builder.

A table arrives as rows of :class:`CellSpec` (text, row span, column span and,
for Word, an explicit grid column). :func:`expand_grid` places them in a dense
grid the way a browser does: each cell takes the next free slot of its row
(or its explicit column), and its spans cover the slots to the right and
below. The anchor slot holds the cell; covered slots hold ``None``.

:class:`TextBuilder` assembles the body text and renders a table into it,
one grid row a line, grid slots separated by a tab (covered and empty slots
are empty fields, trailing empty fields are dropped), so that every
:class:`~govreport_parse.model.RawCell` indexes its own characters.

>>> grid = expand_grid([[CellSpec("a", colspan=2), CellSpec("b", rowspan=2)], [CellSpec("c"), CellSpec("d")]])
>>> [[c.text if c else None for c in row] for row in grid]
[['a', None, 'b'], ['c', 'd', None]]
>>> tb = TextBuilder()
>>> tb.paragraph("表一")
>>> t = tb.table(grid)
>>> tb.text()
'表一\\na\\t\\tb\\nc\\td'
>>> [tb.text()[c.start:c.end] for row in t.rows for c in row if c]
['a', 'b', 'c', 'd']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import RawCell, RawTable

__all__ = ["MAX_COLSPAN", "CellSpec", "TextBuilder", "expand_grid", "join_lines"]

MAX_COLSPAN = 1000  # browsers clamp colspan at 1000
MAX_GRID_SLOTS = 1_000_000
MAX_SPANNED_SLOTS = 100_000
"""Slots all spans of one table may cover; a span beyond it covers only its own slot."""

CELL_SEPARATOR = "\t"

_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


@dataclass(slots=True)
class CellSpec:
    """One cell as written in the source: its text and spans (``col`` for Word's grid)."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    col: int | None = None


def join_lines(parts: Sequence[str]) -> str:
    """Join the lines of one cell into one line: no space between CJK characters.

    >>> join_lines(["本年新", "制作数量"]), join_lines(["Total", "2021"])
    ('本年新制作数量', 'Total 2021')
    """
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out and not (_CJK.match(out[-1]) or _CJK.match(part[0])):
            out += " "
        out += part
    return out


def expand_grid(rows: Sequence[Sequence[CellSpec]]) -> list[list[CellSpec | None]]:
    """Place cells with spans into a dense grid (``None`` for covered or missing slots)."""
    n_rows = len(rows)
    taken: dict[tuple[int, int], CellSpec | None] = {}
    width = 0
    spanned = 0
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            # an explicit column (Word's grid) is honoured while the grid stays bounded
            if cell.col is not None and (max(cell.col, 0) + 1) * n_rows <= MAX_GRID_SLOTS:
                c = max(cell.col, 0)
            while (r, c) in taken:
                c += 1
            rowspan = max(1, min(cell.rowspan, n_rows - r))
            colspan = max(1, min(cell.colspan, MAX_COLSPAN))
            if (width + colspan) * n_rows > MAX_GRID_SLOTS:
                colspan = 1
            # spans only cover slots while the grid stays bounded (rowspan="0" on every row
            # would otherwise push each row one column further right: rows x rows slots)
            if spanned + rowspan * colspan > MAX_SPANNED_SLOTS or (c + colspan) * n_rows > MAX_GRID_SLOTS:
                rowspan = colspan = 1
            if rowspan * colspan > 1:
                spanned += rowspan * colspan
            taken[(r, c)] = cell
            for dr in range(rowspan):
                for dc in range(colspan):
                    if dr or dc:
                        taken.setdefault((r + dr, c + dc), None)
            c += colspan
            width = max(width, c)
    return [[taken.get((r, c)) for c in range(width)] for r in range(n_rows)]


class TextBuilder:
    """Accumulate paragraphs and tables into one text, tracking offsets."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._len = 0
        self.tables: list[RawTable] = []

    def _emit(self, s: str) -> None:
        self._parts.append(s)
        self._len += len(s)

    def _newline(self) -> None:
        if self._len:
            self._emit("\n")

    @property
    def offset(self) -> int:
        """Current length of the text."""
        return self._len

    def paragraph(self, line: str) -> None:
        """Add one paragraph (empty ones are skipped; inner newlines are kept)."""
        if line.strip():
            self._newline()
            self._emit(line)

    def table(self, grid: Sequence[Sequence[CellSpec | None]]) -> RawTable:
        """Render a dense grid into the text and record it as a :class:`RawTable`."""
        rows: list[tuple[RawCell | None, ...]] = []
        start = -1
        end = -1
        for grid_row in grid:
            fields = [cell.text.replace("\n", " ").strip() if cell is not None else "" for cell in grid_row]
            last = max((i for i, f in enumerate(fields) if f), default=-1)
            cells: list[RawCell | None] = []
            if last >= 0:
                self._newline()
                if start < 0:
                    start = self._len
            for i, (cell, field) in enumerate(zip(grid_row, fields, strict=True)):
                at = self._len
                if i <= last:
                    if i:
                        self._emit(CELL_SEPARATOR)
                    at = self._len
                    self._emit(field)
                cells.append(None if cell is None else RawCell(text=field, start=at, end=at + len(field)))
            if last >= 0:
                end = self._len
            rows.append(tuple(cells))
        table = RawTable(rows=tuple(rows), start=start, end=end)
        if start >= 0:
            self.tables.append(table)
        return table

    def text(self) -> str:
        """The text so far."""
        return "".join(self._parts)
